import { PATHS } from '../wire/paths.js';
import type { NotionClient, NotionRequest } from './types.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const compact = (id: string): string => id.replace(/-/g, '').toLowerCase();

/** `/v1/databases/{id}` or `/v1/data_sources/{id}` (exactly), as a cache key; null for any other path. */
function objectKey(path: string): string | null {
  const m = /^\/v1\/(databases|data_sources)\/([0-9a-fA-F-]{32,36})$/.exec(path);
  return m === null ? null : `${m[1]}:${compact(m[2] ?? '')}`;
}

const dsKey = (id: string): string => `data_sources:${compact(id)}`;
const dbKey = (id: string): string => `databases:${compact(id)}`;

/** The data sources the relation properties of a data source object point at. */
function relationTargets(ds: unknown): string[] {
  return Object.values(asObj(asObj(ds)['properties'])).flatMap((p) => {
    const id = asObj(asObj(p)['relation'])['data_source_id'];
    return typeof id === 'string' ? [id] : [];
  });
}

/**
 * A client that remembers the last known body of every database and data source it read or
 * wrote (issue #14 §5: verify from the write responses). Every request goes to the inner client,
 * except, through `serving()`, a GET of an object whose remembered body is still current.
 * Invariant: a remembered body is dropped as soon as a write may have changed the object without
 * its response showing it: the parent database of a created, renamed or trashed data source, the
 * far side of every relation of a written data source (two-way relations and rollups change
 * there), every data source with a relation to a written one, the target of a failed write, and every
 * data source on a page write (writing a select value Notion does not know creates the option).
 */
export interface ReadCacheClient extends NotionClient {
  /** A view that answers GETs of current objects from memory (no request); writes and other reads go through. */
  serving(): NotionClient;
  /** Remembered objects (tests). */
  readonly size: number;
}

/** True for a client made by `withReadCache`. */
export function isReadCache(client: NotionClient): client is ReadCacheClient {
  return typeof (client as Partial<ReadCacheClient>).serving === 'function';
}

/** Wraps `inner` (a client that is one already is returned as is). */
export function withReadCache(inner: NotionClient): ReadCacheClient {
  if (isReadCache(inner)) return inner;
  const known = new Map<string, unknown>();

  /** Drops what a write to data source `id` (body `body`, object as known `objects`) may change unseen. */
  const forgetAroundDs = (id: string, body: unknown, objects: readonly unknown[]): void => {
    const b = asObj(body);
    const targets = [...objects.flatMap(relationTargets), ...relationTargets({ properties: b['properties'] })];
    for (const t of targets) known.delete(dsKey(t));
    for (const [k, v] of known) if (k.startsWith('data_sources:') && relationTargets(v).some((t) => compact(t) === compact(id))) known.delete(k);
    if ('title' in b || 'in_trash' in b || 'parent' in b || 'archived' in b) {
      for (const o of objects) {
        const parent = asObj(asObj(o)['parent'])['database_id'];
        if (typeof parent === 'string') known.delete(dbKey(parent));
      }
    }
  };

  async function write<T>(req: NotionRequest, key: string | null): Promise<T> {
    const isDs = key?.startsWith('data_sources:') === true || req.path === PATHS.dataSources();
    const before = key === null ? undefined : known.get(key);
    // Forgotten before sending: whatever the outcome, the object may have changed.
    if (key !== null) known.delete(key);
    const parentOfNew = asObj(asObj(req.body)['parent'])['database_id'];
    if (req.path === PATHS.dataSources() && typeof parentOfNew === 'string') known.delete(dbKey(parentOfNew));
    if (isDs) forgetAroundDs(key?.slice('data_sources:'.length) ?? '', req.body, before === undefined ? [] : [before]);
    const res = await inner.request<T>(req);
    const r = asObj(res);
    if (typeof r['id'] === 'string' && (r['object'] === 'data_source' || r['object'] === 'database')) {
      if (r['object'] === 'data_source') forgetAroundDs(r['id'], req.body, [res]);
      // A created database's response lists its data sources but not their schema: only the database is known.
      if (r['in_trash'] !== true && r['archived'] !== true) known.set(r['object'] === 'database' ? dbKey(r['id']) : dsKey(r['id']), res);
    }
    return res;
  }

  async function send<T>(req: NotionRequest, fromMemory: boolean): Promise<T> {
    const key = objectKey(req.path);
    if (req.method === 'GET') {
      if (fromMemory && key !== null && known.has(key) && req.query === undefined) return known.get(key) as T;
      const res = await inner.request<T>(req);
      if (key !== null && req.query === undefined) known.set(key, res);
      return res;
    }
    const creates = req.method === 'POST' && (req.path === PATHS.dataSources() || req.path === PATHS.databases());
    if (key === null && !creates) {
      // A page write may add options to its data source (unknown select names create them): forget every data source.
      if (req.path.startsWith(PATHS.pages())) for (const k of [...known.keys()]) if (k.startsWith('data_sources:')) known.delete(k);
      return inner.request<T>(req);
    }
    return write<T>(req, key);
  }

  const view = (fromMemory: boolean): NotionClient => ({
    get stats() { return inner.stats; },
    target: inner.target,
    notionVersion: inner.notionVersion,
    ...(inner.rateLimit !== undefined ? { rateLimit: inner.rateLimit } : {}),
    get fatalError() { return inner.fatalError ?? null; },
    request: <T>(req: NotionRequest) => send<T>(req, fromMemory),
    close: () => inner.close(),
  });

  const client = view(false);
  Object.defineProperty(client, 'serving', { value: () => view(true) });
  Object.defineProperty(client, 'size', { get: () => known.size });
  return client as ReadCacheClient;
}
