import type {
  CreateViewResponse, DataSourceViewObjectResponse, GetViewQueryResultsResponse, ListDatabaseViewsResponse, ViewQueryResponse,
} from '@notionhq/client/build/src/api-endpoints/views.js';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { createDb, raw, rt, setup } from './helpers.js';
import type { Client } from '@notionhq/client';

let emu: EmulatorHandle | undefined;
afterEach(async () => { await emu?.close(); emu = undefined; });

const full = (v: CreateViewResponse): DataSourceViewObjectResponse => {
  if (!('name' in v)) throw new Error('partial view');
  return v;
};

async function tasks(client: Client, e: EmulatorHandle): Promise<{ dbId: string; dsId: string; ids: Record<string, string> }> {
  const { dbId, dsId } = await createDb(client, e, {
    Task: { title: {} }, Status: { select: { options: [{ name: 'Todo' }, { name: 'Done' }] } }, Due: { date: {} }, Points: { number: {} },
  });
  const ds = await client.dataSources.retrieve({ data_source_id: dsId }) as unknown as { properties: Record<string, { id: string }> };
  const ids = Object.fromEntries(Object.entries(ds.properties).map(([k, v]) => [k, v.id]));
  for (const [t, s, p] of [['b', 'Done', 1], ['a', 'Todo', 3], ['c', 'Todo', 2]] as const) {
    await client.pages.create({ parent: { data_source_id: dsId }, properties: { Task: { title: rt(t) }, Status: { select: { name: s } }, Points: { number: p } } } as never);
  }
  return { dbId, dsId, ids };
}

describe('emulator: Views API through the SDK (5.26 types)', () => {
  it('creates a default table view with each database and each further data source', async () => {
    const s = await setup();
    emu = s.emu;
    const { dbId, dsId } = await tasks(s.client, s.emu);
    const list: ListDatabaseViewsResponse = await s.client.views.list({ database_id: dbId });
    expect(list).toMatchObject({ object: 'list', type: 'view', has_more: false, next_cursor: null });
    expect(list.results).toHaveLength(1);
    const v = full(await s.client.views.retrieve({ view_id: list.results[0]!.id }));
    expect(v).toMatchObject({ object: 'view', name: 'Default view', type: 'table', data_source_id: dsId, parent: { type: 'database_id', database_id: dbId }, filter: null, sorts: null });
    const second = await s.client.dataSources.create({ parent: { database_id: dbId }, properties: { Name: { title: {} } } } as never);
    expect((await s.client.views.list({ data_source_id: second.id })).results).toHaveLength(1);
    expect((await s.client.views.list({ database_id: dbId })).results).toHaveLength(2);
  });

  it('create, retrieve, update, delete and list round-trip, property references as ids with their names', async () => {
    const s = await setup();
    emu = s.emu;
    const { dbId, dsId, ids } = await tasks(s.client, s.emu);
    const created = full(await s.client.views.create({
      data_source_id: dsId, database_id: dbId, name: 'Board', type: 'board',
      filter: { property: ids['Status']!, select: { does_not_equal: 'Done' } } as never,
      sorts: [{ property: ids['Points']!, direction: 'descending' }] as never,
      configuration: { type: 'board', group_by: { type: 'select', property_id: ids['Status']!, sort: { type: 'manual' } }, properties: [{ property_id: ids['Points']!, visible: true }] },
      position: { type: 'start' },
    }));
    expectTypeOf(created).toMatchTypeOf<DataSourceViewObjectResponse>();
    expect(created).toMatchObject({
      name: 'Board', type: 'board', filter: { property: ids['Status'], select: { does_not_equal: 'Done' } },
      sorts: [{ property: ids['Points'], direction: 'descending' }],
      configuration: { type: 'board', group_by: { type: 'select', property_id: ids['Status'], property_name: 'Status' }, properties: [{ property_id: ids['Points'], property_name: 'Points', visible: true }] },
    });
    const order = (await s.client.views.list({ database_id: dbId })).results.map((r) => r.id);
    expect(order[0]).toBe(created.id);
    const updated = full(await s.client.views.update({ view_id: created.id, name: 'Kanban', filter: null, configuration: { type: 'board', group_by: { type: 'select', property_id: ids['Status']!, sort: { type: 'ascending' } } } }));
    expect(updated).toMatchObject({ name: 'Kanban', filter: null, configuration: { group_by: { sort: { type: 'ascending' } }, properties: [{ property_id: ids['Points'] }] } });
    await s.client.dataSources.update({ data_source_id: dsId, properties: { Points: { name: 'Score' } } } as never);
    expect(full(await s.client.views.retrieve({ view_id: created.id }))).toMatchObject({ sorts: [{ property: ids['Points'] }], configuration: { properties: [{ property_name: 'Score' }] } });
    const deleted = await s.client.views.delete({ view_id: created.id });
    expect(deleted).toMatchObject({ object: 'view', id: created.id, parent: { type: 'database_id', database_id: dbId }, type: 'board' });
    expect(Object.keys(deleted).filter((k) => k !== 'request_id').sort()).toEqual(['id', 'object', 'parent', 'type']);
    await expect(s.client.views.retrieve({ view_id: created.id })).rejects.toMatchObject({ code: 'object_not_found' });
  });

  it('answers validation errors: unknown property, mismatched configuration type, board without group_by, group_by on a calendar, last view', async () => {
    const s = await setup();
    emu = s.emu;
    const { dbId, dsId, ids } = await tasks(s.client, s.emu);
    const base = { data_source_id: dsId, database_id: dbId, name: 'X' };
    const bad = async (body: Record<string, unknown>, message: RegExp): Promise<void> => {
      await expect(s.client.views.create({ ...base, ...body } as never)).rejects.toMatchObject({ code: 'validation_error', message: expect.stringMatching(message) });
    };
    await bad({ type: 'table', configuration: { type: 'table', properties: [{ property_id: 'nope' }] } }, /Could not find property with id: nope/);
    await bad({ type: 'table', filter: { property: 'Nope', select: { equals: 'x' } } }, /Could not find property/);
    await bad({ type: 'table', filter: { property: 'Status', status: { equals: 'x' } } }, /does not match/);
    await bad({ type: 'table', configuration: { type: 'board' } }, /should be `table`/);
    await bad({ type: 'board' , configuration: { type: 'board' } }, /group_by should be defined/);
    await bad({ type: 'calendar', configuration: { type: 'calendar', date_property_id: ids['Due'], group_by: { type: 'select', property_id: ids['Status'], sort: { type: 'manual' } } } }, /cannot group/);
    await bad({ type: 'calendar', configuration: { type: 'calendar', date_property_id: 'nope' } }, /Could not find property/);
    const [only] = (await s.client.views.list({ database_id: dbId })).results;
    await expect(s.client.views.delete({ view_id: only!.id })).rejects.toMatchObject({ code: 'validation_error' });
    expect((await raw(s.emu.url, 'GET', '/v1/views')).status).toBe(400);
  });

  it('views.queries: create (first page), results (paged), delete, over the view filter and sorts', async () => {
    const s = await setup();
    emu = s.emu;
    const { dbId, dsId, ids } = await tasks(s.client, s.emu);
    const v = full(await s.client.views.create({
      data_source_id: dsId, database_id: dbId, name: 'Open', type: 'table',
      filter: { property: 'Status', select: { equals: 'Todo' } } as never, sorts: [{ property: ids['Points']!, direction: 'ascending' }] as never,
    }));
    const q: ViewQueryResponse = await s.client.views.queries.create({ view_id: v.id, page_size: 1 });
    expect(q).toMatchObject({ object: 'view_query', view_id: v.id, total_count: 2, has_more: true });
    const all: GetViewQueryResultsResponse = await s.client.views.queries.results({ view_id: v.id, query_id: q.id });
    expect(all).toMatchObject({ object: 'list', type: 'page', has_more: false });
    const titles = await Promise.all(all.results.map(async (r) => ((await s.client.pages.retrieve({ page_id: r.id })) as never as { properties: { Task: { title: { plain_text: string }[] } } }).properties.Task.title[0]!.plain_text));
    expect(titles).toEqual(['c', 'a']);
    const second = await s.client.views.queries.results({ view_id: v.id, query_id: q.id, start_cursor: q.next_cursor!, page_size: 1 });
    expect(second.results.map((r) => r.id)).toEqual([all.results[1]!.id]);
    expect(await s.client.views.queries.delete({ view_id: v.id, query_id: q.id })).toMatchObject({ object: 'view_query', id: q.id, deleted: true });
    await expect(s.client.views.queries.results({ view_id: v.id, query_id: q.id })).rejects.toMatchObject({ code: 'object_not_found' });
  });
});
