import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { createNotionClient } from '../../src/notion/client.js';
import { createDatabase, getDataSource } from '../../src/notion/endpoints.js';
import { fetchDatabase, fetchDataSource } from '../../src/notion/fetch.js';
import { normalizeDataSourceDetailed } from '../../src/notion/normalize.js';
import type { NotionClient } from '../../src/notion/types.js';

let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator();
  client = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000 });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

describe('normalising what the emulator returns', () => {
  it('maps every creatable property type to the model, with nothing unknown', async () => {
    const target = await createDatabase(client, {
      parent: { type: 'page_id', page_id: emu.rootPageId },
      title: [{ type: 'text', text: { content: 'Target' } }],
      initial_data_source: { properties: { Title: { title: {} }, Amount: { number: { format: 'number' } } } },
    });
    const targetDs = target.data_sources[0]!.id;
    const db = await createDatabase(client, {
      parent: { type: 'page_id', page_id: emu.rootPageId },
      title: [{ type: 'text', text: { content: 'All types' } }],
      description: [{ type: 'text', text: { content: 'Every type' } }],
      icon: { type: 'emoji', emoji: '🧪' },
      initial_data_source: {
        properties: {
          Name: { title: {} },
          Notes: { rich_text: {}, description: 'Free text' },
          Amount: { number: { format: 'euro' } },
          Stage: { select: { options: [{ name: 'Lead', color: 'gray', description: 'New' }, { name: 'Won', color: 'green' }] } },
          Tags: { multi_select: { options: [{ name: 'A', color: 'red' }] } },
          Status: { status: {} },
          Due: { date: {} }, Owner: { people: {} }, Files: { files: {} }, Done: { checkbox: {} }, Site: { url: {} },
          Mail: { email: {} }, Phone: { phone_number: {} },
          Score: { formula: { expression: 'prop("Amount") * 2' } },
          Link: { relation: { data_source_id: targetDs, type: 'dual_property', dual_property: {} } },
          OneWay: { relation: { data_source_id: targetDs, type: 'single_property', single_property: {} } },
          Total: { rollup: { relation_property_name: 'Link', rollup_property_name: 'Amount', function: 'sum' } },
          Ticket: { unique_id: { prefix: 'T' } },
          Created: { created_time: {} }, Creator: { created_by: {} }, Edited: { last_edited_time: {} }, Editor: { last_edited_by: {} },
          Office: { place: {} },
        },
      },
    });
    const liveDb = await fetchDatabase(client, db.id);
    expect(liveDb).toMatchObject({ title: 'All types', description: 'Every type', icon: { type: 'emoji', emoji: '🧪' }, parent: { type: 'page_id', page_id: emu.rootPageId } });
    const dsId = liveDb.data_source_ids[0]!.id;
    const { live, unknown } = normalizeDataSourceDetailed(await getDataSource(client, dsId));
    expect(unknown).toEqual([]);
    expect(live.properties[0]?.config.type).toBe('title');
    const byName = new Map(live.properties.map((p) => [p.name, p]));
    expect(byName.size).toBe(23);
    expect(byName.get('Notes')?.description).toBe('Free text');
    expect(byName.get('Amount')?.config).toEqual({ type: 'number', format: 'euro' });
    expect(byName.get('Stage')?.config).toMatchObject({ type: 'select', options: [{ name: 'Lead', color: 'gray', description: 'New' }, { name: 'Won', color: 'green', description: null }] });
    const status = byName.get('Status')?.config;
    expect(status?.type).toBe('status');
    if (status?.type === 'status') {
      expect(status.options.map((o) => [o.name, o.group])).toEqual([['Not started', 'To-do'], ['In progress', 'In progress'], ['Done', 'Complete']]);
      expect(status.groups?.map((g) => g.name)).toEqual(['To-do', 'In progress', 'Complete']);
    }
    expect(byName.get('Score')?.config).toMatchObject({ type: 'formula', expression: expect.stringContaining('Amount') });
    const link = byName.get('Link')?.config;
    expect(link).toMatchObject({ type: 'relation', target: { kind: 'id', id: targetDs }, dual: { property: expect.any(String), property_id: expect.any(String) } });
    expect(byName.get('OneWay')?.config).toMatchObject({ type: 'relation', dual: null });
    expect(byName.get('Total')?.config).toEqual({
      type: 'rollup', relation: 'Link', relation_id: byName.get('Link')?.id, property: 'Amount', property_id: expect.any(String), function: 'sum',
    });
    expect(byName.get('Ticket')?.config).toEqual({ type: 'unique_id', prefix: 'T' });
    expect(byName.get('Office')?.config).toEqual({ type: 'place' });
    // The far side of the two-way relation shows up on the target.
    const far = await fetchDataSource(client, targetDs);
    const synced = far.properties.find((p) => p.config.type === 'relation');
    expect(synced?.config).toMatchObject({ target: { kind: 'id', id: dsId }, dual: { property: 'Link' } });
  });
});
