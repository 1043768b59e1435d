import type { NotionClient } from '../../notion/types.js';
import { decodePropertyId } from '../core/cells.js';
import { totalCost, type PassCost } from '../core/estimate.js';
import { migrationId, temporaryPropertyName } from './identity.js';
import { currentPass, liveOption, optionPasses, rewriteOptionCell } from '../core/option-passes.js';
import { alreadyHolds } from '../core/conversion-plan.js';
import { getDataSource } from '../paths.js';
import type { ConvertMigrationSpec, MigrationCount, MigrationSpec, OptionMigrationSpec } from '../types.js';
import { MigrationError } from './context.js';
import { conversionSource, preflightConversion } from './convert-migration.js';
import { holdingFilter, optionProperty, sourceColour } from './option-migration.js';
import { queryAll } from './query.js';

/** Schema requests of one option pass: PATCH add, GET + PATCH remove (one GET at the start of the run). */
const OPTION_PASS_SCHEMA = 3;
/** Schema requests of a conversion after the first GET: PATCH add, GET + PATCH delete, PATCH rename. */
const CONVERT_SCHEMA = 4;

async function countOption(client: NotionClient, spec: OptionMigrationSpec, rate: number): Promise<MigrationCount> {
  const id = migrationId(spec);
  const prop = optionProperty(await getDataSource(client, spec.dataSourceId), spec);
  // Where a run would start: from the live options alone, so a migration under way counts what is left.
  const passes = optionPasses(spec, sourceColour(spec, prop.options, [], id), id);
  const cur = currentPass(passes, prop.options);
  if (typeof cur !== 'number') throw new MigrationError(`cannot migrate option "${spec.from}" of "${prop.name}": ${cur.error}`);
  const left = passes.slice(cur);
  let n = 0;
  if (left.length > 0) {
    const first = liveOption(prop.options, left[0]!.source, passes.length > 1 && cur === 0);
    const q = await queryAll(client, spec.dataSourceId, [prop.id], holdingFilter(prop, left[0]!.source.name));
    const key = decodePropertyId(prop.id);
    n = q.rows.filter((r) => first !== undefined && rewriteOptionCell(r.cells.get(key) ?? { type: 'other', apiType: '' }, first.id, '\u0000') !== null).length;
  }
  const costs: PassCost[] = left.map(() => ({ writes: n, scanned: n, verifyScans: 1, schemaRequests: OPTION_PASS_SCHEMA }));
  const total = totalCost(costs, rate);
  return {
    id, pages: n, passes: left.length, writes: total.writes, queries: total.queries, schemaRequests: total.schemaRequests + 1,
    requests: total.requests + 1, seconds: (total.requests + 1) / rate, unconvertible: [], targetOptions: [], warnings: [],
  };
}

async function countConvert(client: NotionClient, spec: ConvertMigrationSpec, rate: number): Promise<MigrationCount> {
  const id = migrationId(spec);
  const { prop, all } = conversionSource(await getDataSource(client, spec.dataSourceId), spec);
  // A conversion under way: pages whose temporary property already holds the value are not rewritten.
  const temp = all.find((p) => p.name === temporaryPropertyName(prop.name, id));
  const { preview, query } = await preflightConversion(client, spec, prop, temp?.id ?? null);
  const tempKey = temp !== undefined ? decodePropertyId(temp.id) : null;
  const writes = query.rows.filter((r) => {
    const v = preview.values.get(r.id);
    return v !== undefined && !alreadyHolds(tempKey !== null ? r.cells.get(tempKey) : undefined, v);
  }).length;
  const scanned = query.rows.length;
  const total = totalCost([{ writes, scanned, verifyScans: Math.max(1, Math.ceil(scanned / 100)), schemaRequests: CONVERT_SCHEMA }], rate);
  const requests = total.requests + 1;
  return {
    id, pages: writes, passes: 1, writes, queries: total.queries, schemaRequests: total.schemaRequests + 1, requests, seconds: requests / rate,
    unconvertible: preview.unconvertible, targetOptions: preview.options.map((o) => o.name),
    warnings: [],
  };
}

/**
 * Counts a migration at plan time with the same queries the run makes (same filters, same
 * `filter_properties`): pages to rewrite, requests, and seconds at `rate` requests per second.
 * For a conversion it is also the preflight: `unconvertible` lists values that do not convert.
 * Nothing is written.
 */
export function countMigration(client: NotionClient, spec: MigrationSpec, opts: { readonly rate: number }): Promise<MigrationCount> {
  return spec.kind === 'option' ? countOption(client, spec, opts.rate) : countConvert(client, spec, opts.rate);
}
