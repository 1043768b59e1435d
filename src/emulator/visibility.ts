import type { EmulatorState, StoredDatabase, StoredDataSource, StoredPage } from './state-types.js';

/** The kinds of objects whose visibility can be restricted per token. */
export type ObjectKind = 'page' | 'database' | 'data_source';

/**
 * Whether a token (by digest) can see an object: the nearest object on the parent chain
 * (itself included) with an explicit `shared_with` list decides; with none, everyone can.
 */
export function isVisible(state: EmulatorState, digest: string, kind: ObjectKind, id: string): boolean {
  let k: ObjectKind | null = kind;
  let cur: string | null = id;
  for (let depth = 0; k !== null && cur !== null && depth < 1000; depth++) {
    if (k === 'page') {
      const p: StoredPage | undefined = state.pages[cur];
      if (p === undefined) return false;
      if (p.shared_with !== undefined) return p.shared_with.includes(digest);
      if (p.parent.type === 'page_id') { cur = p.parent.page_id; k = 'page'; }
      else if (p.parent.type === 'data_source_id') { cur = p.parent.data_source_id; k = 'data_source'; }
      else return true;
    } else if (k === 'data_source') {
      const ds: StoredDataSource | undefined = state.data_sources[cur];
      if (ds === undefined) return false;
      if (ds.shared_with !== undefined) return ds.shared_with.includes(digest);
      cur = ds.database_id; k = 'database';
    } else {
      const db: StoredDatabase | undefined = state.databases[cur];
      if (db === undefined) return false;
      if (db.shared_with !== undefined) return db.shared_with.includes(digest);
      if (db.parent.type === 'page_id') { cur = db.parent.page_id; k = 'page'; }
      else return true;
    }
  }
  return true;
}
