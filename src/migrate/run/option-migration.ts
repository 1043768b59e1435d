import { decodePropertyId } from '../core/cells.js';
import { migrationId } from './identity.js';
import {
  currentPass, liveOption, optionPasses, rewriteOptionCell, type LiveOption, type OptionPass,
} from '../core/option-passes.js';
import { optionValuePatch } from '../core/page-bodies.js';
import { addOptionPatch, findLiveProperty, readLiveProperties, removeOptionPatch, type LiveProperty } from '../core/schema-bodies.js';
import { getDataSource, type QueryBody } from '../paths.js';
import { patchChecked } from './schema-write.js';
import type { MigrationResult, OptionMigrationSpec } from '../types.js';
import { migrationJournalPath, openJournalWriter, pagesByPass, readJournal, type JournalEntry, type JournalWriter } from './journal.js';
import { MigrationError, runtime, type RunOptions, type Runtime } from './context.js';
import { runRewritePass } from './rewrite.js';

/** Reads the property of the spec from a data source response, checking its type. */
export function optionProperty(ds: unknown, spec: OptionMigrationSpec): LiveProperty {
  const prop = findLiveProperty(readLiveProperties(ds), spec.propertyId);
  if (prop === undefined) throw new MigrationError(`property ${spec.propertyId} no longer exists on data source ${spec.dataSourceId}`);
  if (prop.type !== spec.propertyType) {
    throw new MigrationError(`property "${prop.name}" is a ${prop.type} property now, not ${spec.propertyType}; re-run plan`);
  }
  return prop;
}

/** The colour the source option has live, or had when the migration started (from the journal). */
export function sourceColour(spec: OptionMigrationSpec, options: readonly LiveOption[], entries: readonly JournalEntry[], id: string): string {
  const start = entries.find((e) => e.t === 'start');
  const recorded = start?.t === 'start' ? start.info?.['sourceColor'] : undefined;
  if (recorded !== undefined) return recorded;
  const isFinal = (o: LiveOption): boolean => o.name === spec.to.name && spec.to.color !== undefined && o.color === spec.to.color;
  const live = options.find((o) => o.name === spec.from && !isFinal(o));
  if (live !== undefined) return live.color;
  const temp = options.find((o) => o.name.endsWith(`(migrating ${id.slice(-8)})`));
  return temp?.color ?? 'default';
}

/** The query for pages holding `name`: by option name (Notion filters options by name). */
export function holdingFilter(prop: LiveProperty, name: string): QueryBody['filter'] {
  const cond = prop.type === 'multi_select' ? { contains: name } : { equals: name };
  return { property: prop.id, [prop.type]: cond } as unknown as QueryBody['filter'];
}

async function onePass(rt: Runtime, journal: JournalWriter, spec: OptionMigrationSpec, prop0: LiveProperty, pass: OptionPass, index: number, strict: boolean, doneBefore: number): Promise<{ prop: LiveProperty; writes: number; rounds: number; skipped: readonly string[] }> {
  let prop = prop0;
  const source = liveOption(prop.options, pass.source, strict && index === 0);
  if (source === undefined) throw new MigrationError(`option "${pass.source.name}" vanished from "${prop.name}" before pass ${index + 1}`);
  let target = liveOption(prop.options, pass.target, strict);
  if (target === undefined) {
    const group = prop.type === 'status' ? prop.groupOf.get(source.id) : undefined;
    prop = optionProperty(await patchChecked(rt.client, spec.dataSourceId, addOptionPatch(prop, pass.target, group, source.description),
      (ds) => liveOption(optionProperty(ds, spec).options, pass.target, strict) !== undefined), spec);
    target = liveOption(prop.options, pass.target, strict);
    if (target === undefined) throw new MigrationError(`adding option "${pass.target.name}" to "${prop.name}" did not take effect`);
    journal.append({ t: 'schema', action: `added option "${pass.target.name}" (${pass.target.color})`, at: new Date().toISOString() });
    rt.onEvent({ type: 'schema', action: `added option "${pass.target.name}"` });
  }
  const sourceId = source.id;
  const targetId = target.id;
  const propId = decodePropertyId(prop.id);
  const outcome = await runRewritePass({
    client: rt.client, journal, doneBefore, concurrency: rt.concurrency, maxRounds: rt.maxRounds, onEvent: rt.onEvent,
  }, {
    pass: index, dataSourceId: spec.dataSourceId, filter: holdingFilter(prop, source.name), filterProperties: [prop.id],
    rewrite: (row) => {
      const cell = row.cells.get(propId);
      const v = cell === undefined ? null : rewriteOptionCell(cell, sourceId, targetId);
      return v === null ? null : optionValuePatch(prop.id, spec.propertyType, v);
    },
  });
  // Only now, with no page left holding it, the source option goes.
  const fresh = optionProperty(await getDataSource(rt.client, spec.dataSourceId), spec);
  let after = fresh;
  if (fresh.options.some((o) => o.id === sourceId)) {
    after = optionProperty(await patchChecked(rt.client, spec.dataSourceId, removeOptionPatch(fresh, sourceId),
      (ds) => !optionProperty(ds, spec).options.some((o) => o.id === sourceId)), spec);
    journal.append({ t: 'schema', action: `removed option "${source.name}"`, at: new Date().toISOString() });
    rt.onEvent({ type: 'schema', action: `removed option "${source.name}"` });
  }
  return { prop: after, ...outcome };
}

/**
 * Runs (or resumes) an option rename / recolour. Where it stands is read from the live options
 * (currentPass), never from the journal alone; the journal supplies the counts of earlier runs.
 */
export async function runOptionMigration(
  client: Parameters<typeof runtime>[0], spec: OptionMigrationSpec, opts: RunOptions,
): Promise<MigrationResult> {
  const rt = runtime(client, opts);
  const id = migrationId(spec);
  const file = migrationJournalPath(opts.stateDir, id);
  const entries = readJournal(file);
  let prop = optionProperty(await getDataSource(client, spec.dataSourceId), spec);
  const colour = sourceColour(spec, prop.options, entries, id);
  if (spec.from === spec.to.name && (spec.to.color === undefined || spec.to.color === colour) && entries.length === 0) {
    throw new MigrationError(`option "${spec.from}" of "${prop.name}" already has that name and colour: nothing to migrate`);
  }
  const passes = optionPasses(spec, colour, id);
  const cur = currentPass(passes, prop.options);
  if (typeof cur !== 'number') throw new MigrationError(`cannot migrate option "${spec.from}" of "${prop.name}": ${cur.error}`);
  const journal = openJournalWriter(file);
  try {
    const done = pagesByPass(entries);
    const writesBefore = [...done.values()].reduce((a, s) => a + s.size, 0);
    if (entries.length === 0) journal.append({ t: 'start', id, spec, at: new Date().toISOString(), info: { sourceColor: colour } });
    rt.onEvent({ type: 'start', id, journal: file, resumed: entries.length > 0, doneBefore: writesBefore });
    let writes = 0;
    const rounds: number[] = [];
    const skipped: string[] = [];
    for (let i = cur; i < passes.length; i++) {
      const p = passes[i]!;
      const label = `"${p.source.name}" → "${p.target.name}" (${p.target.color})`;
      journal.append({ t: 'pass', pass: i, label, at: new Date().toISOString() });
      rt.onEvent({ type: 'pass', pass: i, passes: passes.length, label });
      const r = await onePass(rt, journal, spec, prop, p, i, passes.length > 1, done.get(i)?.size ?? 0);
      prop = r.prop;
      writes += r.writes;
      rounds.push(r.rounds);
      for (const id of r.skipped) skipped.push(id);
    }
    journal.append({ t: 'done', at: new Date().toISOString() });
    rt.onEvent({ type: 'done', id, writes });
    return { id, journal: file, writes, writesBefore, rounds, skipped };
  } finally {
    journal.close();
  }
}
