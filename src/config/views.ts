import type { PropertyType } from '../model/property-types.js';
import type { DesiredView, ViewFilter, ViewSort } from '../model/view.js';
import { DATED_VIEW_TYPES, GROUP_BY_TYPE, GROUPING_VIEW_TYPES, PROPERTY_LIST_VIEW_TYPES } from '../model/view.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { Path, RawDataSource, RawView } from './raw.js';
import type { SourceMap } from './source-map.js';
import { didYouMean } from './suggest.js';

const TEXT = ['equals', 'does_not_equal', 'contains', 'does_not_contain', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'];
const NUMBER = ['equals', 'does_not_equal', 'greater_than', 'less_than', 'greater_than_or_equal_to', 'less_than_or_equal_to', 'is_empty', 'is_not_empty'];
const DATE = ['equals', 'before', 'after', 'on_or_before', 'on_or_after', 'is_empty', 'is_not_empty',
  'past_week', 'past_month', 'past_year', 'next_week', 'next_month', 'next_year', 'this_week'];
const SELECT = ['equals', 'does_not_equal', 'is_empty', 'is_not_empty'];
const LIST = ['contains', 'does_not_contain', 'is_empty', 'is_not_empty'];
const EMPTY_ONLY = ['is_empty', 'is_not_empty'];

/** The conditions of each filter key (Notion's data source filter shapes); null: nested, not checked further. */
const CONDITIONS: Readonly<Record<string, readonly string[] | null>> = {
  title: TEXT, rich_text: TEXT, url: TEXT, email: TEXT, phone_number: TEXT, number: NUMBER, unique_id: NUMBER,
  checkbox: ['equals', 'does_not_equal'], select: SELECT, status: SELECT, multi_select: LIST, date: DATE,
  created_time: DATE, last_edited_time: DATE, people: LIST, created_by: LIST, last_edited_by: LIST, relation: LIST,
  files: EMPTY_ONLY, place: EMPTY_ONLY, verification: ['status', 'does_not_equal'], formula: null, rollup: null,
};

/** The filter key a property of each type takes: its own type (as the data source query does). */
function filterKeysOf(type: PropertyType): readonly string[] {
  return [type];
}

interface ViewCtx {
  readonly ds: RawDataSource;
  readonly ref: string;
  readonly map: SourceMap;
  readonly sink: DiagnosticSink;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks every declared view of a data source (docs/schema-format.md, "Views"): all problems are reported. */
export function checkViews(ds: RawDataSource, ref: string, dsPath: Path, map: SourceMap, sink: DiagnosticSink): void {
  const ctx: ViewCtx = { ds, ref, map, sink };
  if (ds.views_exclusive === true && (ds.views ?? []).length === 0) {
    sink.error('views-exclusive-without-views', `${ref} sets views_exclusive: true but declares no view`, map.at([...dsPath, 'views_exclusive'], 'key'),
      'a database keeps at least one view: declare the views to keep under `views:`, or drop views_exclusive');
  }
  const seen = new Map<string, number>();
  const earlier = new Map<string, string>();
  (ds.views ?? []).forEach((v, i) => {
    const path: Path = [...dsPath, 'views', i];
    const lower = v.name.toLowerCase();
    if (seen.has(lower)) {
      sink.error('duplicate-view-name', `view "${v.name}" of ${ref} is declared twice`, map.at([...path, 'name']), 'view names are unique within a data source (regardless of case); rename one');
    }
    seen.set(lower, i);
    for (const [j, old] of (v.renamed_from ?? []).entries()) {
      const claimed = earlier.get(old.toLowerCase());
      if (claimed !== undefined && claimed !== v.name) {
        sink.error('renamed-from-collision', `renamed_from "${old}" is claimed by views "${claimed}" and "${v.name}"`, map.at([...path, 'renamed_from', j]), 'keep it on one view only');
      }
      earlier.set(old.toLowerCase(), v.name);
    }
    checkView(ctx, v, path);
  });
  for (const [i, v] of (ds.views ?? []).entries()) {
    for (const [j, old] of (v.renamed_from ?? []).entries()) {
      if (seen.has(old.toLowerCase())) {
        sink.error('renamed-from-collision', `renamed_from "${old}" of view "${v.name}" is the name of a declared view`, map.at([...dsPath, 'views', i, 'renamed_from', j]),
          'a view cannot be renamed onto a name that is still declared');
      }
    }
  }
}

function checkView(ctx: ViewCtx, v: RawView, path: Path): void {
  const { map, sink } = ctx;
  const only = (field: keyof RawView, allowed: readonly string[], what: string): void => {
    if (v[field] !== undefined && !allowed.includes(v.type)) {
      sink.error(`view-${String(field).replaceAll('_', '-')}-not-allowed`, `a ${v.type} view cannot take \`${String(field)}\` (view "${v.name}")`,
        map.at([...path, field], 'key'), `${what}; remove it or change the view type`);
    }
  };
  only('group_by', GROUPING_VIEW_TYPES, 'only table and board views group');
  only('date_property', DATED_VIEW_TYPES, 'only calendar and timeline views take a date property');
  only('end_date_property', ['timeline'], 'only timeline views take an end date property');
  only('chart_type', ['chart'], 'only chart views take a chart type');
  only('map_by', ['map'], 'only map views take map_by');
  only('properties', PROPERTY_LIST_VIEW_TYPES, 'form and chart views list no visible properties');
  const need = (field: keyof RawView, hint: string): void => {
    if (v[field] === undefined) sink.error(`view-missing-${String(field).replaceAll('_', '-')}`, `${v.type} view "${v.name}" has no \`${String(field)}\``, map.at(path), hint);
  };
  if (v.type === 'board') need('group_by', 'a board groups its cards: add `group_by: <a select, status or people property>`');
  if (DATED_VIEW_TYPES.includes(v.type)) need('date_property', `a ${v.type} places pages by a date: add \`date_property: <a date property>\``);
  if (v.type === 'chart') need('chart_type', 'add `chart_type: column | bar | line | donut | number`');
  if (v.group_by !== undefined && GROUPING_VIEW_TYPES.includes(v.type)) {
    const t = propertyRef(ctx, v.group_by, [...path, 'group_by']);
    if (t !== undefined && GROUP_BY_TYPE[t] === undefined) {
      sink.error('view-group-by-type', `view "${v.name}" cannot group by "${v.group_by}", a ${t} property`, map.at([...path, 'group_by']),
        'group by a select, multi-select, status, people, relation, date, text, number or checkbox property');
    }
  }
  for (const field of ['date_property', 'end_date_property'] as const) {
    const name = v[field];
    if (name === undefined) continue;
    const t = propertyRef(ctx, name, [...path, field]);
    if (t !== undefined && t !== 'date' && t !== 'created_time' && t !== 'last_edited_time') {
      sink.error('view-date-property-type', `${field} "${name}" of view "${v.name}" is a ${t} property, not a date`, map.at([...path, field]), 'name a date property');
    }
  }
  if (v.map_by !== undefined && v.type === 'map') {
    const t = propertyRef(ctx, v.map_by, [...path, 'map_by']);
    if (t !== undefined && t !== 'place') sink.error('view-map-by-type', `map_by "${v.map_by}" of view "${v.name}" is a ${t} property, not a place`, map.at([...path, 'map_by']), 'name a place property');
  }
  (v.properties ?? []).forEach((name, i) => propertyRef(ctx, name, [...path, 'properties', i]));
  (v.sorts ?? []).forEach((s, i) => {
    if (s.property !== undefined) propertyRef(ctx, s.property, [...path, 'sorts', i, 'property']);
    else if (s.timestamp === undefined) sink.error('view-sort-shape', 'a sort needs `property` or `timestamp`', map.at([...path, 'sorts', i]), 'e.g. `{ property: Due, direction: ascending }`');
  });
  if (v.filter !== undefined) checkFilter(ctx, v.filter, [...path, 'filter'], 0);
}

/** The type of the property `name` of the data source, or undefined (an error is reported) when there is none. */
function propertyRef(ctx: ViewCtx, name: string, path: Path): PropertyType | undefined {
  const p = Object.hasOwn(ctx.ds.properties, name) ? ctx.ds.properties[name] : undefined;
  if (p === undefined) {
    ctx.sink.error('view-unknown-property', `"${name}" is not a property of ${ctx.ref}`, ctx.map.at(path),
      didYouMean(name, Object.keys(ctx.ds.properties)) ?? 'views refer to properties by their name in this file');
    return undefined;
  }
  return p.type;
}

function checkFilter(ctx: ViewCtx, f: Readonly<Record<string, unknown>>, path: Path, depth: number): void {
  const { map, sink } = ctx;
  const bad = (message: string, hint: string, at: Path = path, target: 'key' | 'value' = 'value'): void =>
    sink.error('view-filter-shape', message, map.at(at, target), hint);
  for (const group of ['and', 'or'] as const) {
    if (!Object.hasOwn(f, group)) continue;
    const list = f[group];
    if (Object.keys(f).length !== 1) return bad(`a filter with \`${group}\` has no other keys`, 'put each condition inside the list');
    if (!Array.isArray(list)) return bad(`\`${group}\` takes a list of conditions`, 'e.g. `and: [{ property: Done, checkbox: { equals: false } }]`');
    if (depth >= 2) return bad('filters nest at most two levels of `and`/`or`', 'flatten the filter (Notion\'s limit)');
    list.forEach((c, i) => {
      if (isObj(c)) checkFilter(ctx, c, [...path, group, i], depth + 1);
      else bad('each condition is a mapping', 'e.g. `{ property: Done, checkbox: { equals: false } }`', [...path, group, i]);
    });
    return;
  }
  if (typeof f['timestamp'] === 'string') return;
  const name = f['property'];
  if (typeof name !== 'string') return bad('a filter condition needs `property` (or `timestamp`, `and`, `or`)', 'e.g. `{ property: Status, status: { equals: Done } }`');
  const type = propertyRef(ctx, name, [...path, 'property']);
  if (type === undefined) return;
  const keys = Object.keys(f).filter((k) => k !== 'property' && k !== 'type');
  const allowed = filterKeysOf(type);
  const [key, ...rest] = keys;
  if (key === undefined || rest.length > 0 || !allowed.includes(key)) {
    return bad(`the filter on "${name}" (a ${type} property) must hold exactly one \`${allowed.join('` or `')}\` condition${key !== undefined && !allowed.includes(key) ? `, not \`${key}\`` : ''}`,
      `e.g. \`{ property: ${name}, ${allowed[0]}: { ${(CONDITIONS[allowed[0] ?? ''] ?? ['is_not_empty'])[0]}: … } }\``, key !== undefined ? [...path, key] : path, key !== undefined ? 'key' : 'value');
  }
  const cond = f[key];
  const ops = CONDITIONS[key];
  if (!isObj(cond)) return bad(`\`${key}\` takes a mapping of one condition`, `e.g. \`${key}: { is_not_empty: true }\``, [...path, key]);
  if (ops === null || ops === undefined) return;
  const opKeys = Object.keys(cond);
  const [op] = opKeys;
  if (opKeys.length !== 1 || op === undefined || !ops.includes(op)) {
    bad(`\`${key}\` takes exactly one of ${ops.join(', ')}${op !== undefined && !ops.includes(op) ? `; \`${op}\` is not one` : ''}`, didYouMean(op ?? '', ops) ?? `e.g. \`${key}: { ${ops[0]}: … }\``,
      op !== undefined ? [...path, key, op] : [...path, key], op !== undefined ? 'key' : 'value');
  }
}

/** The declared views of a data source, normalised (the file passed `checkViews`). */
export function normalizeViews(ds: RawDataSource, dsPath: Path, map: SourceMap): DesiredView[] | undefined {
  if (ds.views === undefined) return undefined;
  return ds.views.map((v, i) => ({
    name: v.name,
    renamed_from: [...(v.renamed_from ?? [])],
    type: v.type,
    properties: v.properties === undefined ? null : [...v.properties],
    sorts: (v.sorts ?? []).map((s): ViewSort => (s.property !== undefined
      ? { property: s.property, direction: s.direction }
      : { timestamp: s.timestamp ?? 'created_time', direction: s.direction })),
    filter: v.filter === undefined ? null : (structuredClone(v.filter) as ViewFilter),
    group_by: v.group_by ?? null,
    date_property: v.date_property ?? null,
    end_date_property: v.end_date_property ?? null,
    chart_type: v.chart_type ?? null,
    map_by: v.map_by ?? null,
    location: map.at([...dsPath, 'views', i]),
  }));
}
