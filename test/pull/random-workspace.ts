import fc from 'fast-check';
import type { NumberFormat, OptionColor, RollupFunction, StatusGroupName } from '../../src/model/index.js';
import { OPTION_COLORS, STATUS_GROUPS } from '../../src/model/index.js';
import type { DatabaseDef, DataSourceDef, OptionDef, PropDef, RelationDef, SimpleConfig, WorkspaceDef } from './workspace-spec.js';

/** Titles chosen to collide once slugged, need quoting, or contain `${…}`. */
const TITLES = ['Tasks', 'tasks', 'Task-s', 'CRM', 'Café', '日本語', '${HOME}', 'yes', '123', 'a: b', 'Q&A #1', 'Notes'];
const NAMES = ['Status', 'Due date', 'Priorité', 'Tags', '$cost', 'Notes: misc', 'yes', '123', 'Émoji 🚀', 'a#b', 'x - y', 'null', "It's"];
const OPTION_NAMES = ['Low', 'Medium', 'High', 'yes', '1.5', 'a: b', 'Ünïcode', '${X}', 'Done?'];
const FORMATS: readonly NumberFormat[] = ['number', 'number_with_commas', 'percent', 'dollar', 'euro', 'yen', 'bitcoin'];
const FUNCTIONS: readonly RollupFunction[] = ['count', 'count_values', 'empty', 'not_empty', 'show_original', 'percent_empty'];
const EMPTY_TYPES = ['rich_text', 'date', 'people', 'files', 'checkbox', 'url', 'email', 'phone_number',
  'created_time', 'created_by', 'last_edited_time', 'last_edited_by', 'place'] as const;

const color = fc.constantFrom<OptionColor>(...OPTION_COLORS);
const description = fc.option(fc.constantFrom('Work email', 'Has # and : inside', 'Costs $$ 5', 'Longer text, with commas'), { nil: null });

const options = (max: number): fc.Arbitrary<OptionDef[]> =>
  fc.uniqueArray(fc.constantFrom(...OPTION_NAMES), { maxLength: max, selector: (n) => n.toLowerCase() })
    .chain((names) => fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), color, description })))) as fc.Arbitrary<OptionDef[]>;

const simpleConfig: fc.Arbitrary<SimpleConfig> = fc.oneof(
  fc.constantFrom(...EMPTY_TYPES).map((type) => ({ type })),
  fc.constantFrom(...FORMATS).map((format) => ({ type: 'number' as const, format })),
  fc.tuple(fc.constantFrom('select' as const, 'multi_select' as const), options(4)).map(([type, opts]) => ({ type, options: opts })),
  options(4).chain((opts) => fc.tuple(...opts.map(() => fc.constantFrom<StatusGroupName>(...STATUS_GROUPS)))
    .map((groups) => ({ type: 'status' as const, options: opts.map((o, i) => ({ ...o, group: groups[i] ?? 'To-do' })) }))),
  fc.constantFrom('1 + 1', '"text"', 'now()', 'true').map((expression) => ({ type: 'formula' as const, expression })),
  fc.option(fc.constantFrom('T', 'CRM', 'X-1'), { nil: null }).map((prefix) => ({ type: 'unique_id' as const, prefix })),
);

const dataSource: fc.Arbitrary<DataSourceDef> = fc.record({
  title: fc.constantFrom(...TITLES),
  titleProp: fc.constantFrom('Name', 'Title', 'id'),
  names: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 6, selector: (n) => n.toLowerCase() }),
}).chain(({ title, titleProp, names }) => {
  const props = names.filter((n) => n.toLowerCase() !== titleProp.toLowerCase());
  return fc.tuple(...props.map((name) => fc.record({ name: fc.constant(name), description, config: simpleConfig })))
    .map((defs) => {
      // Formulas only reference the title, which every data source has.
      // A data source holds at most one unique_id property.
      const firstUid = (defs as PropDef[]).findIndex((p) => p.config.type === 'unique_id');
      const fixed = (defs as PropDef[]).filter((p, i) => p.config.type !== 'unique_id' || i === firstUid).map((p) => p.config.type === 'formula' && p.config.expression === '"text"'
        ? { ...p, config: { type: 'formula' as const, expression: `prop("${titleProp}")` } } : p);
      return { title, titleProp, props: fixed };
    });
});

const database: fc.Arbitrary<DatabaseDef> = fc.record({
  title: fc.constantFrom(...TITLES),
  description,
  icon: fc.option(fc.constantFrom('🏢', '📁', '✅'), { nil: null }),
  inline: fc.boolean(),
  workspaceParent: fc.boolean(),
  dataSources: fc.array(dataSource, { minLength: 1, maxLength: 2 }),
});

/**
 * Random workspaces: 1–3 databases of 1–2 data sources, every manageable property type,
 * one- and two-way relations (self relations included) with rollups, and read-only properties.
 */
export const workspaceArb: fc.Arbitrary<WorkspaceDef> = fc.array(database, { minLength: 1, maxLength: 3 }).chain((databases) => {
  const n = databases.reduce((k, d) => k + d.dataSources.length, 0);
  const relation = fc.record({
    from: fc.nat(n - 1), to: fc.nat(n - 1), dual: fc.boolean(),
    rollup: fc.option(fc.constantFrom(...FUNCTIONS), { nil: null }),
  });
  return fc.record({
    relations: fc.array(relation, { maxLength: 3 }),
    readOnly: fc.array(fc.record({ ds: fc.nat(n - 1), type: fc.constantFrom('button' as const, 'verification' as const) }), { maxLength: 2 }),
  }).map(({ relations, readOnly }) => ({
    databases,
    relations: relations.map((r, i): RelationDef => ({
      from: r.from, to: r.to, name: `Link ${i + 1}`,
      // A two-way relation from a data source to itself is not something Notion offers.
      dual: r.dual && r.from !== r.to,
      rollup: r.rollup === null ? null : { name: `Roll ${i + 1}`, fn: r.rollup },
    })),
    readOnly: readOnly.map((r, i) => ({ ds: r.ds, type: r.type, name: `${r.type === 'button' ? 'Button' : 'Check'} ${i + 1}` })),
  }));
});
