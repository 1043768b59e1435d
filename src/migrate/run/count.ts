import type { NotionClient } from '../../notion/types.js';
import { decodePropertyId } from '../core/cells.js';
import { totalCost, type PassCost } from '../core/estimate.js';
import { migrationId } from '../core/identity.js';
import { currentPass, liveOption, optionPasses, rewriteOptionCell } from '../core/option-passes.js';
import { alreadyHolds } from '../core/conversion-plan.js';
import { getDataSource } from '../paths.js';
import type { ConvertMigrationSpec, MigrationCount, MigrationSpec, OptionMigrationSpec } from '../types.js';
import { MigrationError } from './context.js';
import { conversionSource, preflightConversion } from './convert-migration.js';
import { holdingFilter, optionProperty } from './option-migration.js';
import { queryAll } from './query.js';

/** Schema requests of one option pass: PATCH add, GET + PATCH remove (one GET at the start of the run). */
const OPTION_PASS_SCHEMA = 3;
/** Schema requests of a conversion after the first GET: PATCH add, GET + PATCH delete, PATCH rename. */
const CONVERT_SCHEMA = 4;

async function countOption(client: NotionClient, spec: OptionMigrationSpec, rate: number): Promise<MigrationCount> {
  const id = migrationId(spec);
  const prop = optionProperty(await getDataSource(client, spec.dataSourceId), spec);
  const source = prop.options.find((o) => o.name === spec.from);
  if (source === undefined) throw new MigrationError(`option "${spec.from}" does not exist on "${prop.name}"`);
  const passes = optionPasses(spec, source.color, id);
  const cur = currentPass(passes, prop.options);
  if (typeof cur !== 'number') throw new MigrationError(cur.error);
  const first = liveOption(prop.options, passes[0]!.source, passes.length > 1);
  const q = await queryAll(client, spec.dataSourceId, [prop.id], holdingFilter(prop, spec.from));
  const key = decodePropertyId(prop.id);
  const n = q.rows.filter((r) => first !== undefined && rewriteOptionCell(r.cells.get(key) ?? { type: 'other', apiType: '' }, first.id, '\u0000') !== null).length;
  const costs: PassCost[] = passes.map(() => ({ writes: n, scanned: n, verifyScans: 1, schemaRequests: OPTION_PASS_SCHEMA }));
  const total = totalCost(costs, rate);
  return {
    id, pages: n, passes: passes.length, writes: total.writes, queries: total.queries, schemaRequests: total.schemaRequests + 1,
    requests: total.requests + 1, seconds: (total.requests + 1) / rate, unconvertible: [], targetOptions: [], warnings: [],
  };
}

async function countConvert(client: NotionClient, spec: ConvertMigrationSpec, rate: number): Promise<MigrationCount> {
  const id = migrationId(spec);
  const { prop } = conversionSource(await getDataSource(client, spec.dataSourceId), spec);
  const { preview, query } = await preflightConversion(client, spec, prop, null);
  const writes = query.rows.filter((r) => {
    const v = preview.values.get(r.id);
    return v !== undefined && !alreadyHolds(undefined, v);
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
