import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../src/emulator/index.js';
import { createDb, raw, rt, setup, type Any } from './helpers.js';

const quiet = { logLevel: 'error' as never };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('search indexing lag (--search-lag)', () => {
  it('search leaves out objects created or renamed within the lag; immediately consistent reads see them', async () => {
    const { emu, client } = await setup({ searchLagMs: 300 }, quiet);
    try {
      const { dbId, dsId } = await createDb(client, emu, { Name: { title: {} } }, 'Fresh');
      const search = async (): Promise<string[]> => ((await client.search({ filter: { property: 'object', value: 'data_source' } } as never)) as Any).results.map((r: Any) => r.id);
      expect(await search()).not.toContain(dsId);
      // The parent page's child_database blocks and the database's data_sources are immediate.
      const children = await raw(emu.url, 'GET', `/v1/blocks/${emu.rootPageId}/children`);
      expect(children.json.results.map((b: Any) => b.id)).toContain(dbId);
      const db: Any = await client.databases.retrieve({ database_id: dbId });
      expect(db.data_sources.map((d: Any) => d.id)).toEqual([dsId]);
      await sleep(350);
      expect(await search()).toContain(dsId);
      await client.dataSources.update({ data_source_id: dsId, title: rt('Renamed') } as never);
      expect(await search()).not.toContain(dsId);
      await sleep(350);
      expect(await search()).toContain(dsId);
      emu.setSearchLag(0);
      const again = await createDb(client, emu, { Name: { title: {} } }, 'Now');
      expect(await search()).toContain(again.dsId);
    } finally {
      await emu.close();
    }
  });
});

describe('GET /v1/blocks/{id}/children', () => {
  it('lists child databases and pages in creation order, paginated, without trashed ones', async () => {
    const { emu, client } = await setup({}, quiet);
    try {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await createDb(client, emu, { Name: { title: {} } }, `Child ${i}`)).dbId);
      await client.blocks.delete({ block_id: made[2]! });
      const seen: Any[] = [];
      let cursor: string | undefined;
      for (let n = 0; n < 10; n++) {
        const page: Any = await client.blocks.children.list({ block_id: emu.rootPageId, page_size: 2, ...(cursor ? { start_cursor: cursor } : {}) });
        expect(page.results.length).toBeLessThanOrEqual(2);
        seen.push(...page.results);
        if (!page.has_more) break;
        cursor = page.next_cursor;
      }
      expect(seen.map((b) => b.id)).toEqual([made[0], made[1], made[3], made[4]]);
      expect(seen[0]).toMatchObject({ object: 'block', type: 'child_database', child_database: { title: 'Child 0' }, parent: { type: 'page_id', page_id: emu.rootPageId }, in_trash: false, has_children: false });
      const missing = await raw(emu.url, 'GET', '/v1/blocks/00000000-0000-4000-8000-000000000000/children');
      expect(missing.status).toBe(404);
      expect(missing.json.code).toBe('object_not_found');
    } finally {
      await emu.close();
    }
  });
});

describe('consistency faults', () => {
  it('late-commit holds the write past the client timeout, then commits it', async () => {
    const { emu, client } = await setup({ faults: 'late-commit@POST/v1/databases=1,late_ms=400' }, { ...quiet, timeoutMs: 100 });
    try {
      const err: Any = await createDb(client, emu, { Name: { title: {} } }, 'Late').catch((e) => e);
      expect(err.code).toBe('notionhq_client_request_timeout');
      expect(emu.listDatabases().filter((d) => d.title === 'Late')).toHaveLength(0);
      await emu.idle();
      expect(emu.listDatabases().filter((d) => d.title === 'Late')).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });

  it('commit-then-reset commits the write, then destroys the connection with no answer', async () => {
    const { emu, client } = await setup({ faults: 'commit-then-reset@POST/v1/databases=1' }, quiet);
    try {
      const err: Any = await createDb(client, emu, { Name: { title: {} } }, 'Reset').catch((e) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err.status).toBeUndefined();
      expect(emu.listDatabases().filter((d) => d.title === 'Reset')).toHaveLength(1);
      expect(emu.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/databases', status: 0 });
      // Reads are not affected: the restriction is by method and path.
      expect((await raw(emu.url, 'GET', '/v1/users/me')).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('529 and 429 bodies carry additional_data.retry_after; commit-then-503 carries retry_guidance as an array of strings', async () => {
    const { emu } = await setup({ faults: '529@GET/v1/users/me=1,retry_after=7' }, quiet);
    try {
      const overload = await raw(emu.url, 'GET', '/v1/users/me');
      expect(overload.status).toBe(529);
      expect(overload.json).toMatchObject({ object: 'error', code: 'service_overload', additional_data: { retry_after: '7' } });
      expect(overload.headers.get('retry-after')).toBe('7');
      emu.setFaults('429=1,retry_after=3');
      const limited = await raw(emu.url, 'GET', '/v1/users/me');
      expect(limited.json.additional_data).toEqual({ rate_limit_reason: 'public_api_request_rate_limit', retry_after: '3' });
      emu.setFaults('commit-then-503=1');
      const saved = await raw(emu.url, 'POST', '/v1/databases', { parent: { page_id: emu.rootPageId }, title: rt('Saved') });
      expect(saved.status).toBe(503);
      expect(Array.isArray(saved.json.additional_data.retry_guidance)).toBe(true);
      expect(saved.json.additional_data.retry_guidance.every((g: unknown) => typeof g === 'string')).toBe(true);
      expect(typeof saved.json.additional_data.committed_resource_id).toBe('string');
    } finally {
      await emu.close();
    }
  });

  it('a 502 is the documented bad_gateway envelope; 502-html is a proxy page that is not JSON', async () => {
    const { emu } = await setup({ faults: '502=1' }, quiet);
    try {
      const json = await raw(emu.url, 'GET', '/v1/users/me');
      expect(json.status).toBe(502);
      expect(json.json).toMatchObject({ object: 'error', status: 502, code: 'bad_gateway' });
      expect(json.json.message).toMatch(/upstream server/);
      emu.setFaults('502-html=1');
      const res = await fetch(`${emu.url}/v1/users/me`, { headers: { authorization: 'Bearer t', 'notion-version': '2025-09-03' } });
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toMatch(/<title>502 Bad Gateway<\/title>/);
    } finally {
      await emu.close();
    }
  });

  it('fault restrictions parse, and bad ones are refused clearly', () => {
    const spec = parseFaultSpec('late-commit@POST/v1/databases=0.5,reset=0.5,late_ms=10');
    expect(spec.faults[0]).toEqual({ kind: { type: 'late-commit' }, p: 0.5, only: { method: 'POST', path: '/v1/databases' } });
    expect(spec.lateMs).toBe(10);
    expect(() => parseFaultSpec('reset@POST/v1/databases=0.8,reset=0.3')).toThrow(/add up to 1\.1 for POST \/v1\/databases/);
    expect(() => parseFaultSpec('slow_ms@GET/v1/users=5')).toThrow(/cannot be restricted/);
  });
});

describe('409 conflict_error on overlapping schema writes', () => {
  it('a schema write to a data source while another is in flight gets 409 and changes nothing', async () => {
    const { emu, client } = await setup({ schemaWriteMs: 300 }, quiet);
    try {
      const { dsId } = await createDb(client, emu, { Name: { title: {} } }, 'Busy');
      const first = client.dataSources.update({ data_source_id: dsId, properties: { A: { number: {} } } } as never);
      await sleep(50);
      const second: Any = await client.dataSources.update({ data_source_id: dsId, properties: { B: { number: {} } } } as never).catch((e) => e);
      expect(second).toMatchObject({ status: 409, code: 'conflict_error' });
      await first;
      const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
      expect(Object.keys(ds.properties).sort()).toEqual(['A', 'Name']);
      // Not overlapping: both go through.
      await client.dataSources.update({ data_source_id: dsId, properties: { B: { number: {} } } } as never);
    } finally {
      await emu.close();
    }
  });

  it('a two-way relation write also holds its far side', async () => {
    const { emu, client } = await setup({ schemaWriteMs: 300 }, quiet);
    try {
      const a = await createDb(client, emu, { Name: { title: {} } }, 'Side A');
      const b = await createDb(client, emu, { Name: { title: {} } }, 'Side B');
      const rel = client.dataSources.update({
        data_source_id: a.dsId, properties: { Link: { relation: { data_source_id: b.dsId, type: 'dual_property', dual_property: {} } } },
      } as never);
      await sleep(50);
      const far: Any = await client.dataSources.update({ data_source_id: b.dsId, properties: { X: { checkbox: {} } } } as never).catch((e) => e);
      expect(far).toMatchObject({ status: 409, code: 'conflict_error' });
      await rel;
      // A one-way relation does not touch the far side.
      const c = await createDb(client, emu, { Name: { title: {} } }, 'Side C');
      const one = client.dataSources.update({
        data_source_id: a.dsId, properties: { One: { relation: { data_source_id: c.dsId, type: 'single_property', single_property: {} } } },
      } as never);
      await sleep(50);
      await client.dataSources.update({ data_source_id: c.dsId, properties: { Y: { checkbox: {} } } } as never);
      await one;
    } finally {
      await emu.close();
    }
  });
});
