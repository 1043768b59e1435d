import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, NotionApiError } from '../../src/errors.js';
import { createNotionClient, DEFAULT_WRITE_TIMEOUT_MS } from '../../src/notion/client.js';
import type { ClientOptions, NotionClient } from '../../src/notion/types.js';
import { fakeClock, notionError, startFakeServer, type FakeReply, type FakeServer } from './helpers/fake-server.js';

const TOKEN = 'ntn_SuperSecretToken1234567890abcdef';
const DB = '0c5e5c3a-1111-4222-8333-444455556666';

let server: FakeServer | undefined;
let client: NotionClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(handler: (req: { method: string; url: string }, i: number) => FakeReply, opts: Partial<ClientOptions> = {}): Promise<{ server: FakeServer; client: NotionClient }> {
  server = await startFakeServer(handler);
  // A fake clock by default: backoff and limiter waits are instant (the timeout test uses real timers).
  const clock = fakeClock();
  client = createNotionClient({ baseUrl: server.url, token: TOKEN, rateLimit: 1000, random: () => 0.5, now: clock.now, sleep: clock.sleep, ...opts });
  return { server, client };
}

describe('createNotionClient: requests', () => {
  it('sends the bearer token, Notion-Version, JSON body and repeated query parameters', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: { ok: true } }), { notionVersion: '2026-03-11' });
    const out = await client.request<{ ok: boolean }>({
      method: 'POST', path: '/v1/search', body: { query: 'CRM' }, query: { filter_properties: ['a', 'b'] },
    });
    expect(out).toEqual({ ok: true });
    const [seen] = server.seen;
    expect(seen?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(seen?.headers['notion-version']).toBe('2026-03-11');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.url).toBe('/v1/search?filter_properties=a&filter_properties=b');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ query: 'CRM' });
    expect(client.notionVersion).toBe('2026-03-11');
  });

  it('defaults Notion-Version to 2025-09-03 and never shows the token in `target`', async () => {
    const { server, client } = await setup(() => ({ status: 200, json: {} }));
    await client.request({ method: 'GET', path: `/v1/databases/${DB}` });
    expect(server.seen[0]?.headers['notion-version']).toBe('2025-09-03');
    expect(server.seen[0]?.headers['content-type']).toBeUndefined();
    expect(client.target).not.toContain(TOKEN);
  });
});

describe('createNotionClient: retries', () => {
  it('retries a 429 on a POST, honouring Retry-After exactly through the shared limiter', async () => {
    const clock = fakeClock();
    const { server, client } = await setup(
      (_r, i) => (i === 0 ? { status: 429, json: notionError(429, 'rate_limited', 'slow down'), headers: { 'retry-after': '2' } } : { status: 200, json: { id: 'x' } }),
      { now: clock.now, sleep: clock.sleep, rateLimit: 3 },
    );
    await expect(client.request({ method: 'POST', path: '/v1/databases', body: {} })).resolves.toEqual({ id: 'x' });
    expect(server.seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
    expect(client.stats).toEqual({ requests: 2, retries: 1, rateLimited: 1 });
  });

  it('a 429 pauses the whole limiter: a concurrent request waits for Retry-After too', async () => {
    const clock = fakeClock();
    const sentAt: number[] = [];
    const { client } = await setup(
      (_r, i) => {
        sentAt.push(clock.now());
        return i === 0 ? { status: 429, json: notionError(429, 'rate_limited', 'slow'), headers: { 'retry-after': '5' } } : { status: 200, json: {} };
      },
      { now: clock.now, sleep: clock.sleep, rateLimit: 100, burst: 1 },
    );
    await client.request({ method: 'GET', path: '/v1/users/me' });
    // The first request consumed the burst token and was throttled; the limiter is paused for 5 s.
    await Promise.all([
      client.request({ method: 'GET', path: '/v1/users/me' }),
      client.request({ method: 'GET', path: '/v1/users/me' }),
    ]);
    expect(sentAt.slice(1).every((t) => t >= 5000)).toBe(true);
  });

  it('retries 529 on a non-idempotent POST', async () => {
    const { server, client } = await setup((_r, i) => (i < 2 ? { status: 529, json: notionError(529, 'service_overload', 'busy') } : { status: 200, json: {} }));
    await client.request({ method: 'POST', path: '/v1/data_sources', body: {} });
    expect(server.seen).toHaveLength(3);
  });

  it('retries 500/502/503/504 on a GET', async () => {
    const statuses = [500, 502, 503, 504];
    const { server, client } = await setup((_r, i) => {
      const s = statuses[i];
      return s !== undefined ? { status: s, json: notionError(s, 'internal_server_error', 'oops') } : { status: 200, json: { done: true } };
    });
    await expect(client.request({ method: 'GET', path: `/v1/data_sources/${DB}` })).resolves.toEqual({ done: true });
    expect(server.seen).toHaveLength(5);
    expect(client.stats.retries).toBe(4);
  });

  it('never retries a POST or an unmarked PATCH on 5xx, and keeps additional_data for recovery', async () => {
    const { server, client } = await setup(() => ({
      status: 503,
      json: notionError(503, 'service_unavailable', 'saved?', { additional_data: { committed_resource_id: DB, retry_guidance: 're-read' } }),
    }));
    const err = await client.request({ method: 'POST', path: '/v1/databases', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotionApiError);
    expect((err as NotionApiError).status).toBe(503);
    expect((err as NotionApiError).additional_data?.['committed_resource_id']).toBe(DB);
    expect(server.seen).toHaveLength(1);
    await expect(client.request({ method: 'PATCH', path: `/v1/data_sources/${DB}`, body: {} })).rejects.toBeInstanceOf(NotionApiError);
    expect(server.seen).toHaveLength(2);
  });

  it('retries a PATCH the caller marks idempotent', async () => {
    const { server, client } = await setup((_r, i) => (i === 0 ? { status: 502, json: notionError(502, 'bad_gateway', 'x') } : { status: 200, json: {} }));
    await client.request({ method: 'PATCH', path: `/v1/data_sources/${DB}`, body: {}, idempotent: true });
    expect(server.seen).toHaveLength(2);
  });

  it('retries connection resets on a GET but not on a POST', async () => {
    const { server, client } = await setup((r, i) => (r.method === 'GET' && i === 0 ? { reset: true } : r.method === 'POST' ? { reset: true } : { status: 200, json: { ok: 1 } }));
    await expect(client.request({ method: 'GET', path: '/v1/users/me' })).resolves.toEqual({ ok: 1 });
    expect(server.seen).toHaveLength(2);
    const err = await client.request({ method: 'POST', path: '/v1/databases', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(server.seen).toHaveLength(3);
  });

  it('times out a slow request (per-request timeout) and reports it as a NetworkError', async () => {
    const { client } = await setup(() => ({ status: 200, json: {}, delayMs: 2000 }), { timeoutMs: 150, maxRetries: 0 });
    const err = await client.request({ method: 'GET', path: '/v1/users/me' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).timed_out).toBe(true);
  });

  it('waits past Notion\'s 60 s limit for a create, whatever the read timeout (a slow success is not a lost create)', async () => {
    expect(DEFAULT_WRITE_TIMEOUT_MS).toBeGreaterThan(60_000);
    const { server, client } = await setup(() => ({ status: 200, json: { id: 'made' }, delayMs: 600 }), { timeoutMs: 150, maxRetries: 0 });
    await expect(client.request({ method: 'POST', path: '/v1/databases', body: {} })).resolves.toEqual({ id: 'made' });
    expect(server.seen).toHaveLength(1);
    const read = await client.request({ method: 'GET', path: '/v1/users/me' }).catch((e: unknown) => e);
    expect((read as NetworkError).timed_out).toBe(true);
  });

  it('never retries a timed-out POST (it may have been processed), but retries a timed-out GET', async () => {
    const { server, client } = await setup((_r, i) => (i < 2 ? { status: 200, json: {}, delayMs: 2000 } : { status: 200, json: { ok: 1 } }), { timeoutMs: 150, writeTimeoutMs: 150 });
    const err = await client.request({ method: 'POST', path: '/v1/databases', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).timed_out).toBe(true);
    expect(server.seen).toHaveLength(1);
    await expect(client.request({ method: 'GET', path: '/v1/users/me' })).resolves.toEqual({ ok: 1 });
    expect(server.seen).toHaveLength(3);
  });

  it('bounds the total backoff: gives up once the next delay exceeds the budget', async () => {
    const clock = fakeClock();
    const { server, client } = await setup(() => ({ status: 503, json: notionError(503, 'service_unavailable', 'down') }), {
      now: clock.now, sleep: clock.sleep, maxRetries: 50, maxRetryTotalMs: 5000,
    });
    await expect(client.request({ method: 'GET', path: '/v1/users/me' })).rejects.toBeInstanceOf(NotionApiError);
    const total = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(5000);
    expect(server.seen.length).toBeGreaterThan(2);
    expect(server.seen.length).toBeLessThan(10);
    // Jittered exponential: every delay grows.
    for (let i = 1; i < clock.sleeps.length; i++) expect(clock.sleeps[i]).toBeGreaterThan(clock.sleeps[i - 1] ?? 0);
  });

  it('does not retry a 429 whose reason is public_api_request_blocked', async () => {
    const { server, client } = await setup(() => ({
      status: 429, json: notionError(429, 'rate_limited', 'blocked', { additional_data: { rate_limit_reason: 'public_api_request_blocked' } }),
    }));
    await expect(client.request({ method: 'GET', path: '/v1/users/me' })).rejects.toBeInstanceOf(NotionApiError);
    expect(server.seen).toHaveLength(1);
  });
});

describe('createNotionClient: errors say what to do', () => {
  it.each([
    [401, 'unauthorized', /NOTION_TOKEN|--token-file/],
    [403, 'restricted_resource', /capabilit/],
    [404, 'object_not_found', new RegExp(`share the page or database ${DB}.*Connections`)],
  ])('%i → a typed error with a hint', async (status, code, hint) => {
    const { client } = await setup(() => ({ status, json: notionError(status, code, 'nope') }));
    const err = await client.request({ method: 'GET', path: `/v1/databases/${DB.replace(/-/g, '')}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotionApiError);
    const e = err as NotionApiError;
    expect(e.status).toBe(status);
    expect(e.code).toBe(code);
    expect(e.request_id).toBe(`req-${status}`);
    expect(e.hint).toMatch(hint);
  });

  it('falls back to the x-notion-request-id header and copes with non-JSON error bodies', async () => {
    const { client } = await setup(() => ({ status: 400, headers: { 'x-notion-request-id': 'hdr-1' }, json: undefined }));
    const e = (await client.request({ method: 'GET', path: '/v1/users/me' }).catch((x: unknown) => x)) as NotionApiError;
    expect(e.request_id).toBe('hdr-1');
    expect(e.code).toBe('http_400');
  });
});

describe('createNotionClient: the token never leaks', () => {
  it('redacts the token from errors, additional_data and every trace line, even when the server echoes it', async () => {
    const lines: string[] = [];
    const { client } = await setup(
      (r) => ({
        status: 401,
        json: notionError(401, 'unauthorized', `bad token ${TOKEN} in header Bearer ${TOKEN}`, { additional_data: { echoed: TOKEN } }),
        headers: { 'x-notion-request-id': r.url },
      }),
      { trace: (l) => lines.push(l) },
    );
    const err = (await client.request({ method: 'GET', path: `/v1/databases/${DB}`, query: { q: TOKEN } }).catch((e: unknown) => e)) as NotionApiError;
    const everything = [err.message, err.hint ?? '', JSON.stringify(err.additional_data), err.request_id ?? '', String(err.stack), ...lines].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^GET \/v1\/databases\/\S+ 401 unauthorized \d+ms/);
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain('[REDACTED]');
  });
});

describe('createNotionClient: a token no header can carry', () => {
  it('fails at once, without retrying or showing the token, and says to check the token', async () => {
    const bad = 'tok_Secret\u0001Value1234567';
    const { server } = await setup(() => ({ status: 200, json: {} }));
    const c = createNotionClient({ baseUrl: server.url, token: bad, rateLimit: 1000 });
    try {
      const err = await c.request({ method: 'GET', path: '/v1/users/me' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as Error).message).toMatch(/check NOTION_TOKEN or the --token-file/);
      expect((err as Error).message).not.toContain('Secret');
      expect(c.stats.requests).toBe(1);
      expect(server.seen).toHaveLength(0);
    } finally {
      await c.close();
    }
  });
});

describe('createNotionClient: refused connections', () => {
  it('retries a refused connection a few times, even for a POST (nothing was sent), then reports it', async () => {
    const clock = fakeClock();
    const lines: string[] = [];
    const c = createNotionClient({ baseUrl: 'http://127.0.0.1:1', token: TOKEN, rateLimit: 1000, now: clock.now, sleep: clock.sleep, trace: (l) => lines.push(l) });
    try {
      const err = await c.request({ method: 'POST', path: '/v1/databases', body: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as NetworkError).cause_code).toBe('ECONNREFUSED');
      expect((err as Error).message).toMatch(/Check the API URL/);
      expect(c.stats.requests).toBe(4);
    } finally {
      await c.close();
    }
  });
});
