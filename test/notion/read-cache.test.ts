import { describe, expect, it } from 'vitest';
import { withReadCache } from '../../src/notion/read-cache.js';
import type { NotionClient, NotionRequest } from '../../src/notion/types.js';

const A = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-cccc-cccc-cccccccccccc';
const DB = 'dddddddd-dddd-dddd-dddd-dddddddddddd';

/** A fake API: data sources A (relation to B), B, C (rollup side: relation to A) in database DB. */
function fake(): { client: NotionClient; sent: string[] } {
  const sent: string[] = [];
  const ds = (id: string, rel?: string) => ({ object: 'data_source', id, parent: { type: 'database_id', database_id: DB },
    properties: rel === undefined ? {} : { R: { id: 'r', type: 'relation', relation: { data_source_id: rel, type: 'dual_property' } } } });
  const objects: Record<string, unknown> = {
    [`/v1/data_sources/${A}`]: ds(A, B), [`/v1/data_sources/${B}`]: ds(B), [`/v1/data_sources/${C}`]: ds(C, A),
    [`/v1/databases/${DB}`]: { object: 'database', id: DB, data_sources: [{ id: A }, { id: B }, { id: C }] },
  };
  const client = {
    stats: { requests: 0, retries: 0, rateLimited: 0 }, target: 't', notionVersion: 'v', close: async () => {},
    request: async <T>(req: NotionRequest): Promise<T> => {
      sent.push(`${req.method} ${req.path}`);
      return objects[req.path] as T;
    },
  } as NotionClient;
  return { client, sent };
}

describe('withReadCache', () => {
  it('serves a read from the last response; a write to A forgets its relation\'s far side B and C that relates to A, not the database', async () => {
    const { client, sent } = fake();
    const cached = withReadCache(client);
    for (const p of [`/v1/data_sources/${A}`, `/v1/data_sources/${B}`, `/v1/data_sources/${C}`, `/v1/databases/${DB}`]) await cached.request({ method: 'GET', path: p });
    await cached.request({ method: 'PATCH', path: `/v1/data_sources/${A}`, body: { properties: { X: { number: {} } } } });
    sent.length = 0;
    const view = cached.serving();
    for (const p of [`/v1/data_sources/${A}`, `/v1/data_sources/${B}`, `/v1/data_sources/${C}`, `/v1/databases/${DB}`]) await view.request({ method: 'GET', path: p });
    expect(sent).toEqual([`GET /v1/data_sources/${B}`, `GET /v1/data_sources/${C}`]);
  });

  it('a renamed or created data source makes its database be read again; the plain client never serves from memory', async () => {
    const { client, sent } = fake();
    const cached = withReadCache(client);
    await cached.request({ method: 'GET', path: `/v1/databases/${DB}` });
    await cached.request({ method: 'GET', path: `/v1/data_sources/${B}` });
    await cached.request({ method: 'PATCH', path: `/v1/data_sources/${B}`, body: { title: [] } });
    sent.length = 0;
    await cached.serving().request({ method: 'GET', path: `/v1/databases/${DB}` });
    await cached.serving().request({ method: 'GET', path: `/v1/data_sources/${B}` });
    await cached.request({ method: 'GET', path: `/v1/data_sources/${B}` });
    expect(sent).toEqual([`GET /v1/databases/${DB}`, `GET /v1/data_sources/${B}`]);
  });

  it('a page write forgets every data source (a select value Notion does not know creates the option)', async () => {
    const { client, sent } = fake();
    const cached = withReadCache(client);
    await cached.request({ method: 'GET', path: `/v1/data_sources/${B}` });
    await cached.request({ method: 'GET', path: `/v1/databases/${DB}` });
    await cached.request({ method: 'POST', path: '/v1/pages', body: { parent: { data_source_id: B } } });
    sent.length = 0;
    await cached.serving().request({ method: 'GET', path: `/v1/data_sources/${B}` });
    await cached.serving().request({ method: 'GET', path: `/v1/databases/${DB}` });
    expect(sent).toEqual([`GET /v1/data_sources/${B}`]);
  });

  it('a failed write forgets its target', async () => {
    const { client } = fake();
    const wrapped = withReadCache({
      ...client,
      request: async <T>(req: NotionRequest): Promise<T> => { if (req.method === 'PATCH') throw new Error('503'); return client.request<T>(req); },
    } as NotionClient);
    await wrapped.request({ method: 'GET', path: `/v1/data_sources/${B}` });
    expect(wrapped.size).toBe(1);
    await expect(wrapped.request({ method: 'PATCH', path: `/v1/data_sources/${B}`, body: {} })).rejects.toThrow('503');
    expect(wrapped.size).toBe(0);
  });
});
