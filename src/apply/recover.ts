import { NetworkError, NotionApiError } from '../errors.js';
import { getDatabase, getDataSource, searchPage } from '../notion/endpoints.js';
import { findChildDatabase, findDataSourceInDatabase } from '../notion/lookup.js';
import type { NotionClient } from '../notion/types.js';

/**
 * Create recovery. Creates are not idempotent: after an ambiguous failure (timeout, reset, 5xx)
 * the object may exist. Before any retry we look for it in an immediately consistent place
 * (never search, whose index lags: notion-api.md §5.1), so no duplicate is ever made: a database
 * among its parent page's `child_database` blocks, a data source in its database's `data_sources`.
 * Creates wait longer than Notion's own 60 s limit (client.ts), so by the time a create has
 * failed, Notion has either committed it (and the look-up sees it) or never will.
 */

/** True when a failed write may nevertheless have been committed. */
export function isAmbiguousFailure(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof NotionApiError && err.status >= 500;
}

/** True when the request was certainly not processed and may be sent again (rate limited, conflict). */
export function isNotCommittedRetryable(err: unknown): boolean {
  return err instanceof NotionApiError && (err.status === 429 || err.status === 409);
}

/** Lowercase, dashless: ids compare equal whatever their formatting. */
export function compactId(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}

/** Plain text of a rich-text array (or a plain string). */
export function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return value.map((item: unknown) => {
    if (item === null || typeof item !== 'object') return '';
    const r = item as { plain_text?: unknown; text?: { content?: unknown } };
    if (typeof r.plain_text === 'string') return r.plain_text;
    return typeof r.text?.content === 'string' ? r.text.content : '';
  }).join('');
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

function committedId(err: unknown): string | null {
  if (!(err instanceof NotionApiError)) return null;
  const id = err.additional_data?.['committed_resource_id'];
  return typeof id === 'string' && id !== '' ? id : null;
}

function sameParent(requested: unknown, actual: unknown): boolean {
  const r = asObj(requested);
  const a = asObj(actual);
  if (r['type'] === 'workspace' || r['workspace'] === true) return a['type'] === 'workspace';
  const rid = typeof r['page_id'] === 'string' ? r['page_id'] : null;
  const aid = typeof a['page_id'] === 'string' ? a['page_id'] : null;
  return rid !== null && aid !== null && compactId(rid) === compactId(aid);
}

/** How a lost create was found. */
export interface Recovered {
  /** The object as GET returns it (a database with `data_sources`, or a data source with `properties`). */
  readonly response: unknown;
  readonly via: 'committed_resource_id' | 'lookup';
}

/**
 * How long before the create was sent an object may have been created and still be its result:
 * room for clock skew between this machine and Notion, and for coarse `created_time` values.
 */
export const CREATED_TIME_SLACK_MS = 10 * 60_000;

/**
 * True when `obj` was certainly created before a create sent at `sentAt` (ms since the epoch):
 * an object of the same title and parent that existed already, never the create's result.
 * Unknown times count as not older.
 */
export function predates(obj: unknown, sentAt: number | undefined): boolean {
  if (sentAt === undefined || !Number.isFinite(sentAt)) return false;
  const created = Date.parse(String(asObj(obj)['created_time'] ?? ''));
  return Number.isFinite(created) && created < sentAt - CREATED_TIME_SLACK_MS;
}

/**
 * Finds the object that an ambiguously failed create may have made. `known` holds (compact) ids
 * that existed before or were bound already: they are never taken for the new object. Nor is an
 * object created well before `sentAt` (when the create was first sent, ms since the epoch):
 * a same-titled database of the user's is never adopted.
 * Returns null when nothing was found (the create can then be retried once).
 */
export async function recoverCreate(
  client: NotionClient,
  kind: 'database' | 'data_source',
  body: Obj,
  err: unknown,
  known: ReadonlySet<string>,
  sentAt?: number,
): Promise<Recovered | null> {
  const committed = committedId(err);
  if (committed !== null) {
    const response = kind === 'database' ? await getDatabase(client, committed) : await getDataSource(client, committed);
    return { response, via: 'committed_resource_id' };
  }
  const found = kind === 'database' ? await findDatabase(client, body, known, sentAt) : await findDataSource(client, body, known, sentAt);
  return found === null ? null : { response: found, via: 'lookup' };
}

async function findDataSource(client: NotionClient, body: Obj, known: ReadonlySet<string>, sentAt: number | undefined): Promise<unknown> {
  const dbId = asObj(body['parent'])['database_id'];
  if (typeof dbId !== 'string') return null;
  return findDataSourceInDatabase(client, dbId, plainText(body['title']), {
    skip: (id) => known.has(compactId(id)),
    accept: (ds) => !predates(ds, sentAt),
  });
}

/**
 * A database under a page: the page's `child_database` blocks, then a read of each candidate.
 * A database at the workspace level has no such list; only search can find it (its index lags,
 * so a create there is retried only after `searchForDatabase` found nothing: documented).
 */
async function findDatabase(client: NotionClient, body: Obj, known: ReadonlySet<string>, sentAt: number | undefined): Promise<unknown> {
  const title = plainText(body['title']);
  const pageId = asObj(body['parent'])['page_id'];
  if (typeof pageId === 'string') {
    return findChildDatabase(client, pageId, title, {
      skip: (id) => known.has(compactId(id)),
      accept: (db) => sameParent(body['parent'], db.parent) && !predates(db, sentAt),
    });
  }
  return searchForDatabase(client, body, title, known, sentAt);
}

/** Search lists data sources (not databases): the newest first; their parents are the candidate databases. */
async function searchForDatabase(client: NotionClient, body: Obj, title: string, known: ReadonlySet<string>, sentAt: number | undefined): Promise<unknown> {
  const candidates: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 3; page++) {
    const res = asObj(await searchPage(client, {
      filter: { property: 'object', value: 'data_source' },
      sort: { timestamp: 'last_edited_time', direction: 'descending' },
      page_size: 100,
      ...(cursor !== undefined ? { start_cursor: cursor } : {}),
    }));
    for (const r of Array.isArray(res['results']) ? (res['results'] as unknown[]).map(asObj) : []) {
      const dbId = asObj(r['parent'])['database_id'];
      if (typeof dbId === 'string' && !known.has(compactId(dbId)) && !candidates.some((c) => compactId(c) === compactId(dbId))) {
        candidates.push(dbId);
      }
    }
    if (res['has_more'] !== true || typeof res['next_cursor'] !== 'string') break;
    cursor = res['next_cursor'];
  }
  let best: Obj | null = null;
  for (const id of candidates.slice(0, 20)) {
    const db = asObj(await getDatabase(client, id));
    if (db['in_trash'] === true || db['archived'] === true) continue;
    if (plainText(db['title']) !== title || !sameParent(body['parent'], db['parent']) || predates(db, sentAt)) continue;
    if (best === null || String(db['created_time'] ?? '') > String(best['created_time'] ?? '')) best = db;
  }
  return best;
}
