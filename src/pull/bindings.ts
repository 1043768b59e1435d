import { isMap, isScalar } from 'yaml';
import type { Document, Pair } from 'yaml';
import type { LockFile } from '../model/index.js';
import { toDashedId } from '../notion/ids.js';

/** Which keys an existing schema file (and its lock file) already binds to Notion ids. */
export interface ExistingBindings {
  readonly databaseKeyById: ReadonlyMap<string, string>;
  readonly databaseIdByKey: ReadonlyMap<string, string>;
  /** Data source id → data source key within its database. */
  readonly dataSourceKeyById: ReadonlyMap<string, string>;
}

/** Reads `id:` values from the file (ids with `${…}` are skipped) and fills gaps from the lock. */
export function existingBindings(doc: Document, lock: LockFile | undefined): ExistingBindings {
  const databaseKeyById = new Map<string, string>();
  const databaseIdByKey = new Map<string, string>();
  const dataSourceKeyById = new Map<string, string>();
  const bindDb = (key: string, id: string): void => {
    if (databaseIdByKey.has(key) || databaseKeyById.has(id)) return;
    databaseIdByKey.set(key, id);
    databaseKeyById.set(id, key);
  };
  const dbs = isMap(doc.contents) ? doc.contents.get('databases', true) : undefined;
  if (isMap(dbs)) {
    for (const pair of dbs.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!isMap(pair.value)) continue;
      const id = literalId(pair.value.get('id', true));
      if (id !== undefined) bindDb(key, id);
      const sources = pair.value.get('data_sources', true);
      if (!isMap(sources)) continue;
      for (const sp of sources.items as Pair[]) {
        const dsKey = isScalar(sp.key) ? String(sp.key.value) : String(sp.key);
        const dsId = isMap(sp.value) ? literalId(sp.value.get('id', true)) : undefined;
        if (dsId !== undefined && !dataSourceKeyById.has(dsId)) dataSourceKeyById.set(dsId, dsKey);
      }
    }
  }
  for (const [key, entry] of Object.entries(lock?.databases ?? {})) {
    bindDb(key, toDashedId(entry.id));
    for (const [dsKey, dsId] of Object.entries(entry.data_sources)) {
      const id = toDashedId(dsId);
      if (!dataSourceKeyById.has(id)) dataSourceKeyById.set(id, dsKey);
    }
  }
  return { databaseKeyById, databaseIdByKey, dataSourceKeyById };
}

function literalId(node: unknown): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.includes('${')) return undefined;
  return toDashedId(node.value);
}
