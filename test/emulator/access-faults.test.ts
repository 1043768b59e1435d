import { APIResponseError, Client, RequestTimeoutError, UnknownHTTPResponseError } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { parseFaultSpec, startEmulator } from '../../src/emulator/index.js';
import { FaultInjector } from '../../src/emulator/faults.js';
import { RateLimiter } from '../../src/emulator/rate-limiter.js';
import { createDb, raw, rt, setup, type Any } from './helpers.js';

const quiet = { logLevel: 'error' as never };

describe('tokens and sharing', () => {
  it('accepts only the configured tokens', async () => {
    const emu = await startEmulator({ tokens: ['good'] });
    try {
      const ok: Any = await new Client({ auth: 'good', baseUrl: emu.url, ...quiet }).users.me({});
      expect(ok.type).toBe('bot');
      const err: Any = await new Client({ auth: 'bad', baseUrl: emu.url, retry: false, ...quiet }).users.me({}).catch((e) => e);
      expect(err).toBeInstanceOf(APIResponseError);
      expect(err.code).toBe('unauthorized');
      expect(JSON.stringify(emu.requests)).not.toContain('good');
    } finally {
      await emu.close();
    }
  });

  it('answers 404 object_not_found for objects not shared with the token', async () => {
    const { emu, client } = await setup({}, quiet);
    try {
      const { dbId, dsId } = await createDb(client, emu, { Name: { title: {} } });
      emu.share(dbId, ['someone-else']);
      const err: Any = await client.dataSources.retrieve({ data_source_id: dsId }).catch((e) => e);
      expect(err.code).toBe('object_not_found');
      expect(err.status).toBe(404);
      expect(err.message).toMatch(/shared with your integration/);
      const s: Any = await client.search({ filter: { property: 'object', value: 'data_source' } } as never);
      expect(s.results.map((r: Any) => r.id)).not.toContain(dsId);
      emu.share(dbId, ['someone-else', 'test-token']);
      const ok: Any = await client.dataSources.retrieve({ data_source_id: dsId });
      expect(ok.id).toBe(dsId);
      // Sharing the root page restricts what is under it; a relation to a hidden data source is refused.
      const other = await createDb(client, emu, { Name: { title: {} } }, 'Hidden');
      emu.share(other.dbId, ['x']);
      const rel: Any = await client.dataSources.update({ data_source_id: dsId, properties: { R: { relation: { data_source_id: other.dsId, single_property: {} } } } } as never).catch((e) => e);
      expect(rel.code).toBe('object_not_found');
    } finally {
      await emu.close();
    }
  });
});

describe('rate limiting', () => {
  it('token bucket: burst, then waits in whole seconds', () => {
    let t = 0;
    const rl = new RateLimiter(2, 3, () => t);
    expect([rl.take('a'), rl.take('a'), rl.take('a')]).toEqual([0, 0, 0]);
    expect(rl.take('a')).toBe(1);
    expect(rl.take('b')).toBe(0);
    t = 500;
    expect(rl.take('a')).toBe(0);
  });

  it('answers 429 rate_limited with an integer Retry-After, per token', async () => {
    const emu = await startEmulator({ rateLimit: 1, burst: 2 });
    try {
      const statuses: number[] = [];
      let last: Any = null;
      for (let i = 0; i < 4; i++) {
        const r = await raw(emu.url, 'GET', '/v1/users/me');
        statuses.push(r.status);
        if (r.status === 429) last = r;
      }
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      expect(statuses.slice(2)).toContain(429);
      expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(last.json).toMatchObject({ code: 'rate_limited', additional_data: { rate_limit_reason: 'public_api_request_rate_limit' } });
      const other = await raw(emu.url, 'GET', '/v1/users/me', undefined, { authorization: 'Bearer other' });
      expect(other.status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('the SDK’s own retry honours Retry-After and succeeds', async () => {
    const emu = await startEmulator({ rateLimit: 1, burst: 1 });
    try {
      const client = new Client({ auth: 't', baseUrl: emu.url, retry: { maxRetries: 2, initialRetryDelayMs: 10 }, ...quiet });
      await client.users.me({});
      const started = Date.now();
      const me: Any = await client.users.me({});
      expect(me.type).toBe('bot');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(emu.requests.map((r) => r.status)).toEqual([200, 429, 200]);
    } finally {
      await emu.close();
    }
  });
});

describe('fault injection', () => {
  it('parses the spec syntax and rejects bad specs', () => {
    const spec = parseFaultSpec('429=0.1,500=0.05,502=0.02,503=0.02,529=0.02,reset=0.02,slow=0.01,commit-then-503=0.02,slow_ms=50');
    expect(spec.faults).toHaveLength(8);
    expect(spec.slowMs).toBe(50);
    expect(() => parseFaultSpec('418=0.1')).toThrow(/Unknown fault "418"/);
    expect(() => parseFaultSpec('429=2')).toThrow(/between 0 and 1/);
    expect(() => parseFaultSpec('429=0.6,500=0.6')).toThrow(/more than 1/);
    expect(() => parseFaultSpec('429')).toThrow(/kind=probability/);
  });

  it('is deterministic for a seed', () => {
    const spec = parseFaultSpec('429=0.3,500=0.3');
    const seq = (seed: number): string[] => {
      const f = new FaultInjector(spec, seed);
      return Array.from({ length: 50 }, () => JSON.stringify(f.draw()));
    };
    expect(seq(7)).toEqual(seq(7));
    expect(seq(7)).not.toEqual(seq(8));
  });

  it('injects 5xx and 529 with the right codes; the SDK retries 529 and GET 500/503', async () => {
    const { emu, client } = await setup({ faults: '500=1' }, quiet);
    try {
      const e500: Any = await client.users.me({}).catch((e) => e);
      expect(e500).toMatchObject({ status: 500, code: 'internal_server_error' });
      for (const [spec, status, c] of [['502=1', 502, 'bad_gateway'], ['503=1', 503, 'service_unavailable'], ['529=1', 529, 'service_overload'], ['409=1', 409, 'conflict_error'], ['504=1', 504, 'gateway_timeout']] as const) {
        emu.setFaults(spec);
        const r = await raw(emu.url, 'GET', '/v1/users/me');
        expect(r.status).toBe(status);
        expect(r.json).toMatchObject({ object: 'error', status, code: c });
      }
      // Through the SDK: codes in its enum raise APIResponseError; bad_gateway is UnknownHTTPResponseError.
      for (const [spec, c] of [['409=1', 'conflict_error'], ['504=1', 'gateway_timeout'], ['529=1', 'service_overload']] as const) {
        emu.setFaults(spec);
        const e: Any = await client.users.me({}).catch((x) => x);
        expect(e).toBeInstanceOf(APIResponseError);
        expect(e.code).toBe(c);
      }
      emu.setFaults('502=1');
      expect(await client.users.me({}).catch((x) => x)).toBeInstanceOf(UnknownHTTPResponseError);
      emu.setFaults('529=0.5');
      const retrying = new Client({ auth: 't', baseUrl: emu.url, retry: { maxRetries: 10, initialRetryDelayMs: 1, maxRetryDelayMs: 1 }, ...quiet });
      emu.setFaults('529=0.5');
      emu.clearRequests();
      const me: Any = await retrying.users.me({});
      expect(me.type).toBe('bot');
    } finally {
      await emu.close();
    }
  });

  it('resets connections and delays slow responses past a client timeout', async () => {
    const { emu, client } = await setup({ faults: 'reset=1' }, quiet);
    try {
      const reset: Any = await client.users.me({}).catch((e) => e);
      expect(reset).toBeInstanceOf(Error);
      expect(emu.requests.at(-1)?.status).toBe(0);
      emu.setFaults('slow=1,slow_ms=400');
      const impatient = new Client({ auth: 't', baseUrl: emu.url, timeoutMs: 100, retry: false, ...quiet });
      const slow: Any = await impatient.users.me({}).catch((e) => e);
      expect(slow).toBeInstanceOf(RequestTimeoutError);
    } finally {
      await emu.close();
    }
  });

  it('commit-then-503 stores the write and reports committed_resource_id on creates; reads are unaffected', async () => {
    const { emu, client } = await setup({}, quiet);
    try {
      const { dsId } = await createDb(client, emu, { Name: { title: {} } });
      emu.setFaults('commit-then-503=1');
      const me: Any = await client.users.me({});
      expect(me.type).toBe('bot');
      const err: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt('kept') } } } as never).catch((e) => e);
      expect(err).toMatchObject({ status: 503, code: 'service_unavailable' });
      const id = err.additional_data.committed_resource_id;
      expect(err.additional_data.retry_guidance).toEqual([expect.stringMatching(/Re-read/)]);
      emu.setFaults(null);
      const page: Any = await client.pages.retrieve({ page_id: id });
      expect(page.properties.Name.title[0].plain_text).toBe('kept');
      emu.setFaults('commit-then-503=1');
      const upd: Any = await client.dataSources.update({ data_source_id: dsId, properties: { Extra: { number: {} } } } as never).catch((e) => e);
      expect(upd.status).toBe(503);
      expect(upd.additional_data.committed_resource_id).toBeUndefined();
      emu.setFaults(null);
      const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
      expect(ds.properties.Extra.type).toBe('number');
    } finally {
      await emu.close();
    }
  });
});
