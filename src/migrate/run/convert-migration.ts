import { decodePropertyId, type PageRow } from '../core/cells.js';
import { alreadyHolds, checkConvertSpec, formulasReferring, previewConversion, targetFor, type ConversionPreview } from '../core/conversion-plan.js';
import { migrationId, temporaryPropertyName } from './identity.js';
import { targetValuePatch } from '../core/page-bodies.js';
import {
  addPropertyPatch, deletePropertyPatch, findLiveProperty, readLiveProperties, renamePropertyPatch, type LiveProperty,
} from '../core/schema-bodies.js';
import { getDataSource, type QueryBody } from '../paths.js';
import { patchChecked } from './schema-write.js';
import type { ConvertMigrationSpec, MigrationResult } from '../types.js';
import { MigrationError, runtime, type RunOptions } from './context.js';
import { migrationJournalPath, openJournalWriter, pagesByPass, readJournal } from './journal.js';
import { queryAll, type QueryResult } from './query.js';
import { runRewritePass } from './rewrite.js';
import type { NotionClient } from '../../notion/types.js';

/** Values that do not convert and no rule says what to do with them: refused before any write. */
export class UnconvertibleValuesError extends MigrationError {
  constructor(readonly property: string, readonly values: ConversionPreview['unconvertible']) {
    super(
      `${values.length} value(s) of "${property}" do not convert; nothing was written. Map them (\`map:\`), or set \`on_unconvertible: empty\` to clear them.`,
      values.slice(0, 50).map((v) => `page "${v.title}" (${v.pageId}): "${v.value}": ${v.reason}`),
    );
  }
}

/** Pages to read: those with a value in the old or the temporary property (a person may clear one). */
export function conversionFilter(spec: ConvertMigrationSpec, sourceId: string, tempId: string | null): QueryBody['filter'] | undefined {
  if (spec.from === 'checkbox') return undefined;
  const has = (id: string, type: string): unknown => type === 'checkbox' ? { property: id, checkbox: { equals: true } } : { property: id, [type]: { is_not_empty: true } };
  const parts = [has(sourceId, spec.from), ...(tempId !== null ? [has(tempId, spec.to)] : [])];
  return (parts.length === 1 ? parts[0] : { or: parts }) as QueryBody['filter'];
}

/** The source property and what the preflight needs; throws when the conversion cannot start. */
export function conversionSource(ds: unknown, spec: ConvertMigrationSpec): { prop: LiveProperty; all: readonly LiveProperty[] } {
  const problems = checkConvertSpec(spec);
  if (problems.length > 0) throw new MigrationError(`cannot convert property ${spec.propertyId}: ${problems.join('; ')}`);
  const all = readLiveProperties(ds);
  const prop = findLiveProperty(all, spec.propertyId);
  if (prop === undefined) throw new MigrationError(`property ${spec.propertyId} does not exist on data source ${spec.dataSourceId}`);
  if (prop.type !== spec.from) throw new MigrationError(`property "${prop.name}" is ${prop.type}, not ${spec.from}; re-run plan`);
  const formulas = formulasReferring(all, prop.name);
  if (formulas.length > 0) {
    throw new MigrationError(`converting "${prop.name}" replaces it with a new property (a new id), which would break formula(s) ${formulas.map((f) => `"${f}"`).join(', ')}; change them first`);
  }
  return { prop, all };
}

/** Reads every page with a value and previews the conversion (no write). */
export async function preflightConversion(client: NotionClient, spec: ConvertMigrationSpec, prop: LiveProperty, tempId: string | null): Promise<{ preview: ConversionPreview; query: QueryResult }> {
  const props = tempId === null ? [prop.id] : [prop.id, tempId];
  const query = await queryAll(client, spec.dataSourceId, props, conversionFilter(spec, prop.id, tempId));
  const colours = new Map(prop.options.map((o) => [o.name, o.color]));
  return { preview: previewConversion(spec, query.rows, decodePropertyId(prop.id), colours), query };
}

function rewriter(spec: ConvertMigrationSpec, sourceId: string, temp: LiveProperty): (row: PageRow) => ReturnType<typeof targetValuePatch> | null {
  const ids = new Map(temp.options.map((o) => [o.name, o.id]));
  const tempKey = decodePropertyId(temp.id);
  return (row) => {
    const t = targetFor(spec, row.cells.get(sourceId));
    if ('reason' in t) throw new UnconvertibleValuesError(temp.name, [{ pageId: row.id, title: row.title, value: '', reason: `${t.reason} (a new value, entered during the migration)` }]);
    if (alreadyHolds(row.cells.get(tempKey), t)) return null;
    return targetValuePatch(temp.id, t, (name) => ids.get(name) ?? name);
  };
}

/**
 * Runs (or resumes) a type conversion: preflight (refuses unconvertible values before any write),
 * temporary property, copy in rounds until a full re-read finds nothing to rewrite, remove the
 * old property, rename the temporary one. Each step is recognised from the live schema on resume.
 */
export async function runConvertMigration(client: NotionClient, spec: ConvertMigrationSpec, opts: RunOptions): Promise<MigrationResult> {
  const rt = runtime(client, opts);
  const id = migrationId(spec);
  const file = migrationJournalPath(opts.stateDir, id);
  const entries = readJournal(file);
  const start = entries.find((e) => e.t === 'start');
  const recordedName = start?.t === 'start' ? start.info?.['propertyName'] : undefined;
  let ds: unknown = await getDataSource(client, spec.dataSourceId);
  const live = readLiveProperties(ds);
  const old = findLiveProperty(live, spec.propertyId);
  const name = old?.name ?? recordedName;
  if (name === undefined) throw new MigrationError(`property ${spec.propertyId} does not exist on data source ${spec.dataSourceId}`);
  const tempName = temporaryPropertyName(name, id);
  const writesBefore = pagesByPass(entries).get(0)?.size ?? 0;
  const journal = openJournalWriter(file);
  try {
    if (entries.length === 0) journal.append({ t: 'start', id, spec, at: new Date().toISOString(), info: { propertyName: name } });
    rt.onEvent({ type: 'start', id, journal: file, resumed: entries.length > 0, doneBefore: writesBefore });
    // By the id the journal recorded when it was added (someone may have renamed it since), else by name.
    const recordedTemp = entries.flatMap((e) => (e.t === 'schema' && e.property !== undefined ? [e.property] : []))[0];
    let temp = (recordedTemp !== undefined ? findLiveProperty(live, recordedTemp) : undefined) ?? live.find((p) => p.name === tempName);
    let writes = 0;
    const rounds: number[] = [];
    const skipped: string[] = [];
    if (old !== undefined) {
      const { prop } = conversionSource(ds, spec);
      const { preview, query } = await preflightConversion(client, spec, prop, temp?.id ?? null);
      if (preview.unconvertible.length > 0) throw new UnconvertibleValuesError(prop.name, preview.unconvertible);
      if (temp === undefined) {
        if (preview.options.length > 100) throw new MigrationError(`"${prop.name}" would need ${preview.options.length} options; Notion allows 100`);
        ds = await patchChecked(client, spec.dataSourceId, addPropertyPatch(tempName, spec.to, prop.description, preview.options, spec.numberFormat),
          (d) => readLiveProperties(d).some((p) => p.name === tempName));
        temp = readLiveProperties(ds).find((p) => p.name === tempName);
        if (temp === undefined) throw new MigrationError(`adding the temporary property "${tempName}" did not take effect`);
        journal.append({ t: 'schema', action: `added property "${tempName}" (${spec.to})`, at: new Date().toISOString(), property: temp.id });
        rt.onEvent({ type: 'schema', action: `added property "${tempName}"` });
      }
      const label = `"${prop.name}" ${spec.from} → ${spec.to}`;
      journal.append({ t: 'pass', pass: 0, label, at: new Date().toISOString() });
      rt.onEvent({ type: 'pass', pass: 0, passes: 1, label });
      const tempProp = temp;
      const r = await runRewritePass({ ...rt, journal, doneBefore: writesBefore }, {
        pass: 0, dataSourceId: spec.dataSourceId, filter: conversionFilter(spec, prop.id, tempProp.id), filterProperties: [prop.id, tempProp.id],
        rewrite: rewriter(spec, decodePropertyId(prop.id), tempProp),
        // The preflight read is the first round: same filter, and a temporary property created since is empty.
        initial: query,
      });
      writes = r.writes;
      rounds.push(r.rounds);
      for (const id of r.skipped) skipped.push(id);
      const fresh = findLiveProperty(readLiveProperties(await getDataSource(client, spec.dataSourceId)), spec.propertyId);
      if (fresh !== undefined) {
        await patchChecked(client, spec.dataSourceId, deletePropertyPatch(fresh.id), (d) => findLiveProperty(readLiveProperties(d), spec.propertyId) === undefined);
        journal.append({ t: 'schema', action: `removed property "${name}"`, at: new Date().toISOString() });
        rt.onEvent({ type: 'schema', action: `removed property "${name}"` });
      }
    }
    if (temp === undefined) {
      const done = live.find((p) => p.name === name && p.type === spec.to);
      if (done === undefined || entries.length === 0) throw new MigrationError(`neither "${name}" nor its temporary property "${tempName}" exists; nothing to resume`);
      journal.append({ t: 'done', at: new Date().toISOString() });
      return { id, journal: file, writes, writesBefore, rounds, skipped, newPropertyId: done.id };
    }
    const tempId = temp.id;
    await patchChecked(client, spec.dataSourceId, renamePropertyPatch(tempId, name),
      (d) => findLiveProperty(readLiveProperties(d), tempId)?.name === name);
    journal.append({ t: 'schema', action: `renamed "${tempName}" to "${name}"`, at: new Date().toISOString() });
    rt.onEvent({ type: 'schema', action: `renamed "${tempName}" to "${name}"` });
    journal.append({ t: 'done', at: new Date().toISOString() });
    rt.onEvent({ type: 'done', id, writes });
    return { id, journal: file, writes, writesBefore, rounds, skipped, newPropertyId: temp.id };
  } finally {
    journal.close();
  }
}
