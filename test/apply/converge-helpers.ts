import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { applyPlan } from '../../src/apply/index.js';
import { createPlan } from '../../src/pipeline/create-plan.js';
import { parseSchemaText } from '../../src/config/index.js';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import type { ApplyResult } from '../../src/model/apply.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { Plan } from '../../src/model/plan.js';
import type { NotionClient } from '../../src/notion/types.js';

/** A generated property: name → YAML config (flow style). */
export interface GenProperty { readonly name: string; readonly yaml: string }
export interface GenDataSource {
  readonly key: string; readonly title: string; readonly props: readonly GenProperty[];
  /** YAML of the `views:` entries (flow mappings), absent: views not managed. */
  readonly views?: readonly string[];
  readonly exclusive?: boolean;
}
/** A generated schema: one database with 1–2 data sources. */
export interface GenSchema { readonly dataSources: readonly GenDataSource[] }

const COLORS = ['gray', 'blue', 'green', 'red', 'yellow'] as const;
const OPTION_NAMES = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'] as const;

const optionsArb = fc.uniqueArray(fc.constantFrom(...OPTION_NAMES), { minLength: 0, maxLength: 4 }).chain((names) =>
  fc.tuple(...names.map(() => fc.constantFrom(...COLORS))).map((colors) =>
    `[${names.map((n, i) => `{ name: ${n}, color: ${colors[i] ?? 'gray'} }`).join(', ')}]`));

const descArb = fc.option(fc.constantFrom('First', 'Second'), { nil: undefined });
const withDesc = (body: string, d: string | undefined) => (d === undefined ? `{ ${body} }` : `{ ${body}, description: ${d} }`);

/**
 * Property configs by name: the name fixes the type, so random states never ask for a
 * forbidden type conversion (those are manual and tested elsewhere).
 */
const PROPERTY_ARBS: Record<string, fc.Arbitrary<string>> = {
  Notes: descArb.map((d) => withDesc('type: rich_text', d)),
  Amount: fc.tuple(fc.constantFrom('number', 'dollar', 'percent'), descArb).map(([f, d]) => withDesc(`type: number, format: ${f}`, d)),
  Stage: fc.tuple(optionsArb, descArb).map(([o, d]) => withDesc(`type: select, options: ${o}`, d)),
  Tags: optionsArb.map((o) => `{ type: multi_select, options: ${o} }`),
  Done: descArb.map((d) => withDesc('type: checkbox', d)),
  Due: fc.constant('{ type: date }'),
  Link: fc.constant('{ type: url }'),
  Code: fc.constantFrom('{ type: unique_id, prefix: T }', '{ type: unique_id }'),
};

const propsArb: fc.Arbitrary<GenProperty[]> = fc.subarray(Object.keys(PROPERTY_ARBS), { minLength: 0, maxLength: 5 })
  .chain((names) => fc.tuple(...names.map((n) => (PROPERTY_ARBS[n] ?? fc.constant('{ type: rich_text }')).map((yaml) => ({ name: n, yaml })))));

/**
 * Random views over the properties a data source has (the view name fixes its type, so a type change
 * is never asked for): a table with some visible columns and a sort, a board by Stage, a calendar by Due,
 * a list filtered on Done, a gallery; in random order, possibly none.
 */
function viewsArb(names: readonly string[]): fc.Arbitrary<string[] | undefined> {
  const has = (n: string): boolean => names.includes(n);
  const sortable = names.filter((n) => ['Name', 'Notes', 'Amount', 'Due'].includes(n));
  const grid = fc.tuple(fc.subarray([...names], { minLength: 1 }), fc.option(fc.tuple(fc.constantFrom(...sortable), fc.constantFrom('ascending', 'descending')), { nil: undefined }))
    .map(([cols, sort]) => `{ name: Grid, type: table, properties: [${cols.join(', ')}]${sort === undefined ? '' : `, sorts: [{ property: ${sort[0]}, direction: ${sort[1]} }]`} }`);
  const candidates: fc.Arbitrary<string>[] = [
    grid,
    fc.constant('{ name: Gallery, type: gallery }'),
    ...(has('Stage') ? [fc.constantFrom('{ name: Board, type: board, group_by: Stage }', '{ name: Board, type: board, group_by: Stage, filter: { property: Stage, select: { is_not_empty: true } } }')] : []),
    ...(has('Due') ? [fc.constant('{ name: Cal, type: calendar, date_property: Due }')] : []),
    ...(has('Done') ? [fc.constantFrom('{ name: Todo, type: list, filter: { property: Done, checkbox: { equals: false } } }', '{ name: Todo, type: list }')] : []),
  ];
  return fc.option(fc.shuffledSubarray(candidates, { minLength: 0 }).chain((arbs) => (arbs.length === 0 ? fc.constant([]) : fc.tuple(...arbs))), { nil: undefined });
}

const dsArb = (key: string, title: string): fc.Arbitrary<GenDataSource> =>
  propsArb.chain((props) => fc.tuple(viewsArb(['Name', ...props.map((p) => p.name)]), fc.boolean()).map(([views, exclusive]) => ({
    key, title, props: [{ name: 'Name', yaml: '{ type: title }' }, ...props],
    ...(views !== undefined ? { views, exclusive: exclusive && views.length > 0 } : {}),
  })));

/** A relation from main to extra (one-way, or two-way with a named far side), only when extra exists. */
const relationArb = fc.option(fc.constantFrom(
  { name: 'Rel', yaml: '{ type: relation, data_source: db.extra }' },
  { name: 'Pair', yaml: '{ type: relation, data_source: db.extra, dual: { property: Back } }' },
), { nil: undefined });

export const schemaArb: fc.Arbitrary<GenSchema> = fc.tuple(dsArb('main', 'Main'), fc.option(dsArb('extra', 'Extra'), { nil: undefined }), relationArb)
  .map(([a, b, rel]) => {
    if (b === undefined) return { dataSources: [a] };
    if (rel === undefined) return { dataSources: [a, b] };
    const back = rel.name === 'Pair' ? [{ name: 'Back', yaml: '{ type: relation, data_source: db.main, dual: { property: Pair } }' }] : [];
    return { dataSources: [{ ...a, props: [...a.props, rel] }, { ...b, props: [...b.props, ...back] }] };
  });

/** The schema YAML: `copies` databases (`db`, `db2`, …, titled `title`, `title 2`, …) with the same data sources. */
export function schemaYaml(s: GenSchema, parent: string, title: string, copies = 1): string {
  const views = (d: GenDataSource): string => (d.views === undefined ? ''
    : `\n        views: [${d.views.join(', ')}]${d.exclusive === true ? '\n        views_exclusive: true' : ''}`);
  const ds = s.dataSources.map((d) => `      ${d.key}:
        title: ${d.title}
        properties:
${d.props.map((p) => `          ${p.name}: ${p.yaml}`).join('\n')}${views(d)}`).join('\n');
  const dbs = Array.from({ length: copies }, (_, i) => {
    const key = `db${i === 0 ? '' : i + 1}`;
    // Relations target data sources of the same copy.
    return `  ${key}:
    title: ${title}${i === 0 ? '' : ` ${i + 1}`}
    parent: { page_id: "${parent}" }
    data_sources:
${ds.replaceAll('data_source: db.', `data_source: ${key}.`)}`;
  }).join('\n');
  return `version: 1
databases:
${dbs}
`;
}

export function desiredFrom(yaml: string): DesiredState {
  const { desired, diagnostics } = parseSchemaText(yaml, 'notion.schema.yaml');
  if (desired === null) throw new Error(`bad generated schema:\n${yaml}\n${diagnostics.map((d) => d.message).join('\n')}`);
  return desired;
}

export function tempLock(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'ns-converge-')), 'notion-schema.lock.json');
}

/** One plan + apply (destructive allowed, manual skipped). */
export async function planAndApply(client: NotionClient, desired: DesiredState, lockPath: string): Promise<{ plan: Plan; result: ApplyResult }> {
  const { plan, errors } = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
  if (errors.length > 0) throw new Error(`plan errors: ${errors.map((e) => e.message).join('; ')}`);
  const result = await applyPlan(plan, { client, lockPath, desired, allowDestructive: true, skipManual: true, migrateData: true, journalDir: null });
  return { plan, result };
}

/** The next plan's non-manual steps: empty when live equals desired. */
export async function remainingSteps(client: NotionClient, desired: DesiredState, lockPath: string): Promise<string[]> {
  const { plan } = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
  return plan.steps.filter((s) => s.kind !== 'manual').map((s) => `${s.kind} ${s.data_source ?? s.database} ${s.property ?? ''} ${s.reason}`);
}

/** Databases (and their data sources) under `parent`, from the emulator's own view. */
export function liveUnder(emu: EmulatorHandle, parent: string): { id: string; title: string; data_source_ids: string[] }[] {
  const compact = (x: string) => x.replace(/-/g, '');
  return emu.listDatabases().filter((d) => {
    const p = d.parent as { page_id?: string } | null;
    return typeof p?.page_id === 'string' && compact(p.page_id) === compact(parent);
  });
}
