import type {
  DesiredDataSource, DesiredView, Diagnostic, FieldChange, LiveView, PropertyType, ViewSort, ViewSpec,
} from '../model/index.js';
import { DATED_VIEW_TYPES, GROUPING_VIEW_TYPES, PROPERTY_LIST_VIEW_TYPES } from '../model/index.js';
import { jsonEqual } from './values.js';

/** One view-level difference of a data source (see `diffViews`). */
export type ViewChange =
  | { readonly kind: 'create'; readonly desired: DesiredView; readonly first: boolean }
  | {
      readonly kind: 'update'; readonly desired: DesiredView; readonly changes: readonly FieldChange[];
      /** Absent when adopting the default view of a data source created by this plan. */
      readonly view_id?: string;
      readonly adopts_default?: boolean;
      /** The live name differs from the one the lock file recorded for this id: renamed in Notion. */
      readonly drift?: boolean;
    }
  | { readonly kind: 'remove'; readonly name: string; readonly view_id?: string; readonly type: LiveView['type']; readonly why: 'undeclared' | 'exclusive' | 'type_change' | 'default_view' };

/** What view diffing needs to know of the data source's properties. */
export interface ViewContext {
  /** Desired property name → live property id, for properties that exist (after rename matching). */
  readonly idOf: ReadonlyMap<string, string>;
  /** Live property id → desired property name. */
  readonly nameOf: ReadonlyMap<string, string>;
  /** Desired property name → type. */
  readonly typeOf: ReadonlyMap<string, PropertyType>;
}

/** The fields compared, in reading order, and whether each applies to a view type. */
const FIELDS: readonly { readonly field: keyof ViewSpec; readonly applies: (v: DesiredView) => boolean }[] = [
  { field: 'filter', applies: () => true },
  { field: 'sorts', applies: () => true },
  { field: 'properties', applies: (v) => v.properties !== null && PROPERTY_LIST_VIEW_TYPES.includes(v.type) },
  { field: 'group_by', applies: (v) => GROUPING_VIEW_TYPES.includes(v.type) },
  { field: 'date_property', applies: (v) => DATED_VIEW_TYPES.includes(v.type) },
  { field: 'end_date_property', applies: (v) => v.type === 'timeline' },
  { field: 'chart_type', applies: (v) => v.type === 'chart' },
  { field: 'map_by', applies: (v) => v.type === 'map' },
];

/** The fields of a view that live in its `configuration`. */
export const CONFIG_FIELDS: ReadonlySet<string> = new Set(['properties', 'group_by', 'date_property', 'end_date_property', 'chart_type', 'map_by']);

/** Maps the property references of a filter, sorts or property list through `f` (recursively through and/or). */
export function mapRefs(value: unknown, f: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((x) => mapRefs(x, f));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === 'property' && typeof v === 'string' ? f(v) : k === 'and' || k === 'or' ? mapRefs(v, f) : v;
  }
  return out;
}

/** A live view's spec with property ids turned into desired names (`#<id>` for a property the file does not name). */
export function liveInNames(v: ViewSpec, ctx: ViewContext): ViewSpec {
  const name = (id: string): string => ctx.nameOf.get(id) ?? `#${id}`;
  const one = (id: string | null): string | null => (id === null ? null : name(id));
  return {
    ...v,
    properties: v.properties === null ? null : v.properties.map(name),
    sorts: mapRefs(v.sorts, name) as ViewSort[],
    filter: v.filter === null ? null : (mapRefs(v.filter, name) as ViewSpec['filter']),
    group_by: one(v.group_by), date_property: one(v.date_property), end_date_property: one(v.end_date_property), map_by: one(v.map_by),
  };
}

/** The changed fields of a matched view (names on both sides). */
function viewChanges(d: DesiredView, live: ViewSpec & { readonly name: string }, ctx: ViewContext): FieldChange[] {
  const l = liveInNames(live, ctx);
  const out: FieldChange[] = [];
  if (live.name !== d.name) out.push({ field: 'name', before: live.name, after: d.name });
  for (const { field, applies } of FIELDS) {
    if (!applies(d)) continue;
    const before = field === 'sorts' ? (l.sorts.length === 0 ? null : l.sorts) : l[field];
    const after = field === 'sorts' ? (d.sorts.length === 0 ? null : d.sorts) : d[field];
    if (!jsonEqual(before ?? null, after ?? null)) out.push({ field, before: before ?? null, after: after ?? null });
  }
  return out;
}

/** True when the API cannot turn the live view into the desired one by an update (type, timestamp sorts). */
function needsReplace(d: DesiredView, l: LiveView, changes: readonly FieldChange[]): boolean {
  return d.type !== l.type || (changes.some((c) => c.field === 'sorts') && d.sorts.some((s) => 'timestamp' in s));
}

/** Pairs declared and live views: the id the lock recorded, then the exact name, then `renamed_from` (newest first). */
function matchViews(
  views: readonly DesiredView[], live: readonly LiveView[], recorded: Readonly<Record<string, string>> | undefined,
): { pairs: Map<DesiredView, { live: LiveView; drift: boolean }>; unmatched: LiveView[] } {
  const pairs = new Map<DesiredView, { live: LiveView; drift: boolean }>();
  const taken = new Set<string>();
  const take = (d: DesiredView, l: LiveView | undefined, drift: boolean): void => {
    if (l === undefined || taken.has(l.id) || pairs.has(d)) return;
    pairs.set(d, { live: l, drift });
    taken.add(l.id);
  };
  for (const d of views) {
    const id = recorded?.[d.name];
    const l = live.find((x) => x.id === id);
    take(d, l, l !== undefined && l.name !== d.name);
  }
  for (const d of views) take(d, live.find((x) => !taken.has(x.id) && x.name === d.name), false);
  for (const d of views) for (const old of d.renamed_from) take(d, live.find((x) => !taken.has(x.id) && x.name === old), false);
  return { pairs, unmatched: live.filter((x) => !taken.has(x.id)) };
}

/** The default view of a new data source, as the emulator and Notion create it: a table with Notion's settings. */
const DEFAULT_VIEW: ViewSpec & { readonly name: string } = {
  name: 'Default view', type: 'table', properties: null, sorts: [], filter: null, group_by: null,
  date_property: null, end_date_property: null, chart_type: null, map_by: null,
};

/**
 * The view changes of one data source whose file declares `views:`. `live` is null when the data
 * source is created by this plan: its default table view is adopted by the first declared view when
 * that is a table (an update), else removed once the declared views exist. Undeclared live views are
 * removed under `views_exclusive: true` and reported (a warning) otherwise.
 */
export function diffViews(
  ds: DesiredDataSource, live: readonly LiveView[] | null, recorded: Readonly<Record<string, string>> | undefined, ctx: ViewContext,
): { changes: ViewChange[]; diagnostics: Diagnostic[] } {
  const views = ds.views ?? [];
  const changes: ViewChange[] = [];
  const diagnostics: Diagnostic[] = [];
  if (live === null) {
    views.forEach((d, i) => {
      if (i === 0 && d.type === 'table') {
        changes.push({ kind: 'update', desired: d, changes: viewChanges(d, { ...DEFAULT_VIEW, properties: d.properties === null ? null : [] }, ctx), adopts_default: true });
      } else {
        changes.push({ kind: 'create', desired: d, first: i === 0 });
      }
    });
    if (views.length > 0 && views[0]?.type !== 'table') changes.push({ kind: 'remove', name: DEFAULT_VIEW.name, type: 'table', why: 'default_view' });
    return { changes, diagnostics };
  }
  const { pairs, unmatched } = matchViews(views, live, recorded);
  const replaced: ViewChange[] = [];
  for (const d of views) {
    const pair = pairs.get(d);
    if (pair === undefined) {
      changes.push({ kind: 'create', desired: d, first: false });
      continue;
    }
    const ch = viewChanges(d, pair.live, ctx);
    if (needsReplace(d, pair.live, ch)) {
      replaced.push({ kind: 'remove', name: pair.live.name, view_id: pair.live.id, type: pair.live.type, why: 'type_change' });
      changes.push({ kind: 'create', desired: d, first: false });
    } else if (ch.length > 0) {
      changes.push({ kind: 'update', desired: d, changes: ch, view_id: pair.live.id, ...(pair.drift ? { drift: true } : {}) });
    }
  }
  changes.push(...replaced);
  const recordedIds = new Set(Object.values(recorded ?? {}));
  for (const l of unmatched) {
    if (ds.views_exclusive === true || recordedIds.has(l.id)) {
      changes.push({ kind: 'remove', name: l.name, view_id: l.id, type: l.type, why: recordedIds.has(l.id) ? 'undeclared' : 'exclusive' });
    } else {
      diagnostics.push({
        severity: 'warning', code: 'undeclared-view',
        message: `view "${l.name}" (${l.type}) of ${ds.ref} exists in Notion but is not declared; left alone`,
        hint: 'declare it under `views:` to manage it, or set `views_exclusive: true` on the data source to remove views the file does not declare',
        ...(ds.location ? { location: ds.location } : {}),
      });
    }
  }
  return keepOne(ds, live, changes, diagnostics);
}

/** A data source keeps at least one view (Notion's databases do): when the plan would remove its last one, that removal is dropped. */
function keepOne(ds: DesiredDataSource, live: readonly LiveView[], changes: ViewChange[], diagnostics: Diagnostic[]): { changes: ViewChange[]; diagnostics: Diagnostic[] } {
  const removed = changes.filter((c): c is Extract<ViewChange, { kind: 'remove' }> => c.kind === 'remove');
  const created = changes.filter((c) => c.kind === 'create').length;
  const first = removed[0];
  if (first === undefined || live.length - removed.length + created > 0) return { changes, diagnostics };
  diagnostics.push({
    severity: 'warning', code: 'last-view-kept',
    message: `view "${first.name}" of ${ds.ref} is kept: it would be the data source's last view, and a database keeps at least one`,
    hint: 'declare the views the data source should have under `views:`',
    ...(ds.location ? { location: ds.location } : {}),
  });
  return { changes: changes.filter((c) => c !== first), diagnostics };
}
