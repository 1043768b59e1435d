/** Small builders for DesiredState / LiveState values in planner tests. */
import type {
  BindingSource, DesiredDatabase, DesiredDataSource, DesiredProperty, DesiredState, LiveDatabase,
  LiveDataSource, LiveProperty, LiveState, PropertyConfig,
} from '../../src/model/index.js';

export const PARENT = '5d1b6e3a-0000-4000-8000-000000000001';

export function prop(name: string, config: PropertyConfig, opts: { description?: string | null; renamed_from?: string[] } = {}): DesiredProperty {
  return { name, config, description: opts.description ?? null, renamed_from: opts.renamed_from ?? [] };
}

export function ds(dbKey: string, key: string, title: string, properties: DesiredProperty[], opts: Partial<DesiredDataSource> = {}): DesiredDataSource {
  return { key, ref: `${dbKey}.${key}`, title, description: null, icon: null, properties, ...opts };
}

export function db(key: string, title: string, dataSources: DesiredDataSource[], opts: Partial<DesiredDatabase> = {}): DesiredDatabase {
  return {
    key, title, description: null, icon: null, parent: { type: 'page_id', page_id: PARENT }, is_inline: false,
    data_sources: dataSources, ...opts,
  };
}

export function desired(databases: DesiredDatabase[]): DesiredState {
  return { file: 'notion.schema.yaml', hash: 'a'.repeat(64), databases };
}

export function lp(id: string, name: string, config: PropertyConfig, description: string | null = null): LiveProperty {
  return { id, name, config, description };
}

export function liveDs(id: string, databaseId: string, title: string, properties: LiveProperty[], opts: Partial<LiveDataSource> = {}): LiveDataSource {
  return { id, database_id: databaseId, title, description: null, icon: null, in_trash: false, properties, fingerprint: `fp-${id.slice(0, 8)}`, ...opts };
}

export function liveDb(id: string, title: string, dataSources: { id: string; name: string }[], opts: Partial<LiveDatabase> = {}): LiveDatabase {
  return {
    id, title, description: null, icon: null, parent: { type: 'page_id', page_id: PARENT }, is_inline: false, in_trash: false,
    data_source_ids: dataSources, fingerprint: `fp-${id.slice(0, 8)}`, ...opts,
  };
}

export function live(
  databases: [string, LiveDatabase, BindingSource?][] = [],
  dataSources: [string, LiveDataSource, BindingSource?][] = [],
  external: LiveDataSource[] = [],
): LiveState {
  return {
    databases: new Map(databases.map(([k, v, s]) => [k, { source: s ?? 'lock', live: v }])),
    data_sources: new Map(dataSources.map(([k, v, s]) => [k, { source: s ?? 'lock', live: v }])),
    external: new Map(external.map((e) => [e.id, e])),
  };
}

/** Deterministic UUID-like ids for fixtures. */
export function uuid(n: number): string {
  const h = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}
