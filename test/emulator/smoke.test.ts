import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@notionhq/client';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { createDb, rt, setup, type Any } from './helpers.js';

let emu: EmulatorHandle;
let client: Client;
beforeAll(async () => ({ emu, client } = await setup()));
afterAll(async () => emu.close());

describe('smoke', () => {
  it('creates a database, patches, writes a page, queries and searches', async () => {
    const { dsId } = await createDb(client, emu, {
      Name: { title: {} }, Estimate: { number: { format: 'number' } },
      Stage: { select: { options: [{ name: 'Todo', color: 'gray' }, { name: 'Done', color: 'green' }] } }, St: { status: {} },
    });
    await client.dataSources.update({ data_source_id: dsId, properties: { Calc: { formula: { expression: 'prop("Estimate") * 2' } } } } as never);
    const ds2: Any = await client.dataSources.update({ data_source_id: dsId, properties: { Estimate: { name: 'Est' } } } as never);
    expect(ds2.properties.Calc.formula.expression).toBe('prop("Est") * 2');
    const p: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt('a') }, Est: { number: 4 }, Stage: { select: { name: 'Todo' } } } } as never);
    expect(p.properties.Calc.formula).toEqual({ type: 'number', number: 8 });
    expect(p.properties.St.status.name).toBe('Not started');
    // The in-process handle exposes the current state (issue 3: `{ url, close, state, requests }`).
    expect(emu.state.pages[p.id]).toBeDefined();
    expect(emu.state.data_sources[dsId]).toBeDefined();
    const q = await client.dataSources.query({ data_source_id: dsId, filter: { property: 'Est', number: { is_not_empty: true } } } as never);
    expect(q.results).toHaveLength(1);
    const s = await client.search({ filter: { property: 'object', value: 'data_source' } } as never);
    expect(s.results).toHaveLength(1);
    const me: Any = await client.users.me({});
    expect(me.type).toBe('bot');
  });
});
