import { afterEach, describe, expect, it } from 'vitest';
import { createNotionClient } from '../../src/notion/client.js';
import { getDatabase, searchAll, updateDataSource } from '../../src/notion/endpoints.js';
import type { NotionClient } from '../../src/notion/types.js';
import { notionError, startFakeServer, type FakeServer } from './helpers/fake-server.js';

let server: FakeServer | undefined;
let client: NotionClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
});

describe('endpoints', () => {
  it('searchAll follows next_cursor through every page with page_size 100', async () => {
    server = await startFakeServer((r) => {
      const body = JSON.parse(r.body) as { start_cursor?: string; page_size?: number };
      const page = body.start_cursor === undefined ? 0 : Number(body.start_cursor);
      const last = page === 2;
      return { status: 200, json: { object: 'list', results: [{ object: 'data_source', id: `ds-${page}` }], has_more: !last, next_cursor: last ? null : String(page + 1) } };
    });
    client = createNotionClient({ baseUrl: server.url, token: 'ntn_x12345678', rateLimit: 1000 });
    const all = await searchAll(client, { query: 'x', filter: { property: 'object', value: 'data_source' } });
    expect(all.map((r) => r.id)).toEqual(['ds-0', 'ds-1', 'ds-2']);
    expect(server.seen.map((s) => JSON.parse(s.body) as unknown)).toEqual([
      { query: 'x', filter: { property: 'object', value: 'data_source' }, page_size: 100 },
      { query: 'x', filter: { property: 'object', value: 'data_source' }, page_size: 100, start_cursor: '1' },
      { query: 'x', filter: { property: 'object', value: 'data_source' }, page_size: 100, start_cursor: '2' },
    ]);
  });

  it('search is retried on 5xx (it only reads), a schema PATCH is not unless marked idempotent', async () => {
    const statuses = [500, 200, 500, 500, 200];
    server = await startFakeServer((_r, i) => (statuses[i] === 500 ? { status: 500, json: notionError(500, 'internal_server_error', 'x') } : { status: 200, json: { object: 'list', results: [], has_more: false, next_cursor: null } }));
    client = createNotionClient({ baseUrl: server.url, token: 'ntn_x12345678', rateLimit: 1000, sleep: async () => undefined });
    await searchAll(client, { query: 'q' });
    expect(server.seen).toHaveLength(2);
    await expect(updateDataSource(client, 'abc', { title: [] })).rejects.toMatchObject({ status: 500 });
    expect(server.seen).toHaveLength(3);
    await updateDataSource(client, 'abc', { title: [] }, { idempotent: true });
    expect(server.seen).toHaveLength(5);
  });

  it('encodes ids in paths', async () => {
    server = await startFakeServer(() => ({ status: 200, json: {} }));
    client = createNotionClient({ baseUrl: server.url, token: 'ntn_x12345678', rateLimit: 1000 });
    await getDatabase(client, 'a/b?c');
    expect(server.seen[0]?.url).toBe('/v1/databases/a%2Fb%3Fc');
  });
});
