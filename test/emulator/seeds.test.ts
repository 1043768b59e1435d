import { readFileSync } from 'node:fs';
import type { Client } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { createDb, raw, rt, setup, type Any } from './helpers.js';

const fixture = (name: string): Any => JSON.parse(readFileSync(new URL(`../fixtures/emulator-seeds/${name}`, import.meta.url), 'utf8'));

let emu: EmulatorHandle;
let client: Client;
beforeAll(async () => ({ emu, client } = await setup({}, { logLevel: 'error' })));
afterAll(async () => emu.close());

/** Every key of the documented object is present in ours (recursively for plain objects). */
function expectShape(ours: Any, documented: Any, path = '$'): void {
  for (const [k, v] of Object.entries(documented as Record<string, unknown>)) {
    expect(ours, `${path}.${k}`).toHaveProperty([k]);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && ours[k] !== null && typeof ours[k] === 'object') {
      if (k === 'properties' || k === 'icon' || k === 'cover') continue;
      expectShape(ours[k], v, `${path}.${k}`);
    }
  }
}

describe('seed examples replayed', () => {
  it('create a data source: the documented request is accepted and answered in the documented shape', async () => {
    const { dbId } = await createDb(client, emu, { Name: { title: {} } }, 'Parent');
    const body = fixture('create-data-source.request.json');
    body.parent.database_id = dbId;
    const r = await raw(emu.url, 'POST', '/v1/data_sources', body);
    expect(r.status).toBe(200);
    const documented = fixture('create-data-source.response.json');
    expectShape(r.json, documented);
    expect(r.json.object).toBe('data_source');
    expect(r.json.parent).toEqual({ type: 'database_id', database_id: dbId });
    expect(r.json.title[0]).toEqual(documented.title[0]);
    expect(r.json.properties.Title).toMatchObject({ id: 'title', name: 'Title', type: 'title', title: {} });
    expect(r.json.properties.Count).toMatchObject({ name: 'Count', type: 'number', number: { format: 'number' } });
    for (const p of Object.values(documented.properties) as Any[]) {
      const common = Object.keys(p).filter((k) => k !== p.type);
      expect(Object.keys(r.json.properties.Count)).toEqual(expect.arrayContaining([...common, 'number']));
    }
  });

  it('create a database: the legacy request gets a precise error; its 2025-09-03 form is answered in the documented shape', async () => {
    const legacy = fixture('create-database.legacy-request.json');
    const documented = fixture('create-database.response.json');
    const refused = await raw(emu.url, 'POST', '/v1/databases', { ...legacy, parent: { type: 'page_id', page_id: emu.rootPageId } });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/initial_data_source\.properties/);

    const meals = await createDb(client, emu, { Name: { title: {} } }, 'Meals');
    const props = structuredClone(legacy.properties);
    props['Food group'].select.options = documented.properties['Food group'].select.options.map((o: Any) => ({ name: o.name, color: o.color }));
    props['Store availability'] = { type: 'multi_select', multi_select: { options: documented.properties['Store availability'].multi_select.options.map((o: Any) => ({ name: o.name, color: o.color })) } };
    props.Price.number.format = 'dollar';
    props.Meals = { relation: { data_source_id: meals.dsId, single_property: {} } };
    props['Number of meals'].rollup = { rollup_property_name: 'Name', relation_property_name: 'Meals', function: 'count' };
    const body = {
      parent: { type: 'page_id', page_id: emu.rootPageId }, icon: { type: 'emoji', emoji: '🎉' },
      cover: { type: 'external', external: { url: 'https://website.domain/images/image.png' } },
      title: [{ type: 'text', text: { content: 'Grocery List', link: null } }],
      initial_data_source: { properties: props },
    };
    const r = await raw(emu.url, 'POST', '/v1/databases', body);
    expect(r.status).toBe(200);
    const { properties: _moved, ...containerShape } = documented;
    expectShape(r.json, containerShape);
    expect(r.json.title).toEqual(documented.title);
    expect(r.json.icon).toEqual(documented.icon);
    expect(r.json.cover).toEqual(documented.cover);
    const ds: Any = await client.dataSources.retrieve({ data_source_id: r.json.data_sources[0].id });
    expect(Object.keys(ds.properties).sort()).toEqual(Object.keys(documented.properties).sort());
    for (const [name, p] of Object.entries(documented.properties) as [string, Any][]) {
      expect(ds.properties[name].type).toBe(p.type);
      expect(Object.keys(ds.properties[name])).toEqual(expect.arrayContaining(Object.keys(p)));
    }
    expect(ds.properties['Food group'].select.options.map((o: Any) => [o.name, o.color])).toEqual(documented.properties['Food group'].select.options.map((o: Any) => [o.name, o.color]));
    expect(ds.properties['Number of meals'].rollup).toMatchObject({ rollup_property_name: 'Name', relation_property_name: 'Meals', rollup_property_id: 'title', function: 'count' });
    expect(ds.properties.Meals.relation).toMatchObject({ database_id: meals.dbId, data_source_id: meals.dsId });
  });

  it('the grocery list: create the page from the guide and run both documented queries', async () => {
    const db: Any = await client.databases.create({
      parent: { type: 'page_id', page_id: emu.rootPageId }, title: rt('Grocery DB'),
      initial_data_source: { properties: { 'Grocery item': { title: {} }, Price: { number: { format: 'dollar' } }, 'Last ordered': { date: {} } } },
    } as never);
    const dsId: string = db.data_sources[0].id;
    await client.dataSources.update({ data_source_id: dsId, title: rt('Grocery list') } as never);
    const again: Any = await client.databases.retrieve({ database_id: db.id });
    expect(again.data_sources).toEqual([{ id: dsId, name: 'Grocery list' }]);
    const body = fixture('grocery-create-page.request.json');
    body.parent.data_source_id = dsId.replace(/-/g, '');
    const created = await raw(emu.url, 'POST', '/v1/pages', body);
    expect(created.status).toBe(200);
    expect(created.json.properties['Grocery item'].title[0].plain_text).toBe('Tomatoes');
    expect(created.json.properties.Price).toMatchObject({ type: 'number', number: 1.49 });
    expect(created.json.properties['Last ordered'].date).toEqual({ start: '2021-05-11', end: null, time_zone: null });
    const today = new Date().toISOString().slice(0, 10);
    const recent = { ...body, properties: { ...body.properties, 'Grocery item': { title: rt('Basil') }, 'Last ordered': { date: { start: today } } } };
    const second = await raw(emu.url, 'POST', '/v1/pages', recent);
    for (const name of ['grocery-query-1.request.json', 'grocery-query-2.request.json']) {
      const q = await raw(emu.url, 'POST', `/v1/data_sources/${dsId.replace(/-/g, '')}/query`, fixture(name));
      expect(q.status).toBe(200);
      expect(q.json).toMatchObject({ object: 'list', has_more: false, next_cursor: null });
      expect(q.json.results.map((p: Any) => p.id)).toEqual([second.json.id]);
    }
  });
});
