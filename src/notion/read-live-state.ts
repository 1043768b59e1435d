import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import { readDeclaredViews } from './read-views.js';
import pLimit from 'p-limit';
import { NotionApiError, UserInputError } from '../errors.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredDatabase, DesiredState } from '../model/desired.js';
import type { BindingSource, LiveDatabase, LiveDataSource, LiveState, RecordedProperty } from '../model/live.js';
import type { LockFile } from '../model/lock.js';
import { findDatabaseToAdopt } from './adopt.js';
import { bindDataSources } from './bind-data-sources.js';
import { getDatabase, getDataSource } from './endpoints.js';
import { toDashedId } from './ids.js';
import { normalizeDatabase, normalizeDataSourceDetailed } from './normalize.js';
import { readRemoved } from './read-removed.js';
import type { NotionClient } from './types.js';

export { bindDataSources } from './bind-data-sources.js';

export interface ReadLiveStateOptions {
  /** Requests in flight at once (the shared rate limiter still paces them). Default 16. */
  readonly concurrency?: number;
  /** Look for same-titled databases under the same parent when a key is bound neither by file nor lock. Default true. */
  readonly adopt?: boolean;
  /**
   * Fingerprint every bound data source (the staleness basis of a saved plan). Default true;
   * false leaves them `''` for reads whose plan is never saved or re-checked (a shown plan, verification, codegen).
   */
  readonly fingerprints?: boolean;
}

export interface ReadLiveStateResult {
  readonly live: LiveState;
  readonly warnings: readonly Diagnostic[];
}

type Bound<T> = { readonly source: BindingSource; readonly live: T };

function warn(code: string, message: string, hint?: string, location?: DesiredDatabase['location']): Diagnostic {
  return { severity: 'warning', code, message, ...(hint ? { hint } : {}), ...(location ? { location } : {}) };
}

/** The mutable state of one read: what was read so far, and the look-ups shared by every database. */
interface Reader {
  readonly lock: LockFile;
  readonly adopt: boolean;
  readonly fingerprints: boolean;
  readonly warnings: Diagnostic[];
  readonly databases: Map<string, Bound<LiveDatabase>>;
  readonly dataSources: Map<string, Bound<LiveDataSource>>;
  readonly readIds: Set<string>;
  /** Ids bound by the file or the lock: never adopted for another key. */
  readonly boundIds: Set<string>;
  /** Data source responses read before their database was known, reused once. */
  readonly prefetched: Map<string, DataSourceObjectResponse>;
  readonly client: NotionClient;
  getDb(id: string): Promise<DatabaseObjectResponse>;
  getDs(id: string): Promise<DataSourceObjectResponse>;
}

function dbBinding(lock: LockFile, db: DesiredDatabase): { id: string; source: BindingSource } | null {
  if (db.id) return { id: toDashedId(db.id), source: 'file' };
  const l = lock.databases[db.key];
  return l ? { id: toDashedId(l.id), source: 'lock' } : null;
}

async function readDataSource(r: Reader, id: string): Promise<LiveDataSource> {
  const early = r.prefetched.get(id);
  r.prefetched.delete(id);
  const { live, unknown } = normalizeDataSourceDetailed(early ?? (await r.getDs(id)), { fingerprint: r.fingerprints });
  r.readIds.add(live.id);
  for (const u of unknown) {
    r.warnings.push(warn('unknown-property-type', `data source ${live.id} ("${live.title}"): property "${u.name}" has type "${u.type}", which this version of notion-schema does not know; it is left untouched.`));
  }
  return live;
}

/** The live database a key denotes: by id, through a data source's parent, or adopted by title; null when none. */
async function findDatabase(r: Reader, db: DesiredDatabase): Promise<{ resp: DatabaseObjectResponse; source: BindingSource } | null> {
  const binding = dbBinding(r.lock, db);
  if (binding) return { resp: await r.getDb(binding.id), source: binding.source };
  const withId = db.data_sources.find((ds) => ds.id);
  if (withId) {
    // No database id, but a data source has one: its parent is the database (same D + K cost).
    const dsId = toDashedId(withId.id ?? '');
    const dsResp = await r.getDs(dsId);
    r.prefetched.set(toDashedId(dsResp.id), dsResp);
    const parentDb = (dsResp.parent as { database_id?: unknown } | undefined)?.database_id;
    if (typeof parentDb !== 'string') {
      throw new UserInputError(`data source ${withId.ref} (${dsId}) has no parent database the API reports; give databases.${db.key} an \`id:\`.`);
    }
    return { resp: await r.getDb(parentDb), source: 'file' };
  }
  if (!r.adopt) return null;
  const found = await findDatabaseToAdopt(r.client, db, r.boundIds, r.getDb);
  return found.kind === 'none' ? null : { resp: found.database, source: 'adopted' };
}

async function readDatabase(r: Reader, db: DesiredDatabase): Promise<void> {
  const found = await findDatabase(r, db);
  if (found === null) return;
  const liveDb = normalizeDatabase(found.resp);
  r.databases.set(db.key, { source: found.source, live: liveDb });
  if (liveDb.in_trash) {
    r.warnings.push(warn('database-in-trash', `database ${db.key} (${liveDb.id}) is in the trash.`, 'restore it in Notion, or remove its id from the schema file and the lock file to create a new one.', db.location));
  }
  const dsBindings = bindDataSources(db, liveDb, found.source, r.lock);
  await Promise.all(db.data_sources.map(async (ds) => {
    const b = dsBindings.get(ds.ref);
    if (!b) return;
    const liveDs = await readDataSource(r, b.id);
    r.dataSources.set(ds.ref, { source: b.source, live: liveDs });
    if (liveDs.database_id !== '' && liveDs.database_id !== liveDb.id) {
      r.warnings.push(warn('data-source-elsewhere', `data source ${ds.ref} (${liveDs.id}) belongs to database ${liveDs.database_id}, not to ${db.key} (${liveDb.id}).`, `fix the id of ${ds.ref} in the schema file or the lock file.`, ds.location));
    }
  }));
}

/** Every pair of keys denoting one database, as one diagnostic each. */
function duplicateBindings(databases: ReadonlyMap<string, Bound<LiveDatabase>>): Diagnostic[] {
  const owners = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const [key, { live }] of databases) {
    const other = owners.get(live.id);
    if (other !== undefined) {
      out.push({
        severity: 'error', code: 'duplicate-binding',
        message: `databases ${other} and ${key} both denote the Notion database ${live.id}`,
        hint: 'give each database key its own `id:` in the schema file (or in notion-schema.lock.json), or give them distinct titles.',
      });
    } else owners.set(live.id, key);
  }
  return out;
}

/** Data sources a relation targets by id from outside the file: read once each. */
async function readExternal(r: Reader, desired: DesiredState): Promise<Map<string, LiveDataSource>> {
  const external = new Map<string, LiveDataSource>();
  const externalIds = new Set<string>();
  for (const ds of desired.databases.flatMap((db) => db.data_sources)) {
    for (const p of ds.properties) {
      if (p.config.type === 'relation' && p.config.target.kind === 'id') {
        const id = toDashedId(p.config.target.id);
        if (!r.readIds.has(id)) externalIds.add(id);
      }
    }
  }
  await Promise.all([...externalIds].map(async (id) => {
    try {
      external.set(id, await readDataSource(r, id));
    } catch (e) {
      if (!(e instanceof NotionApiError) || (e.status !== 404 && e.status !== 403)) throw e;
      r.warnings.push(warn('relation-target-unreadable', `relation target data source ${id} cannot be read (${e.status} ${e.code}).`, e.hint));
    }
  }));
  return new Map([...external.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Settles every promise; rethrows the first error that is not a UserInputError (a failed request
 * ends the read), else throws one UserInputError holding every diagnostic of every failure.
 */
async function settleAll(promises: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failures = results.flatMap((x) => (x.status === 'rejected' ? [x.reason as unknown] : []));
  const other = failures.find((e) => !(e instanceof UserInputError));
  if (other !== undefined) throw other;
  const userErrors = failures as UserInputError[];
  const [first] = userErrors;
  if (first === undefined) return;
  if (userErrors.length === 1) throw first;
  throw collected(userErrors.flatMap((e) => (e.diagnostics.length > 0 ? e.diagnostics : [{ severity: 'error' as const, code: 'live-state', message: e.message }])));
}

function collected(diagnostics: readonly Diagnostic[]): UserInputError {
  const n = diagnostics.length;
  const [only] = diagnostics;
  if (n === 1 && only) return new UserInputError(`${only.message}.`, diagnostics);
  return new UserInputError(`the live workspace cannot be matched to the schema file (${n} problem${n === 1 ? '' : 's'})`, diagnostics);
}

/**
 * Reads the live state for the databases and data sources the schema file names.
 *
 * Resolution of each database key: the file's `id:` (or the parent of a data source with an
 * `id:`) → the lock file → adoption (a database
 * with the same title under the same parent, found through search; an ambiguous match is an
 * error listing the candidates). Cost: one GET per bound database and one per bound data
 * source (D + K), plus search pages and candidate reads only for keys that need adoption,
 * plus one GET per data source that a relation targets by id outside the file (`external`), plus, for each
 * bound data source whose file declares `views:`, one view list and one GET per view (`views`).
 * Every request goes through the client's shared rate limiter, at most `concurrency` at once.
 * A bound id that answers 404 throws (NotionApiError with a share hint): never a silent duplicate.
 * Problems of the user's making (ambiguous adoptions, two keys bound to one database) are all
 * collected and thrown together as one UserInputError.
 */
export async function readLiveState(
  client: NotionClient,
  desired: DesiredState,
  lock: LockFile,
  opts: ReadLiveStateOptions = {},
): Promise<ReadLiveStateResult> {
  const limit = pLimit(Math.max(1, opts.concurrency ?? 16));
  const boundIds = new Set<string>();
  for (const db of desired.databases) {
    const b = dbBinding(lock, db);
    if (b) boundIds.add(b.id);
  }
  const r: Reader = {
    lock, adopt: opts.adopt ?? true, fingerprints: opts.fingerprints ?? true, warnings: [], client, boundIds,
    databases: new Map(), dataSources: new Map(), readIds: new Set(), prefetched: new Map(),
    getDb: (id) => limit(() => getDatabase(client, id)),
    getDs: (id) => limit(() => getDataSource(client, id)),
  };
  await settleAll(desired.databases.map((db) => readDatabase(r, db)));
  const duplicates = duplicateBindings(r.databases);
  if (duplicates.length > 0) throw collected(duplicates);
  const external = await readExternal(r, desired);
  const bound = new Set(r.boundIds);
  for (const v of r.databases.values()) bound.add(v.live.id);
  for (const v of r.dataSources.values()) bound.add(v.live.id);
  for (const ds of desired.databases.flatMap((db) => db.data_sources)) if (ds.id) bound.add(toDashedId(ds.id));
  const removed = await readRemoved({
    getDb: r.getDb, getDs: r.getDs, boundIds: bound, warnings: r.warnings,
    liveDatabaseIds: new Map([...r.databases.entries()].map(([k, v]) => [k, v.live.id])),
  }, desired, lock);

  // Deterministic order: file order.
  const orderedDbs = new Map<string, Bound<LiveDatabase>>();
  const orderedDs = new Map<string, Bound<LiveDataSource>>();
  for (const db of desired.databases) {
    const d = r.databases.get(db.key);
    if (d) orderedDbs.set(db.key, d);
    for (const ds of db.data_sources) {
      const x = r.dataSources.get(ds.ref);
      if (x) orderedDs.set(ds.ref, x);
    }
  }
  const recorded = recordedProperties(lock, orderedDs);
  const hasRemoved = removed.databases.size > 0 || removed.data_sources.size > 0;
  const views = await readDeclaredViews(client, desired, lock, orderedDs, limit);
  return {
    live: {
      databases: orderedDbs, data_sources: orderedDs, external, ...(hasRemoved ? { removed } : {}), ...(recorded.size > 0 ? { recorded } : {}), ...views,
    },
    warnings: r.warnings,
  };
}

/** The lock's recorded property ids of the data sources bound now (by ref). */
function recordedProperties(lock: LockFile, dataSources: ReadonlyMap<string, Bound<LiveDataSource>>): Map<string, Readonly<Record<string, RecordedProperty>>> {
  const out = new Map<string, Readonly<Record<string, RecordedProperty>>>();
  for (const ref of dataSources.keys()) {
    const props = lock.properties?.[ref];
    if (props !== undefined && Object.keys(props).length > 0) out.set(ref, props);
  }
  return out;
}
