import { APIResponseError, Client, UnknownHTTPResponseError, collectPaginatedAPI } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { createDb, raw, rt, setup, type Any } from './helpers.js';

let emu: EmulatorHandle;
let client: Client;
beforeAll(async () => ({ emu, client } = await setup()));
afterAll(async () => emu.close());

async function code(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(APIResponseError);
  return (err as APIResponseError).code;
}

describe('databases', () => {
  it('creates, retrieves and updates a database', async () => {
    const db: Any = await client.databases.create({
      parent: { type: 'page_id', page_id: emu.rootPageId }, title: rt('CRM'), description: rt('Customers'),
      icon: { type: 'emoji', emoji: '🏢' }, is_inline: true,
      initial_data_source: { properties: { Name: { title: {} } } },
    } as never);
    expect(db).toMatchObject({ object: 'database', is_inline: true, in_trash: false, archived: false, is_locked: false, icon: { type: 'emoji', emoji: '🏢' } });
    expect(db.data_sources).toEqual([{ id: expect.any(String), name: 'CRM' }]);
    expect(db.properties).toBeUndefined();
    const got: Any = await client.databases.retrieve({ database_id: db.id });
    expect(got.title[0].plain_text).toBe('CRM');
    const upd: Any = await client.databases.update({ database_id: db.id, title: rt('CRM 2'), description: [], is_locked: true } as never);
    expect(upd.title[0].plain_text).toBe('CRM 2');
    expect(upd.description).toEqual([]);
    expect(upd.is_locked).toBe(true);
    const trashed: Any = await client.databases.update({ database_id: db.id, in_trash: true } as never);
    expect(trashed.in_trash).toBe(true);
    const ds: Any = await client.dataSources.retrieve({ data_source_id: db.data_sources[0].id });
    expect(ds.in_trash).toBe(true);
  });

  it('creates a default Name title when initial_data_source is omitted, and databases at workspace level', async () => {
    const db: Any = await client.databases.create({ parent: { type: 'workspace', workspace: true }, title: rt('W') } as never);
    expect(db.parent).toEqual({ type: 'workspace', workspace: true });
    const ds: Any = await client.dataSources.retrieve({ data_source_id: db.data_sources[0].id });
    expect(Object.keys(ds.properties)).toEqual(['Name']);
  });

  it('answers 404 for unknown parents and ids, 400 for malformed ids and schema on databases', async () => {
    expect(await code(client.databases.create({ parent: { type: 'page_id', page_id: '12345678-1234-1234-1234-123456789012' }, title: rt('x') } as never))).toBe('object_not_found');
    expect(await code(client.databases.retrieve({ database_id: '12345678123412341234123456789012' }))).toBe('object_not_found');
    expect(await code(client.databases.retrieve({ database_id: 'not-a-uuid' }))).toBe('validation_error');
    const r = await raw(emu.url, 'PATCH', `/v1/databases/${emu.rootPageId}`, { properties: {} });
    expect(r.json.code).toBe('validation_error');
  });

  it('rejects the legacy top-level properties and unknown body keys', async () => {
    const r = await raw(emu.url, 'POST', '/v1/databases', { parent: { page_id: emu.rootPageId }, title: rt('x'), properties: { Name: { title: {} } } });
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/body.properties should be not present/);
  });
});

describe('data sources', () => {
  it('adds a second data source to a database with an independent schema', async () => {
    const { dbId, dsId } = await createDb(client, emu, { Name: { title: {} }, A: { rich_text: {} } }, 'Multi');
    const ds2: Any = await client.dataSources.create({ parent: { database_id: dbId }, title: rt('Second'), properties: { Title: { title: {} }, Count: { number: {} } } } as never);
    expect(ds2).toMatchObject({ object: 'data_source', parent: { type: 'database_id', database_id: dbId }, database_parent: { type: 'page_id', page_id: emu.rootPageId } });
    expect(Object.keys(ds2.properties)).toEqual(['Title', 'Count']);
    const db: Any = await client.databases.retrieve({ database_id: dbId });
    expect(db.data_sources.map((d: Any) => d.id)).toEqual([dsId, ds2.id]);
    const upd: Any = await client.dataSources.update({ data_source_id: ds2.id, title: rt('Renamed'), icon: { type: 'emoji', emoji: '📦' } } as never);
    expect(upd.title[0].plain_text).toBe('Renamed');
    expect(upd.icon).toEqual({ type: 'emoji', emoji: '📦' });
    const db2: Any = await client.databases.retrieve({ database_id: dbId });
    expect(db2.data_sources[1].name).toBe('Renamed');
  });

  it('requires a title property on create and answers 404 for an unknown database', async () => {
    const { dbId } = await createDb(client, emu, { Name: { title: {} } });
    expect(await code(client.dataSources.create({ parent: { database_id: dbId }, properties: { A: { rich_text: {} } } } as never))).toBe('validation_error');
    expect(await code(client.dataSources.create({ parent: { database_id: '12345678-1234-1234-1234-123456789012' }, properties: { A: { title: {} } } } as never))).toBe('object_not_found');
  });

  it('lists (empty) templates', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} } });
    const t: Any = await client.dataSources.listTemplates({ data_source_id: dsId });
    expect(t.templates).toEqual([]);
  });
});

describe('pages', () => {
  it('creates pages under a data source, a page and the workspace', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, Done: { checkbox: {} } });
    const row: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt('row') }, Done: { checkbox: true } } } as never);
    expect(row.parent).toMatchObject({ type: 'data_source_id', data_source_id: dsId });
    expect(row.properties.Done).toEqual({ id: expect.any(String), type: 'checkbox', checkbox: true });
    const child: Any = await client.pages.create({ parent: { page_id: emu.rootPageId }, properties: { title: { title: rt('child') } } } as never);
    expect(child.parent).toEqual({ type: 'page_id', page_id: emu.rootPageId });
    const top: Any = await client.pages.create({ parent: { workspace: true }, properties: { title: { title: rt('top') } } } as never);
    expect(top.parent).toEqual({ type: 'workspace', workspace: true });
    const upd: Any = await client.pages.update({ page_id: row.id, properties: { Done: { checkbox: false } }, in_trash: true } as never);
    expect(upd.properties.Done.checkbox).toBe(false);
    expect(upd.in_trash).toBe(true);
  });

  it('validates values against the schema', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, N: { number: {} }, E: { email: {} }, St: { status: {} }, F: { formula: { expression: '1' } }, D: { date: {} } });
    const bad = async (properties: Record<string, unknown>): Promise<string> => {
      const err: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties } as never).catch((e) => e);
      expect(err.code).toBe('validation_error');
      return err.message as string;
    };
    expect(await bad({ N: { number: 'five' } })).toMatch(/should be a number/);
    expect(await bad({ N: { rich_text: rt('x') } })).toMatch(/of type `number`/);
    expect(await bad({ Nope: { number: 1 } })).toMatch(/not a property that exists/);
    expect(await bad({ E: { email: 'x'.repeat(201) } })).toMatch(/≤ `200`/);
    expect(await bad({ St: { status: { name: 'Invented' } } })).toMatch(/not an option of status/);
    expect(await bad({ F: { formula: {} } })).toMatch(/cannot be set/);
    expect(await bad({ D: { date: { start: 'yesterday' } } })).toMatch(/ISO 8601/);
    expect(await bad({ Name: { title: [{ text: { content: 'x'.repeat(2001) } }] } })).toMatch(/≤ `2000`/);
    expect(await bad({ Name: { title: Array.from({ length: 101 }, () => ({ text: { content: 'x' } })) } })).toMatch(/≤ `100`/);
  });

  it('creates select options on the fly from page values', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, S: { select: { options: [] } } });
    await client.pages.create({ parent: { data_source_id: dsId }, properties: { S: { select: { name: 'New' } } } } as never);
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    expect(ds.properties.S.select.options.map((o: Any) => o.name)).toEqual(['New']);
  });

  it('uses archived→in_trash under 2026-03-11', async () => {
    const c2 = new Client({ auth: 'test-token', baseUrl: emu.url, notionVersion: '2026-03-11', retry: false });
    const p: Any = await c2.pages.retrieve({ page_id: emu.rootPageId });
    expect(p.in_trash).toBe(false);
    expect('archived' in p).toBe(false);
    const r = await raw(emu.url, 'PATCH', `/v1/pages/${emu.rootPageId}`, { archived: false }, { 'notion-version': '2026-03-11' });
    expect(r.json.message).toMatch(/in_trash/);
  });
});

describe('query and search', () => {
  it('filters with is_empty/is_not_empty for every type, equals/contains, and/or, sorts and paginates', async () => {
    const { dsId } = await createDb(client, emu, {
      Name: { title: {} }, T: { rich_text: {} }, N: { number: {} }, S: { select: { options: [{ name: 'a' }, { name: 'b' }] } },
      M: { multi_select: { options: [{ name: 'x' }] } }, D: { date: {} }, C: { checkbox: {} }, U: { url: {} },
    });
    for (let i = 0; i < 7; i++) {
      await client.pages.create({ parent: { data_source_id: dsId }, properties: {
        Name: { title: rt(`p${i}`) }, N: i % 2 === 0 ? { number: i } : { number: null },
        S: { select: { name: i < 3 ? 'a' : 'b' } }, C: { checkbox: i === 6 }, ...(i === 1 ? { T: { rich_text: rt('hello world') }, M: { multi_select: [{ name: 'x' }] }, D: { date: { start: '2024-01-01' } }, U: { url: 'https://x' } } : {}),
      } } as never);
    }
    const count = async (filter: unknown): Promise<number> => (await client.dataSources.query({ data_source_id: dsId, filter } as never)).results.length;
    expect(await count({ property: 'N', number: { is_not_empty: true } })).toBe(4);
    expect(await count({ property: 'N', number: { is_empty: true } })).toBe(3);
    for (const [p, t] of [['T', 'rich_text'], ['M', 'multi_select'], ['D', 'date'], ['U', 'url']]) {
      expect(await count({ property: p, [t!]: { is_not_empty: true } })).toBe(1);
    }
    expect(await count({ property: 'T', rich_text: { contains: 'WORLD' } })).toBe(1);
    expect(await count({ property: 'S', select: { equals: 'a' } })).toBe(3);
    expect(await count({ property: 'C', checkbox: { equals: true } })).toBe(1);
    expect(await count({ and: [{ property: 'S', select: { equals: 'b' } }, { property: 'N', number: { greater_than: 3 } }] })).toBe(2);
    expect(await count({ or: [{ property: 'N', number: { equals: 0 } }, { property: 'C', checkbox: { equals: true } }] })).toBe(2);
    const err: Any = await client.dataSources.query({ data_source_id: dsId, filter: { property: 'N', rich_text: { is_empty: true } } } as never).catch((e) => e);
    expect(err.code).toBe('validation_error');
    const sorted: Any = await client.dataSources.query({ data_source_id: dsId, sorts: [{ property: 'Name', direction: 'descending' }], page_size: 3 } as never);
    expect(sorted.results.map((r: Any) => r.properties.Name.title[0].plain_text)).toEqual(['p6', 'p5', 'p4']);
    expect(sorted.has_more).toBe(true);
    const all = await collectPaginatedAPI(client.dataSources.query, { data_source_id: dsId, page_size: 2 } as never);
    expect(all).toHaveLength(7);
    expect(await code(client.dataSources.query({ data_source_id: dsId, page_size: 101 } as never))).toBe('validation_error');
    expect(await code(client.dataSources.query({ data_source_id: dsId, start_cursor: 'bogus' } as never))).toBe('validation_error');
  });

  it('searches pages and data sources with filters and pagination, never returning databases', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} } }, 'Zebra unique');
    const s: Any = await client.search({ query: 'zebra', filter: { property: 'object', value: 'data_source' } } as never);
    expect(s.results.map((r: Any) => r.id)).toEqual([dsId]);
    expect(s.type).toBe('page_or_data_source');
    const pages: Any = await client.search({ filter: { property: 'object', value: 'page' }, page_size: 1 } as never);
    expect(pages.results[0].object).toBe('page');
    expect(pages.has_more).toBe(true);
    const all = await collectPaginatedAPI(client.search, { page_size: 5 } as never);
    expect(all.every((r: Any) => r.object === 'page' || r.object === 'data_source')).toBe(true);
    const r = await raw(emu.url, 'POST', '/v1/search', { filter: { property: 'object', value: 'database' } });
    expect(r.json.code).toBe('validation_error');
  });
});

describe('users', () => {
  it('answers users.me with the bot and lists users', async () => {
    const me: Any = await client.users.me({});
    expect(me).toMatchObject({ object: 'user', type: 'bot', bot: { owner: { type: 'workspace', workspace: true } } });
    const list: Any = await client.users.list({});
    expect(list.results.some((u: Any) => u.id === me.id)).toBe(true);
    expect(list.results.some((u: Any) => u.type === 'person')).toBe(true);
    const one: Any = await client.users.retrieve({ user_id: me.id });
    expect(one.id).toBe(me.id);
  });
});

describe('errors', () => {
  it('answers missing_version, invalid_json, unauthorized and invalid_request_url in the envelope', async () => {
    const nv = await raw(emu.url, 'GET', '/v1/users/me', undefined, { 'notion-version': '' });
    expect(nv.status).toBe(400);
    const noVersion = await fetch(`${emu.url}/v1/users/me`, { headers: { authorization: 'Bearer t' } });
    const body: Any = await noVersion.json();
    expect(body).toMatchObject({ object: 'error', status: 400, code: 'missing_version' });
    expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await raw(emu.url, 'POST', '/v1/search', '{nope');
    expect(bad.json).toMatchObject({ status: 400, code: 'invalid_json' });
    const url = await raw(emu.url, 'GET', '/v1/nothing');
    expect(url.json.code).toBe('invalid_request_url');
    const anon = new Client({ baseUrl: emu.url, retry: false });
    const e: Any = await anon.users.me({}).catch((x) => x);
    expect(e).toBeInstanceOf(APIResponseError);
    expect(e.code).toBe('unauthorized');
    expect(e.status).toBe(401);
    const sdkNoVersion: Any = await new Client({ auth: 't', baseUrl: emu.url, notionVersion: '1999-01-01', retry: false }).users.me({}).catch((x) => x);
    expect(sdkNoVersion.code).toBe('validation_error');
    expect(UnknownHTTPResponseError).toBeDefined();
  });
});

describe('payload limit', () => {
  it('refuses bodies over 500 KB with validation_error', async () => {
    const r = await raw(emu.url, 'POST', '/v1/search', { query: 'x'.repeat(520 * 1024) });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('validation_error');
    expect(r.json.message).toMatch(/500 KB/);
  });
});

describe('blocks', () => {
  it('DELETE /v1/blocks/{id} trashes a database or a page', async () => {
    const { dbId } = await createDb(client, emu, { Name: { title: {} } });
    const r: Any = await client.blocks.delete({ block_id: dbId });
    expect(r).toMatchObject({ object: 'block', id: dbId, type: 'child_database', in_trash: true });
    expect(((await client.databases.retrieve({ database_id: dbId })) as Any).in_trash).toBe(true);
    const p: Any = await client.pages.create({ parent: { page_id: emu.rootPageId }, properties: { title: { title: rt('bye') } } } as never);
    const r2: Any = await client.blocks.delete({ block_id: p.id });
    expect(r2).toMatchObject({ type: 'child_page', child_page: { title: 'bye' } });
    expect(await code(client.blocks.delete({ block_id: '12345678-1234-1234-1234-123456789012' }))).toBe('object_not_found');
  });
});

describe('404 on every endpoint that takes an id', () => {
  it('answers object_not_found for unknown ids through the SDK', async () => {
    const id = '0123456789abcdef0123456789abcdef';
    const calls: (() => Promise<unknown>)[] = [
      () => client.databases.retrieve({ database_id: id }),
      () => client.databases.update({ database_id: id, title: rt('x') } as never),
      () => client.dataSources.retrieve({ data_source_id: id }),
      () => client.dataSources.update({ data_source_id: id, title: rt('x') } as never),
      () => client.dataSources.query({ data_source_id: id }),
      () => client.dataSources.create({ parent: { database_id: id }, properties: { N: { title: {} } } } as never),
      () => client.pages.retrieve({ page_id: id }),
      () => client.pages.update({ page_id: id, in_trash: true } as never),
      () => client.pages.create({ parent: { data_source_id: id }, properties: {} } as never),
      () => client.users.retrieve({ user_id: id }),
    ];
    for (const c of calls) expect(await code(c())).toBe('object_not_found');
  });
});
