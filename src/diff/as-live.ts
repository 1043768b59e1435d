import type {
  DesiredDataSource, DesiredState, LiveDatabase, LiveDataSource, LiveProperty, LiveState, LiveView, OptionSpec, PropertyConfig, StatusGroupSpec, ViewSort, ViewSpec,
} from '../model/index.js';
import { mapRefs } from './views.js';
import { STATUS_GROUPS } from '../model/index.js';

/** FNV-1a, 32 bits, as 8 hex digits: stable ids from names (no randomness, no crypto). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A lowercase dashed v4-shaped UUID derived from `text`. */
export function stableUuid(text: string): string {
  const a = hash(`a:${text}`);
  const b = hash(`b:${text}`);
  const c = hash(`c:${text}`);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c.slice(4)}${hash(`d:${text}`)}`;
}

const option = (owner: string, o: OptionSpec): OptionSpec => ({
  id: hash(`${owner}:${o.name}`), name: o.name, color: o.color ?? 'default', description: o.description ?? null, ...(o.group !== undefined ? { group: o.group } : {}),
});

function groupsOf(options: readonly OptionSpec[]): StatusGroupSpec[] {
  return STATUS_GROUPS.map((name) => ({ id: hash(`group:${name}`), name, options: options.filter((o) => (o.group ?? 'To-do') === name).map((o) => o.name) }));
}

type Ids = (ref: string) => string;
/** The live id a property of `old` gets: `title` for the title, a hash of its data source and name otherwise. */
const propertyId = (ref: string, name: string, type: string): string => (type === 'title' ? 'title' : hash(`${ref}:${name}`));

function liveConfig(owner: string, config: PropertyConfig, ds: DesiredDataSource, idOf: Ids, old: DesiredState): PropertyConfig {
  switch (config.type) {
    case 'select': case 'multi_select': return { type: config.type, options: config.options.map((o) => option(owner, o)) };
    case 'status': {
      const options = config.options.map((o) => option(owner, o));
      return { type: 'status', options, groups: groupsOf(options) };
    }
    case 'relation': {
      const target = config.target.kind === 'key' ? idOf(config.target.key) : config.target.id;
      const dual = config.dual === null ? null : { ...(config.dual.property !== undefined ? { property: config.dual.property } : {}), property_id: hash(`synced:${owner}`) };
      return { type: 'relation', target: { kind: 'id', id: target }, dual };
    }
    case 'rollup': {
      const rel = ds.properties.find((p) => p.name === config.relation)?.config;
      const targetRef = rel?.type === 'relation' && rel.target.kind === 'key' ? rel.target.key : '';
      const target = old.databases.flatMap((d) => d.data_sources).find((d) => d.ref === targetRef)?.properties.find((p) => p.name === config.property);
      return { ...config, relation_id: propertyId(ds.ref, config.relation, 'relation'), property_id: propertyId(targetRef, config.property, target?.config.type ?? '') };
    }
    default: return config;
  }
}

function liveDataSource(ds: DesiredDataSource, databaseId: string, idOf: Ids, old: DesiredState): LiveDataSource {
  const properties: LiveProperty[] = ds.properties.map((p) => ({
    id: propertyId(ds.ref, p.name, p.config.type), name: p.name, description: p.description,
    config: liveConfig(`${ds.ref}:${p.name}`, p.config, ds, idOf, old),
  }));
  return { id: idOf(ds.ref), database_id: databaseId, title: ds.title, description: ds.description, icon: ds.icon, in_trash: false, properties, fingerprint: 'schema-file' };
}

/** The views `ds` declares as Notion would hold them: property names as the ids above, stable view ids, in tab order. */
function liveViews(ds: DesiredDataSource): LiveView[] {
  const types = new Map(ds.properties.map((p) => [p.name, p.config.type] as const));
  const id = (name: string): string => propertyId(ds.ref, name, types.get(name) ?? '');
  const one = (name: string | null): string | null => (name === null ? null : id(name));
  return (ds.views ?? []).map((v, position) => ({
    id: stableUuid(`view:${ds.ref}:${v.name}`), name: v.name, position, type: v.type,
    properties: v.properties === null ? null : v.properties.map(id),
    sorts: mapRefs(v.sorts, id) as ViewSort[],
    filter: v.filter === null ? null : (mapRefs(v.filter, id) as ViewSpec['filter']),
    group_by: one(v.group_by), date_property: one(v.date_property), end_date_property: one(v.end_date_property),
    chart_type: v.chart_type, map_by: one(v.map_by),
  }));
}

/** The live views and the lock's view ids of every data source of `old` that declares views. */
function viewsOf(old: DesiredState): Pick<LiveState, 'views' | 'recorded_views'> {
  const views = new Map<string, LiveView[]>();
  const recorded = new Map<string, Readonly<Record<string, string>>>();
  for (const ds of old.databases.flatMap((d) => d.data_sources)) {
    if (ds.views === undefined) continue;
    const live = liveViews(ds);
    views.set(ds.ref, live);
    recorded.set(ds.ref, Object.fromEntries(live.map((v) => [v.name, v.id])));
  }
  return views.size > 0 ? { views, recorded_views: recorded } : {};
}

/** Adds, on the far side of each two-way relation, the synced property Notion keeps there (when the file does not declare it). */
function withSyncedProperties(dss: Map<string, LiveDataSource>, old: DesiredState): void {
  for (const db of old.databases) {
    for (const ds of db.data_sources) {
      for (const p of ds.properties) {
        if (p.config.type !== 'relation' || p.config.dual === null || p.config.target.kind !== 'key') continue;
        const far = dss.get(p.config.target.key);
        const name = p.config.dual.property ?? `Related to ${ds.title} (${p.name})`;
        if (far === undefined || far.properties.some((q) => q.name === name)) continue;
        const synced: LiveProperty = {
          id: hash(`synced:${ds.ref}:${p.name}`), name, description: null,
          config: { type: 'relation', target: { kind: 'id', id: stableUuid(`ds:${ds.ref}`) }, dual: { property: p.name, property_id: hash(`${ds.ref}:${p.name}`) } },
        };
        dss.set(p.config.target.key, { ...far, properties: [...far.properties, synced] });
      }
    }
  }
}

/**
 * The live state a workspace would hold after applying `old` exactly: the left side of a
 * schema-to-schema diff (`notion-schema diff OLD NEW`), planned against `next` with no workspace.
 * Ids are stable functions of keys and names (the file's own `id:` where it has one); objects `old`
 * declares and `next` does not are listed as removed, so their removal is planned (destructive).
 * Invariant: planning `old` against `liveFromDesired(old, old)` has no steps.
 */
export function liveFromDesired(old: DesiredState, next: DesiredState): LiveState {
  const ids = new Map<string, string>();
  for (const db of old.databases) {
    ids.set(`db:${db.key}`, db.id ?? stableUuid(`db:${db.key}`));
    for (const ds of db.data_sources) ids.set(ds.ref, ds.id ?? stableUuid(`ds:${ds.ref}`));
  }
  const idOf: Ids = (ref) => ids.get(ref) ?? stableUuid(`ds:${ref}`);
  const dbs = new Map<string, LiveDatabase>();
  const dss = new Map<string, LiveDataSource>();
  for (const db of old.databases) {
    const id = ids.get(`db:${db.key}`) ?? stableUuid(`db:${db.key}`);
    dbs.set(db.key, {
      id, title: db.title, description: db.description, icon: db.icon, parent: db.parent, is_inline: db.is_inline, in_trash: false,
      data_source_ids: db.data_sources.map((ds) => ({ id: idOf(ds.ref), name: ds.title })), fingerprint: 'schema-file',
    });
    for (const ds of db.data_sources) dss.set(ds.ref, liveDataSource(ds, id, idOf, old));
  }
  withSyncedProperties(dss, old);
  const keep = new Set(next.databases.map((d) => d.key));
  const keepDs = new Set(next.databases.flatMap((d) => d.data_sources.map((ds) => ds.ref)));
  const removedDbs = new Map<string, { live: LiveDatabase; data_sources: string[]; data_source_ids: string[] }>();
  const removedDss = new Map<string, LiveDataSource>();
  for (const db of old.databases) {
    const live = dbs.get(db.key);
    if (live === undefined) continue;
    if (!keep.has(db.key)) {
      removedDbs.set(db.key, { live, data_sources: db.data_sources.map((d) => d.ref), data_source_ids: db.data_sources.map((d) => idOf(d.ref)) });
      continue;
    }
    for (const ds of db.data_sources) {
      const l = dss.get(ds.ref);
      if (!keepDs.has(ds.ref) && l !== undefined) removedDss.set(ds.ref, l);
    }
  }
  const bound = <T>(m: Map<string, T>, skip: (k: string) => boolean): Map<string, { source: 'lock'; live: T }> =>
    new Map([...m].filter(([k]) => !skip(k)).map(([k, v]) => [k, { source: 'lock' as const, live: v }]));
  return {
    databases: bound(dbs, (k) => removedDbs.has(k)),
    data_sources: bound(dss, (k) => removedDss.has(k) || removedDbs.has(k.split('.')[0] ?? '')),
    external: new Map(),
    ...viewsOf(old),
    ...(removedDbs.size > 0 || removedDss.size > 0 ? { removed: { databases: removedDbs, data_sources: removedDss } } : {}),
  };
}
