import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import { NotionApiError } from '../errors.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveDatabase, LiveDataSource, LiveState } from '../model/live.js';
import type { LockFile } from '../model/lock.js';
import { toDashedId } from './ids.js';
import { normalizeDatabase, normalizeDataSourceDetailed } from './normalize.js';

type Removed = NonNullable<LiveState['removed']>;

/** What reading removed objects needs from the live reader. */
export interface RemovedReader {
  readonly getDb: (id: string) => Promise<DatabaseObjectResponse>;
  readonly getDs: (id: string) => Promise<DataSourceObjectResponse>;
  /** Ids the file (or the lock, under a declared key) binds: never removed. */
  readonly boundIds: ReadonlySet<string>;
  /** Database key → live database id, for the databases the file declares and that exist. */
  readonly liveDatabaseIds: ReadonlyMap<string, string>;
  readonly warnings: Diagnostic[];
}

function gone(key: string, id: string, e: NotionApiError): Diagnostic {
  return {
    severity: 'warning', code: 'lock-binding-gone',
    message: `${key} (${id}) is bound in the lock file but no longer in the schema file, and Notion answers ${e.status} ${e.code}: nothing to remove.`,
    hint: `run \`notion-schema forget ${key}\` to drop it from the lock file (or share it with the integration, to have it removed).`,
  };
}

/** Reads one object; null (with a warning) when Notion no longer shows it. */
async function tryRead<T>(key: string, id: string, read: () => Promise<T>, warnings: Diagnostic[]): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof NotionApiError) || (e.status !== 404 && e.status !== 403)) throw e;
    warnings.push(gone(key, id, e));
    return null;
  }
}

/**
 * The objects the lock file binds under keys the schema file no longer declares, as they are
 * live (so the plan can move them to the trash): databases whose key is gone (with every data
 * source the lock binds under them), and data sources gone from a declared database.
 * Objects already in the trash, or bound by the file under another key, are left out. Cost: one
 * GET per such object.
 */
export async function readRemoved(r: RemovedReader, desired: DesiredState, lock: LockFile): Promise<Removed> {
  const databases = new Map<string, { live: LiveDatabase; data_sources: string[]; data_source_ids: string[] }>();
  const dataSources = new Map<string, LiveDataSource>();
  const declared = new Map(desired.databases.map((db) => [db.key, db]));
  const jobs: Promise<void>[] = [];
  for (const [key, entry] of Object.entries(lock.databases)) {
    const id = toDashedId(entry.id);
    const db = declared.get(key);
    if (db === undefined) {
      if (r.boundIds.has(id)) continue;
      jobs.push((async () => {
        const resp = await tryRead(key, id, () => r.getDb(id), r.warnings);
        if (resp === null) return;
        const live = normalizeDatabase(resp);
        if (live.in_trash) return;
        const refs = Object.keys(entry.data_sources).sort().map((ds) => `${key}.${ds}`);
        databases.set(key, { live, data_sources: refs, data_source_ids: Object.keys(entry.data_sources).sort().map((ds) => toDashedId(entry.data_sources[ds] ?? '')) });
      })());
      continue;
    }
    if (r.liveDatabaseIds.get(key) !== id) continue;
    const keys = new Set(db.data_sources.map((ds) => ds.key));
    for (const [dsKey, raw] of Object.entries(entry.data_sources)) {
      const dsId = toDashedId(raw);
      if (keys.has(dsKey) || r.boundIds.has(dsId)) continue;
      const ref = `${key}.${dsKey}`;
      jobs.push((async () => {
        const resp = await tryRead(ref, dsId, () => r.getDs(dsId), r.warnings);
        if (resp === null) return;
        const { live } = normalizeDataSourceDetailed(resp);
        if (!live.in_trash) dataSources.set(ref, live);
      })());
    }
  }
  await Promise.all(jobs);
  const sorted = <V>(m: Map<string, V>): Map<string, V> => new Map([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return { databases: sorted(databases), data_sources: sorted(dataSources) };
}
