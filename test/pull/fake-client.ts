import { NotionApiError } from '../../src/errors.js';
import type { NotionClient, NotionRequest } from '../../src/notion/types.js';

/** A raw data source as the API returns it (only the fields pull reads). */
export interface RawDs {
  readonly id: string;
  readonly database_id: string;
  readonly title: string;
  readonly properties: Record<string, unknown>;
}

const rt = (s: string): unknown[] => [{ type: 'text', text: { content: s }, plain_text: s }];

/**
 * An in-memory fake of the endpoints pull uses, recording every request.
 * Search pages hold `pageSize` results each, so pagination is exercised.
 */
export function fakeClient(dbs: readonly { id: string; title: string; sources: readonly RawDs[] }[], pageSize = 2): NotionClient & { log: NotionRequest[] } {
  const log: NotionRequest[] = [];
  const dsById = new Map(dbs.flatMap((d) => d.sources.map((s) => [s.id, s] as const)));
  const dsResp = (s: RawDs): unknown => ({
    object: 'data_source', id: s.id, title: rt(s.title), description: [], icon: null, in_trash: false,
    parent: { type: 'database_id', database_id: s.database_id }, properties: s.properties,
  });
  const notFound = (): never => { throw new NotionApiError('Could not find object', 404, 'object_not_found', 'req'); };
  return {
    log,
    target: 'http://fake',
    notionVersion: '2025-09-03',
    stats: { requests: 0, retries: 0, rateLimited: 0 },
    close: async () => {},
    async request<T>(req: NotionRequest): Promise<T> {
      log.push(req);
      const m = /^\/v1\/(databases|data_sources)\/([^/]+)$/.exec(req.path);
      if (req.method === 'GET' && m?.[1] === 'databases') {
        const db = dbs.find((d) => d.id === m[2]) ?? notFound();
        return { object: 'database', id: db.id, title: rt(db.title), description: [], icon: null,
          parent: { type: 'page_id', page_id: 'b0000000-0000-0000-0000-000000000001' }, is_inline: false, in_trash: false,
          data_sources: db.sources.map((s) => ({ id: s.id, name: s.title })) } as T;
      }
      if (req.method === 'GET' && m?.[1] === 'data_sources') return dsResp(dsById.get(m[2] ?? '') ?? notFound()) as T;
      if (req.method === 'POST' && req.path === '/v1/search') {
        const all = [...dsById.values()];
        const body = req.body as { start_cursor?: string };
        const start = Number(body.start_cursor ?? 0);
        const results = all.slice(start, start + pageSize).map(dsResp);
        const more = start + pageSize < all.length;
        return { object: 'list', results, has_more: more, next_cursor: more ? String(start + pageSize) : null } as T;
      }
      // Views: none (the real API lists at least the default view; an empty list keeps these workspaces view-less).
      if (req.method === 'GET' && req.path.startsWith('/v1/views?')) return { object: 'list', results: [], has_more: false, next_cursor: null, type: 'view', view: {} } as T;
      throw new Error(`unexpected request ${req.method} ${req.path}`);
    },
  };
}
