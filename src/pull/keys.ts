import type { PulledWorkspace } from './types.js';
import { slugify, uniqueKey } from './slug.js';

/**
 * Logical keys chosen for a pulled workspace.
 * Invariants: database keys are unique; data source keys are unique within their database;
 * every pulled database and data source has a key; `dsRef` is `<db key>.<ds key>`.
 */
export interface KeyAssignment {
  readonly database: ReadonlyMap<string, string>;
  readonly dataSource: ReadonlyMap<string, string>;
  readonly dsRef: ReadonlyMap<string, string>;
}

/** Keys already in use (e.g. in the file being merged), by Notion id; they win over slugs. */
export interface PreferredKeys {
  readonly databases?: ReadonlyMap<string, string>;
  /** Data source id → data source key (within its database). */
  readonly dataSources?: ReadonlyMap<string, string>;
  /** Database keys that exist in the file but are not bound to a pulled database: never reused. */
  readonly reservedDatabaseKeys?: ReadonlySet<string>;
}

/**
 * Slugs titles into keys, made unique with `_2` suffixes, in workspace order.
 * Preferred keys are placed first so a slug never steals them.
 */
export function assignKeys(ws: PulledWorkspace, preferred: PreferredKeys = {}): KeyAssignment {
  const database = new Map<string, string>();
  const dataSource = new Map<string, string>();
  const dsRef = new Map<string, string>();
  const takenDb = new Set<string>(preferred.reservedDatabaseKeys ?? []);
  for (const { database: db } of ws.databases) {
    const key = preferred.databases?.get(db.id);
    if (key !== undefined && !takenDb.has(key)) {
      takenDb.add(key);
      database.set(db.id, key);
    }
  }
  for (const { database: db, dataSources } of ws.databases) {
    const dbKey = database.get(db.id) ?? uniqueKey(slugify(db.title, 'database'), takenDb);
    database.set(db.id, dbKey);
    const takenDs = new Set<string>();
    for (const ds of dataSources) {
      const key = preferred.dataSources?.get(ds.id);
      if (key !== undefined && !takenDs.has(key)) {
        takenDs.add(key);
        dataSource.set(ds.id, key);
      }
    }
    for (const ds of dataSources) {
      const dsKey = dataSource.get(ds.id) ?? uniqueKey(slugify(ds.title, 'data_source'), takenDs);
      dataSource.set(ds.id, dsKey);
      dsRef.set(ds.id, `${dbKey}.${dsKey}`);
    }
  }
  return { database, dataSource, dsRef };
}
