import type {
  DataSourceRef, DesiredDatabase, DesiredDataSource, DesiredState, Diagnostic, FieldChange, LiveState,
} from '../model/index.js';
import type { DataSourceDiff, DatabaseDiff, DiffResult, PropertyChange, Removal } from './types.js';
import { matchProperties, type Matching } from './match.js';
import { compareProperty, type PropertyContext } from './property.js';
import { indexSynced, targetKey } from './synced.js';
import { iconEqual } from './values.js';
import { isUnmanageable } from './type-change.js';
import { diffViews, type ViewChange } from './views.js';

export type { DiffResult, DatabaseDiff, DataSourceDiff, PropertyChange, MatchedProperty, Removal } from './types.js';
export { CONFIG_FIELDS, liveInNames, mapRefs, type ViewChange } from './views.js';
export { formulaReferences, applyRenames } from './formula.js';
export { forbiddenTypeChange, isUnmanageable } from './type-change.js';
export { jsonEqual, iconText } from './values.js';

const NO_OWNED = { ids: new Set<string>(), names: new Set<string>() };
const EMPTY = new Map<string, string>();

function databaseChanges(d: DesiredDatabase, l: NonNullable<DatabaseDiff['live']>): FieldChange[] {
  const out: FieldChange[] = [];
  if (d.title !== l.title) out.push({ field: 'title', before: l.title, after: d.title });
  if ((d.description ?? null) !== (l.description ?? null)) out.push({ field: 'description', before: l.description, after: d.description });
  if (!iconEqual(d.icon, l.icon)) out.push({ field: 'icon', before: l.icon, after: d.icon });
  if (d.is_inline !== l.is_inline) out.push({ field: 'is_inline', before: l.is_inline, after: d.is_inline });
  if (!sameParent(d.parent, l.parent)) out.push({ field: 'parent', before: l.parent, after: d.parent });
  return out;
}

const compact = (id: string): string => id.replace(/-/g, '').toLowerCase();

/** A live parent of another kind (a block, a wiki) is left alone: only page and workspace parents are compared. */
function sameParent(d: DesiredDatabase['parent'], l: NonNullable<DatabaseDiff['live']>['parent']): boolean {
  if (l.type === 'other') return true;
  if (d.type === 'workspace' || l.type === 'workspace') return d.type === l.type;
  return compact(d.page_id) === compact(l.page_id);
}

/** The lock's bindings that the file no longer declares, as removals (databases first, in key order). */
function removalsOf(live: LiveState): Removal[] {
  const out: Removal[] = [];
  for (const [key, v] of live.removed?.databases ?? []) {
    out.push({ kind: 'database', key, id: v.live.id, title: v.live.title, data_sources: v.data_sources, data_source_ids: v.data_source_ids });
  }
  for (const [ref, ds] of live.removed?.data_sources ?? []) {
    out.push({ kind: 'data_source', ref, database: ref.split('.')[0] ?? ref, id: ds.id, title: ds.title });
  }
  return out;
}

/**
 * Compares the desired state with the live state. Pure.
 * Databases and data sources absent from `live` are created; present ones are compared field by field,
 * and their properties matched (title by id, then name, then `renamed_from`) and compared.
 */
export function diff(desired: DesiredState, live: LiveState): DiffResult {
  const diagnostics: Diagnostic[] = [];
  const synced = indexSynced(desired, live);
  const matchings = new Map<string, Matching>();
  for (const db of desired.databases) {
    for (const ds of db.data_sources) {
      const m = matchProperties(ds.ref, ds, live.data_sources.get(ds.ref)?.live ?? null, synced.owned.get(ds.ref) ?? NO_OWNED, live.recorded?.get(ds.ref));
      matchings.set(ds.ref, m);
      diagnostics.push(...m.diagnostics);
    }
  }
  const resolveTarget = (ref: DataSourceRef): string | null =>
    ref.kind === 'id' ? ref.id : live.data_sources.get(ref.key)?.live.id ?? null;
  const label = (ref: DataSourceRef): string => targetKey(desired, live, ref);
  const renamesOf = (ref: DataSourceRef): ReadonlyMap<string, string> => matchings.get(label(ref))?.renames ?? EMPTY;

  const databases: DatabaseDiff[] = desired.databases.map((db) => {
    const liveDb = live.databases.get(db.key);
    const location = db.title;
    const dataSources: DataSourceDiff[] = db.data_sources.map((ds, index) => {
      const bound = live.data_sources.get(ds.ref);
      const m = matchings.get(ds.ref);
      if (!m) throw new Error(`internal: no matching for ${ds.ref}`);
      const initial = !liveDb && index === 0;
      const ctx: PropertyContext = {
        location: `${location} › ${ds.title}`,
        renames: m.renames,
        liveNameOfId: (id) => bound?.live.properties.find((p) => p.id === id)?.name,
        resolveTarget,
        targetLabel: label,
        dataSourceId: bound?.live.id ?? null,
        recordedOptions: (name) => live.recorded?.get(ds.ref)?.[name]?.options,
        rollupTargetRenames: (relation) => {
          const rel = ds.properties.find((p) => p.name === relation);
          return rel && rel.config.type === 'relation' ? renamesOf(rel.config.target) : EMPTY;
        },
      };
      const props = propertyChanges(ds, m, synced.pending, ctx, label);
      diagnostics.push(...possibleOptionRenames(ds, props));
      const changes: FieldChange[] = [];
      const liveDs = bound?.live ?? null;
      const before = liveDs
        ? { title: liveDs.title, icon: liveDs.icon, description: liveDs.description }
        : initial ? { title: db.title, icon: null, description: null } : { title: ds.title, icon: ds.icon, description: null };
      if (before.title !== ds.title) changes.push({ field: 'title', before: before.title, after: ds.title });
      if (!iconEqual(before.icon, ds.icon)) changes.push({ field: 'icon', before: before.icon, after: ds.icon });
      if ((before.description ?? null) !== (ds.description ?? null)) {
        props.push({
          kind: 'manual', field: 'description',
          cause: { code: 'data_source_description', location: ctx.location, data_source: ds.ref, description: ds.description ?? null },
        });
      }
      const views = viewsOf(ds, m, liveDs === null ? null : live.views?.get(ds.ref) ?? [], live.recorded_views?.get(ds.ref), diagnostics);
      return {
        ref: ds.ref, database: db.key, desired: ds, live: liveDs, source: bound?.source ?? 'none', initial,
        changes, matched: m.matched, properties: props, ...views,
      };
    });
    return {
      key: db.key, desired: db, live: liveDb?.live ?? null, source: liveDb?.source ?? 'none',
      changes: liveDb ? databaseChanges(db, liveDb.live) : [], restore: liveDb?.live.in_trash === true, data_sources: dataSources,
    };
  });
  return { databases, removals: removalsOf(live), diagnostics };
}

/** The view changes of a data source that declares `views:`, with the property ids they need. */
function viewsOf(
  ds: DesiredDataSource, m: Matching, liveViews: Parameters<typeof diffViews>[1], recorded: Parameters<typeof diffViews>[2], diagnostics: Diagnostic[],
): { views?: ViewChange[]; property_ids?: Record<string, string> } {
  if (ds.views === undefined) return {};
  const idOf = new Map(m.matched.map((p) => [p.desired.name, p.live.id] as const));
  const nameOf = new Map(m.matched.map((p) => [p.live.id, p.desired.name] as const));
  const typeOf = new Map(ds.properties.map((p) => [p.name, p.config.type] as const));
  const r = diffViews(ds, liveViews, recorded, { idOf, nameOf, typeOf });
  diagnostics.push(...r.diagnostics);
  return { views: r.changes, property_ids: Object.fromEntries(idOf) };
}

/** An option removed and another added to one property: perhaps a rename, which `renamed_from` would keep the values of. */
function possibleOptionRenames(ds: DesiredDataSource, props: readonly PropertyChange[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const add of props) {
    if (add.kind !== 'add_options') continue;
    const rm = props.find((p): p is Extract<PropertyChange, { kind: 'remove_options' }> => p.kind === 'remove_options' && p.property === add.property);
    const [gone] = rm?.options ?? [];
    const [fresh] = add.options;
    if (gone === undefined || fresh === undefined) continue;
    const location = ds.properties.find((p) => p.name === add.property)?.location;
    out.push({
      severity: 'warning', code: 'possible-option-rename',
      message: `possible rename: add \`renamed_from: [${JSON.stringify(gone.name)}]\` to option "${fresh.name}" of "${add.property}" in ${ds.ref}; as written, "${gone.name}" is removed (pages lose it) and "${fresh.name}" is added.`,
      hint: `If "${fresh.name}" is the old "${gone.name}" under a new name, write renamed_from: [${JSON.stringify(gone.name)}] on the option (apply --migrate-data then moves its pages).`,
      ...(location ? { location } : {}),
    });
  }
  return out;
}

/** The property-level changes of one matched data source: renames, comparisons, additions, synced renames, removals. */
function propertyChanges(
  ds: DesiredDataSource, m: Matching, pending: ReturnType<typeof indexSynced>['pending'], ctx: PropertyContext,
  label: (ref: DataSourceRef) => string,
): PropertyChange[] {
  const props: PropertyChange[] = [];
  for (const pair of m.matched) {
    if (pair.live.name !== pair.desired.name) {
      props.push({
        kind: 'rename', property: pair.desired.name, property_id: pair.live.id, from: pair.live.name,
        ...(m.drifted.has(pair.desired.name) ? { drift: true } : {}),
      });
    }
    props.push(...compareProperty(pair.desired, pair.live, ctx));
  }
  for (const a of m.added) {
    if (isUnmanageable(a.config.type)) {
      props.push({
        kind: 'manual', property: a.name, field: 'type',
        cause: { code: 'unmanageable_add', location: ctx.location, data_source: ds.ref, property: a.name, type: a.config.type },
      });
    } else {
      props.push({ kind: 'add', property: a.name, desired: a });
    }
  }
  for (const p of pending.filter((x) => x.ref === ds.ref)) {
    const rel = ds.properties.find((x) => x.name === p.relation);
    if (rel?.config.type !== 'relation') continue;
    props.push({ kind: 'rename_synced', property: p.name, far_data_source: label(rel.config.target), relation: p.relation, from: null });
  }
  for (const r of m.removed) {
    if (isUnmanageable(r.config.type)) {
      props.push({
        kind: 'manual', property: r.name, property_id: r.id, field: 'type',
        cause: { code: 'unmanageable_remove', location: ctx.location, property: r.name, type: r.config.type },
      });
    } else {
      props.push({ kind: 'remove', property: r.name, property_id: r.id, property_type: r.config.type });
    }
  }
  return props;
}
