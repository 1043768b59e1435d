import { ApiError } from '../errors.js';
import { requireId } from '../ids.js';
import type { ApiVersion } from '../render.js';
import { isRecord } from '../rich-text.js';
import type { Store } from '../store.js';
import { isVisible, type ObjectKind } from '../visibility.js';
import type { StoredDatabase, StoredDataSource, StoredPage } from '../state-types.js';

/** One parsed, authenticated request as handlers see it. */
export interface ApiRequest {
  readonly method: string;
  /** Path segments after `/v1/`. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
  readonly version: ApiVersion;
  /** Digest of the bearer token. */
  readonly digest: string;
  /** The bot user of the token. */
  readonly botId: string;
  readonly now: string;
}

/** A handler's answer; `createdId` feeds `committed_resource_id` on commit-then-fail faults. */
export interface ApiResult {
  readonly body: unknown;
  readonly createdId?: string;
}

export type Handler = (store: Store, req: ApiRequest) => ApiResult;

/** Rejects unknown top-level body keys (the SDK would have dropped them; raw clients get told). */
export function allowKeys(body: Record<string, unknown>, keys: readonly string[], version: ApiVersion): void {
  for (const k of Object.keys(body)) {
    if (k === 'archived' && version === '2026-03-11' && keys.includes('in_trash')) {
      throw ApiError.validation('body.archived should be not present: API version 2026-03-11 uses `in_trash`.');
    }
    if (!keys.includes(k)) throw ApiError.validation(`body.${k} should be not present.`);
  }
}

/** Reads `in_trash` (or the deprecated `archived` under 2025-09-03). */
export function trashFlag(body: Record<string, unknown>): boolean | undefined {
  const v = body.in_trash ?? body.archived;
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw ApiError.validation(`body.in_trash should be a boolean, instead was \`${JSON.stringify(v)}\`.`);
  return v;
}

export function visible(store: Store, req: ApiRequest, kind: ObjectKind, id: string): boolean {
  return isVisible(store.state, req.digest, kind, id);
}

export function getDatabase(store: Store, req: ApiRequest, raw: string, where = 'path.database_id'): StoredDatabase {
  const id = requireId(raw, where);
  const db = store.state.databases[id];
  if (db === undefined || !visible(store, req, 'database', id)) throw ApiError.notFound('database', id);
  return db;
}

export function getDataSource(store: Store, req: ApiRequest, raw: string, where = 'path.data_source_id'): StoredDataSource {
  const id = requireId(raw, where);
  const ds = store.state.data_sources[id];
  if (ds === undefined || !visible(store, req, 'data_source', id)) throw ApiError.notFound('data source', id);
  return ds;
}

export function getPage(store: Store, req: ApiRequest, raw: string, where = 'path.page_id'): StoredPage {
  const id = requireId(raw, where);
  const page = store.state.pages[id];
  if (page === undefined || !visible(store, req, 'page', id)) throw ApiError.notFound('page', id);
  return page;
}

/** Checks an `icon` / `cover` value loosely (emoji, external, file_upload, custom_emoji or null). */
export function fileLike(v: unknown, where: string): unknown {
  if (v === null) return null;
  if (!isRecord(v)) throw ApiError.validation(`${where} should be an object or \`null\`.`);
  if (typeof v.emoji === 'string') return { type: 'emoji', emoji: v.emoji };
  if (isRecord(v.external) && typeof v.external.url === 'string') return { type: 'external', external: { url: v.external.url } };
  if (isRecord(v.file_upload) || isRecord(v.custom_emoji) || isRecord(v.file)) return v;
  throw ApiError.validation(`${where} should have one of \`emoji\`, \`external\`, \`file_upload\` or \`custom_emoji\`.`);
}

/** Reads `page_size` (1..100) and `start_cursor`. */
export function paging(raw: { page_size?: unknown; start_cursor?: unknown }, where: string): { size: number; offset: number } {
  let size = 100;
  if (raw.page_size !== undefined) {
    const n = typeof raw.page_size === 'string' ? Number(raw.page_size) : raw.page_size;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100) {
      throw ApiError.validation(`${where}.page_size should be an integer between 1 and 100, instead was \`${JSON.stringify(raw.page_size)}\`.`);
    }
    size = n;
  }
  let offset = 0;
  if (raw.start_cursor !== undefined && raw.start_cursor !== null) {
    offset = decodeCursor(raw.start_cursor, `${where}.start_cursor`);
  }
  return { size, offset };
}

/** Cursors are opaque strings to clients; the emulator encodes an offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`emu:${offset}`).toString('base64url');
}

function decodeCursor(raw: unknown, where: string): number {
  if (typeof raw === 'string') {
    const m = /^emu:(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
    if (m !== null) return Number(m[1]);
  }
  throw ApiError.validation(`${where} should be a cursor returned by a previous response, instead was \`${JSON.stringify(raw)}\`.`);
}

/** A list envelope over `all`, one page of it. */
export function listPage(all: readonly unknown[], size: number, offset: number, type: string): Record<string, unknown> {
  const results = all.slice(offset, offset + size);
  const next = offset + size < all.length ? encodeCursor(offset + size) : null;
  return { object: 'list', results, next_cursor: next, has_more: next !== null, type, [type]: {} };
}
