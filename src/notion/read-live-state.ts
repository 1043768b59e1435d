import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import pLimit from 'p-limit';
import { NotionApiError, UserInputError } from '../errors.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredDatabase, DesiredDataSource, DesiredState } from '../model/desired.js';
import type { BindingSource, LiveDatabase, LiveDataSource, LiveState } from '../model/live.js';
import type { LockFile } from '../model/lock.js';
import { findDatabaseToAdopt } from './adopt.js';
import { getDatabase, getDataSource } from './endpoints.js';
import { toDashedId } from './ids.js';
import { normalizeDatabase, normalizeDataSourceDetailed } from './normalize.js';
import type { NotionClient } from './types.js';

export interface ReadLiveStateOptions {
  /** Requests in flight at once (the shared rate limiter still paces them). Default 16. */
  readonly concurrency?: number;
  /** Look for same-titled databases under the same parent when a key is bound neither by file nor lock. Default true. */
  readonly adopt?: boolean;
}

export interface ReadLiveStateResult {
  readonly live: LiveState;
  readonly warnings: readonly Diagnostic[];
}

type Bound<T> = { readonly source: BindingSource; readonly live: T };

function warn(code: string, message: string, hint?: string, location?: DesiredDatabase['location']): Diagnostic {
  return { severity: 'warning', code, message, ...(hint ? { hint } : {}), ...(location ? { location } : {}) };
}

/**
 * Picks, for each data source of the file, the live data source it denotes:
 * file `id:` → lock → same title within the database → (one desired and one live data source) that one.
 * Returns ref → {id, source}; a ref left out does not exist yet. Two live data sources with the
 * desired title is an error (UserInputError listing them), never a silent pick or a duplicate.
 */
export function bindDataSources(
  db: DesiredDatabase,
  live: LiveDatabase,
  dbSource: BindingSource,
  lock: LockFile,
): Map<string, { readonly id: string; readonly source: BindingSource }> {
  const out = new Map<string, { id: string; source: BindingSource }>();
  const taken = new Set<string>();
  const lockDb = lock.databases[db.key];
  const lockUsable = lockDb !== undefined && toDashedId(lockDb.id) === live.id;
  const pending: DesiredDataSource[] = [];
  for (const ds of db.data_sources) {
    const fileId = ds.id ? toDashedId(ds.id) : undefined;
    const lockId = lockUsable ? lockDb.data_sources[ds.key] : undefined;
    if (fileId) {
      out.set(ds.ref, { id: fileId, source: 'file' });
      taken.add(fileId);
    } else if (lockId) {
      out.set(ds.ref, { id: toDashedId(lockId), source: 'lock' });
      taken.add(toDashedId(lockId));
    } else pending.push(ds);
  }
  // Bound by title (not by id): reported as adopted, whatever bound the database.
  void dbSource;
  const adoptedSource: BindingSource = 'adopted';
  for (const ds of pending) {
    const byName = live.data_source_ids.filter((l) => l.name === ds.title && !taken.has(l.id));
    const [only] = byName;
    if (byName.length > 1) {
      const ids = byName.map((l) => l.id);
      throw new UserInputError(`data source ${ds.ref} ("${ds.title}"): database ${live.id} has ${ids.length} data sources with this title: ${ids.join(', ')}`, [{
        severity: 'error',
        code: 'ambiguous-adoption',
        message: `data source ${ds.ref} matches ${ids.length} data sources of database ${live.id}: ${ids.join(', ')}`,
        hint: `bind one with \`id:\` under ${ds.ref} in the schema file (or in notion-schema.lock.json).`,
        ...(ds.location ? { location: ds.location } : {}),
      }]);
    }
    if (byName.length === 1 && only) {
      out.set(ds.ref, { id: only.id, source: adoptedSource });
      taken.add(only.id);
    }
  }
  // One desired and one live data source, names differ: the same data source, retitled.
  const [soleDesired] = db.data_sources;
  const [soleLive] = live.data_source_ids;
  if (db.data_sources.length === 1 && live.data_source_ids.length === 1 && soleDesired && soleLive && !out.has(soleDesired.ref) && !taken.has(soleLive.id)) {
    out.set(soleDesired.ref, { id: soleLive.id, source: adoptedSource });
    return out;
  }
  // A database made by `apply` whose first data source was not retitled yet (an interrupted
  // apply, a lost lock file) still carries the database's title: that is the first declared
  // data source, which the plan created with the database. Pairing it avoids a duplicate.
  const [firstDesired] = db.data_sources;
  const untitled = live.data_source_ids.filter((l) => !taken.has(l.id) && l.name === live.title);
  const [firstLive] = untitled;
  if (firstDesired && firstLive && untitled.length === 1 && !out.has(firstDesired.ref)
      && !db.data_sources.some((ds) => ds.title === live.title)) {
    out.set(firstDesired.ref, { id: firstLive.id, source: adoptedSource });
  }
  return out;
}

/**
 * Reads the live state for the databases and data sources the schema file names.
 *
 * Resolution of each database key: the file's `id:` (or the parent of a data source with an
 * `id:`) → the lock file → adoption (a database
 * with the same title under the same parent, found through search; an ambiguous match is an
 * error listing the candidates). Cost: one GET per bound database and one per bound data
 * source (D + K), plus search pages and candidate reads only for keys that need adoption,
 * plus one GET per data source that a relation targets by id outside the file (`external`).
 * Every request goes through the client's shared rate limiter, at most `concurrency` at once.
 * A bound id that answers 404 throws (NotionApiError with a share hint): never a silent duplicate.
 */
export async function readLiveState(
  client: NotionClient,
  desired: DesiredState,
  lock: LockFile,
  opts: ReadLiveStateOptions = {},
): Promise<ReadLiveStateResult> {
  const limit = pLimit(Math.max(1, opts.concurrency ?? 16));
  const adopt = opts.adopt ?? true;
  const warnings: Diagnostic[] = [];
  const databases = new Map<string, Bound<LiveDatabase>>();
  const dataSources = new Map<string, Bound<LiveDataSource>>();
  const readIds = new Set<string>();

  const dbBinding = (db: DesiredDatabase): { id: string; source: BindingSource } | null => {
    if (db.id) return { id: toDashedId(db.id), source: 'file' };
    const l = lock.databases[db.key];
    return l ? { id: toDashedId(l.id), source: 'lock' } : null;
  };
  const boundIds = new Set<string>();
  for (const db of desired.databases) {
    const b = dbBinding(db);
    if (b) boundIds.add(b.id);
  }
  const getDb = (id: string): Promise<DatabaseObjectResponse> => limit(() => getDatabase(client, id));
  const getDs = (id: string): Promise<DataSourceObjectResponse> => limit(() => getDataSource(client, id));

  /** Data source responses read before their database was known (see below), reused once. */
  const prefetched = new Map<string, DataSourceObjectResponse>();
  const readDataSource = async (id: string): Promise<LiveDataSource> => {
    const early = prefetched.get(id);
    prefetched.delete(id);
    const { live, unknown } = normalizeDataSourceDetailed(early ?? (await getDs(id)));
    readIds.add(live.id);
    for (const u of unknown) {
      warnings.push(warn('unknown-property-type', `data source ${live.id} ("${live.title}"): property "${u.name}" has type "${u.type}", which this version of notion-schema does not know; it is left untouched.`));
    }
    return live;
  };

  const readDatabase = async (db: DesiredDatabase): Promise<void> => {
    const binding = dbBinding(db);
    let resp: DatabaseObjectResponse;
    let source: BindingSource;
    if (binding) {
      resp = await getDb(binding.id);
      source = binding.source;
    } else if (db.data_sources.some((ds) => ds.id)) {
      // No database id, but a data source has one: its parent is the database (same D + K cost).
      const withId = db.data_sources.find((ds) => ds.id);
      const dsId = toDashedId(withId?.id ?? '');
      const dsResp = await getDs(dsId);
      prefetched.set(toDashedId(dsResp.id), dsResp);
      const parentDb = (dsResp.parent as { database_id?: unknown } | undefined)?.database_id;
      if (typeof parentDb !== 'string') {
        throw new UserInputError(`data source ${withId?.ref ?? dsId} (${dsId}) has no parent database the API reports; give databases.${db.key} an \`id:\`.`);
      }
      resp = await getDb(parentDb);
      source = 'file';
    } else {
      if (!adopt) return;
      const found = await findDatabaseToAdopt(client, db, boundIds, getDb);
      if (found.kind === 'none') return;
      resp = found.database;
      source = 'adopted';
    }
    const liveDb = normalizeDatabase(resp);
    databases.set(db.key, { source, live: liveDb });
    if (liveDb.in_trash) {
      warnings.push(warn('database-in-trash', `database ${db.key} (${liveDb.id}) is in the trash.`, 'restore it in Notion, or remove its id from the schema file and the lock file to create a new one.', db.location));
    }
    const dsBindings = bindDataSources(db, liveDb, source, lock);
    await Promise.all(db.data_sources.map(async (ds) => {
      const b = dsBindings.get(ds.ref);
      if (!b) return;
      const liveDs = await readDataSource(b.id);
      dataSources.set(ds.ref, { source: b.source, live: liveDs });
      if (liveDs.database_id !== '' && liveDs.database_id !== liveDb.id) {
        warnings.push(warn('data-source-elsewhere', `data source ${ds.ref} (${liveDs.id}) belongs to database ${liveDs.database_id}, not to ${db.key} (${liveDb.id}).`, `fix the id of ${ds.ref} in the schema file or the lock file.`, ds.location));
      }
    }));
  };

  await Promise.all(desired.databases.map(readDatabase));

  // Two keys must not denote one database.
  const owners = new Map<string, string>();
  for (const [key, { live }] of databases) {
    const other = owners.get(live.id);
    if (other !== undefined) {
      throw new UserInputError(`databases ${other} and ${key} both denote the Notion database ${live.id}.`, [{
        severity: 'error', code: 'duplicate-binding',
        message: `databases ${other} and ${key} both denote the Notion database ${live.id}`,
        hint: 'give each database key its own `id:` in the schema file (or in notion-schema.lock.json), or give them distinct titles.',
      }]);
    }
    owners.set(live.id, key);
  }

  // Data sources targeted by id from outside the file: read once each, into `external`.
  const external = new Map<string, LiveDataSource>();
  const externalIds = new Set<string>();
  for (const db of desired.databases) {
    for (const ds of db.data_sources) {
      for (const p of ds.properties) {
        if (p.config.type === 'relation' && p.config.target.kind === 'id') {
          const id = toDashedId(p.config.target.id);
          if (!readIds.has(id)) externalIds.add(id);
        }
      }
    }
  }
  await Promise.all([...externalIds].map(async (id) => {
    try {
      external.set(id, await readDataSource(id));
    } catch (e) {
      if (!(e instanceof NotionApiError) || (e.status !== 404 && e.status !== 403)) throw e;
      warnings.push(warn('relation-target-unreadable', `relation target data source ${id} cannot be read (${e.status} ${e.code}).`, e.hint));
    }
  }));

  // Deterministic order: file order.
  const orderedDbs = new Map<string, Bound<LiveDatabase>>();
  const orderedDs = new Map<string, Bound<LiveDataSource>>();
  for (const db of desired.databases) {
    const d = databases.get(db.key);
    if (d) orderedDbs.set(db.key, d);
    for (const ds of db.data_sources) {
      const x = dataSources.get(ds.ref);
      if (x) orderedDs.set(ds.ref, x);
    }
  }
  const orderedExternal = new Map([...external.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return { live: { databases: orderedDbs, data_sources: orderedDs, external: orderedExternal }, warnings };
}
