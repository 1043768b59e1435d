import { Client, collectPaginatedAPI } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { evaluateFormula } from '../../src/emulator/formula-eval.js';
import { compileFormula, renderFormula } from '../../src/emulator/schema/formula.js';
import type { StoredPage, StoredProperty } from '../../src/emulator/state-types.js';
import { createDb, rt, setup, type Any } from './helpers.js';

let emu: EmulatorHandle;
let client: Client;
beforeAll(async () => ({ emu, client } = await setup({}, { logLevel: 'error' })));
afterAll(async () => emu.close());

describe('formula engine', () => {
  const props: StoredProperty[] = [
    { id: 'a:b', name: 'Price', description: null, type: 'number', config: { format: 'number' } },
    { id: 'title', name: 'Name', description: null, type: 'title', config: {} },
  ];
  it('compiles prop() references to ids and renders current names', () => {
    const stored = compileFormula('prop("Price") * 2 + prop("Name")', props, 'f');
    expect(stored).toBe('{{notion:block_property:a%3Ab}} * 2 + {{notion:block_property:title}}');
    expect(renderFormula(stored, { 'a:b': { ...props[0]!, name: 'Cost' }, title: props[1]! })).toBe('prop("Cost") * 2 + prop("Name")');
    expect(renderFormula(stored, { title: props[1]! })).toContain('{{notion:block_property:a%3Ab}}');
  });
  it('evaluates arithmetic, strings and falls back to a typed null', () => {
    const read = (id: string): number | string => (id === 'a:b' ? 4 : 'x');
    expect(evaluateFormula('{{notion:block_property:a%3Ab}} * (2 + 1) - -1', read)).toEqual({ type: 'number', number: 13 });
    expect(evaluateFormula('"id-" + {{notion:block_property:title}}', read)).toEqual({ type: 'string', string: 'id-x' });
    expect(evaluateFormula('if({{notion:block_property:a%3Ab}} > 3 and not false, "big", "small")', read)).toEqual({ type: 'string', string: 'big' });
    expect(evaluateFormula('round(10 / 3, 2) + length(concat("ab", "c"))', read)).toEqual({ type: 'number', number: 6.33 });
    expect(evaluateFormula('{{notion:block_property:title}} == "x" || 1 > 2', read)).toEqual({ type: 'boolean', boolean: true });
    expect(evaluateFormula('dateAdd(now(), 1, "days")', read)).toEqual({ type: 'string', string: null });
  });
});

describe('queries', () => {
  it('honours filter_properties, sorts select by option order, and finds trashed pages only on request', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, S: { select: { options: [{ name: 'zeta' }, { name: 'alpha' }] } }, N: { number: {} } });
    const a: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt('a') }, S: { select: { name: 'alpha' } }, N: { number: 1 } } } as never);
    await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt('z') }, S: { select: { name: 'zeta' } } } } as never);
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    const q: Any = await client.dataSources.query({ data_source_id: dsId, filter_properties: [ds.properties.N.id], sorts: [{ property: 'S', direction: 'ascending' }] } as never);
    expect(Object.keys(q.results[0].properties)).toEqual(['N']);
    expect(q.results.map((r: Any) => r.id).at(-1)).toBe(a.id);
    await client.pages.update({ page_id: a.id, in_trash: true } as never);
    expect((await client.dataSources.query({ data_source_id: dsId })).results).toHaveLength(1);
    const trashed: Any = await client.dataSources.query({ data_source_id: dsId, in_trash: true } as never);
    expect(trashed.results.map((r: Any) => r.id)).toEqual([a.id]);
  });

  it('caps a query at 10,000 results with request_status', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} } });
    const now = new Date().toISOString();
    for (let i = 0; i < 10_050; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const page: StoredPage = { id, parent: { type: 'data_source_id', data_source_id: dsId }, values: {}, icon: null, cover: null, in_trash: false, is_locked: false, created_time: now, last_edited_time: now, created_by: id, last_edited_by: id };
      emu.store.addPage(page); // through the store, so its per-data-source page index has it
    }
    let cursor: string | undefined;
    let pages = 0;
    let last: Any;
    do {
      last = await client.dataSources.query({ data_source_id: dsId, start_cursor: cursor, filter_properties: ['title'] } as never);
      cursor = last.next_cursor ?? undefined;
      pages++;
    } while (last.has_more);
    expect(pages).toBe(100);
    expect(last.request_status).toEqual({ type: 'incomplete', incomplete_reason: 'query_result_limit_reached' });
    for (const id of Object.keys(emu.store.state.pages)) if (id.startsWith('00000000-0000-4000-8000-')) delete emu.store.state.pages[id];
  });
});

describe('users and versions', () => {
  it('paginates users', async () => {
    for (const t of ['u1', 'u2', 'u3']) await new Client({ auth: t, baseUrl: emu.url }).users.me({});
    const all = await collectPaginatedAPI(client.users.list, { page_size: 1 });
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
  });

  it('answers databases and data sources without archived under 2026-03-11', async () => {
    const c = new Client({ auth: 'test-token', baseUrl: emu.url, notionVersion: '2026-03-11' });
    const { dbId, dsId } = await createDb(client, emu, { Name: { title: {} } });
    const db: Any = await c.databases.retrieve({ database_id: dbId });
    const ds: Any = await c.dataSources.retrieve({ data_source_id: dsId });
    expect('archived' in db || 'archived' in ds).toBe(false);
    expect(db.in_trash).toBe(false);
  });
});

describe('more schema behaviour', () => {
  it('a self-referencing two-way relation puts the synced property on the same data source', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} } }, 'People');
    const r: Any = await client.dataSources.update({ data_source_id: dsId, properties: { Manager: { relation: { data_source_id: dsId, type: 'dual_property', dual_property: {} } } } } as never);
    expect(Object.keys(r.properties).sort()).toEqual(['Manager', 'Name', 'Related to People (Manager)']);
  });

  it('turning a two-way relation one-way leaves the far side one-way too', async () => {
    const a = await createDb(client, emu, { Name: { title: {} } }, 'A');
    const b = await createDb(client, emu, { Name: { title: {} } }, 'B');
    const r: Any = await client.dataSources.update({ data_source_id: b.dsId, properties: { L: { relation: { data_source_id: a.dsId, type: 'dual_property', dual_property: {} } } } } as never);
    const farId = r.properties.L.relation.dual_property.synced_property_id;
    const r2: Any = await client.dataSources.update({ data_source_id: b.dsId, properties: { L: { relation: { data_source_id: a.dsId, type: 'single_property', single_property: {} } } } } as never);
    expect(r2.properties.L.relation.type).toBe('single_property');
    const ta: Any = await client.dataSources.retrieve({ data_source_id: a.dsId });
    const far = Object.values(ta.properties as Record<string, Any>).find((p) => p.id === farId);
    expect(far.relation.type).toBe('single_property');
  });

  it('keeps the multi_select description only when re-sent, and leaves other types’ descriptions alone', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, M: { multi_select: { options: [] }, description: 'd' }, N: { number: {}, description: 'n' } });
    const r: Any = await client.dataSources.update({ data_source_id: dsId, properties: { M: { multi_select: { options: [{ name: 'x' }] } }, N: { number: { format: 'percent' } } } } as never);
    expect(r.properties.M.description).toBeNull();
    expect(r.properties.N.description).toBe('n');
    expect(r.properties.N.number.format).toBe('percent');
  });
});

describe('date filters', () => {
  it('compares dates and timestamps, and does not treat text as dates', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, D: { date: {} } });
    for (const [name, d] of [['old', '2020-01-01'], ['mid', '2024-06-15'], ['new', '2030-12-31']]) {
      await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt(name!) }, D: { date: { start: d! } } } } as never);
    }
    const names = async (filter: unknown): Promise<string[]> => ((await client.dataSources.query({ data_source_id: dsId, filter } as never)).results as Any[]).map((r) => r.properties.Name.title[0].plain_text);
    expect(await names({ property: 'D', date: { before: '2024-01-01' } })).toEqual(['old']);
    expect(await names({ property: 'D', date: { on_or_after: '2024-06-15' } })).toEqual(['mid', 'new']);
    expect(await names({ property: 'D', date: { equals: '2024-06-15' } })).toEqual(['mid']);
    expect(await names({ timestamp: 'created_time', created_time: { after: '2000-01-01' } })).toHaveLength(3);
    expect(await names({ property: 'Name', title: { equals: '2024-06-15' } })).toEqual([]);
    expect(await names({ property: 'D', date: { next_year: {} } })).toEqual([]);
  });
});
