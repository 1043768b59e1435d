import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { countMigration, readJournal, runMigration, type MigrationEvent, type OptionMigrationSpec } from '../../src/migrate/index.js';
import type { NotionClient } from '../../src/notion/types.js';
import { createDataSource, createPages, fastClient, getDs, names, optionNames, pageWrites, readPages, recording, tempStateDir } from './helpers.js';

const N = 250;
let emu: EmulatorHandle;
let client: NotionClient;
let dsId: string;
let ids: string[];

const tagsFor = (i: number): string[] => i % 10 === 9 ? ['B', 'C'] : [['A', 'Old', 'B'], ['Old'], ['C', 'Old', 'A']][i % 3]!;

beforeAll(async () => {
  emu = await startEmulator();
  client = fastClient(emu.url);
  dsId = await createDataSource(client, emu, {
    Name: { title: {} },
    Stage: { description: 'Sales stage', select: { options: [{ name: 'Lead', color: 'gray', description: 'First contact' }, { name: 'Client', color: 'red' }, { name: 'Won', color: 'green' }] } },
    Tags: { description: 'Labels', multi_select: { options: [{ name: 'A', color: 'blue' }, { name: 'Old', color: 'pink', description: 'Legacy tag' }, { name: 'B' }, { name: 'C' }] } },
    State: { status: { options: [{ name: 'Todo', color: 'gray', group: 'To-do' }, { name: 'Doing', color: 'blue', group: 'In progress' }, { name: 'Done', color: 'green', group: 'Complete' }] } },
  });
  ids = await createPages(client, dsId, Array.from({ length: N }, (_, i) => ({
    Stage: { select: { name: i % 10 === 0 ? 'Lead' : 'Client' } },
    Tags: { multi_select: tagsFor(i).map((name) => ({ name })) },
    State: { status: { name: i % 10 === 0 ? 'Todo' : 'Done' } },
  })));
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

function optionDescription(prop: unknown, type: 'select' | 'multi_select', name: string): string | null | undefined {
  const options = (prop as Record<string, { options: { name: string; description?: string | null }[] }>)[type]?.options ?? [];
  return options.find((o) => o.name === name)?.description;
}

async function propId(name: string): Promise<{ id: string; type: 'select' | 'multi_select' | 'status' }> {
  const p = (await getDs(client, dsId)).properties[name]!;
  return { id: p.id, type: p.type as 'select' | 'multi_select' | 'status' };
}

/** Counts, runs and checks the request economy of one option migration. */
async function migrate(spec: OptionMigrationSpec, stateDir = tempStateDir()): Promise<{ writes: number; events: MigrationEvent[]; journal: string; count: Awaited<ReturnType<typeof countMigration>> }> {
  const rec = recording(client);
  const count = await countMigration(rec.client, spec, { rate: 3 });
  const before = client.stats.requests;
  const logStart = emu.requests.length;
  const events: MigrationEvent[] = [];
  const result = await runMigration(rec.client, spec, { stateDir, onEvent: (e) => events.push(e) });
  // Plan-time counting is exact when nothing fails: same queries, same writes.
  expect(client.stats.requests - before).toBe(count.requests);
  expect(result.writes).toBe(count.writes);
  // Every query asks for the migrated property and the title only (API 2026-12-01 returns only the title otherwise).
  const queries = rec.sent.filter((r) => r.path.endsWith('/query'));
  expect(queries.length).toBeGreaterThan(0);
  for (const q of queries) expect(q.query?.['filter_properties']).toEqual(['title', spec.propertyId]);
  // No page written twice.
  for (const [, n] of pageWrites(emu, logStart)) expect(n).toBe(count.passes);
  return { writes: result.writes, events, journal: result.journal, count };
}

describe('option rename across more than two query pages', () => {
  it('renames a select option on every page and removes the old one, keeping the description', async () => {
    const { id } = await propId('Stage');
    const spec: OptionMigrationSpec = { kind: 'option', dataSourceId: dsId, propertyId: id, propertyType: 'select', from: 'Client', to: { name: 'Customer' } };
    const r = await migrate(spec);
    expect(r.count.pages).toBe(225);
    expect(r.writes).toBe(225);
    const stage = (await getDs(client, dsId)).properties['Stage']!;
    expect(optionNames(stage)).toEqual([{ name: 'Lead', color: 'gray' }, { name: 'Won', color: 'green' }, { name: 'Customer', color: 'red' }]);
    expect(stage.description).toBe('Sales stage');
    const pages = await readPages(client, ids);
    ids.forEach((pid, i) => expect(names(pages.get(pid)!['Stage'])).toBe(i % 10 === 0 ? 'Lead' : 'Customer'));
    // Progress reached the total; the journal lists each page once.
    const last = r.events.filter((e) => e.type === 'progress').at(-1);
    expect(last).toMatchObject({ done: 225, total: 225 });
    const journalPages = readJournal(r.journal).filter((e) => e.t === 'page');
    expect(new Set(journalPages.map((e) => (e as { page: string }).page)).size).toBe(225);
    expect(journalPages).toHaveLength(225);
  });

  it('replaces a multi-select option within each list, keeping the others and their order', async () => {
    const { id } = await propId('Tags');
    const r = await migrate({ kind: 'option', dataSourceId: dsId, propertyId: id, propertyType: 'multi_select', from: 'Old', to: { name: 'New' } });
    expect(r.writes).toBe(225);
    const tags = (await getDs(client, dsId)).properties['Tags']!;
    expect(optionNames(tags).map((o) => o.name)).toEqual(['A', 'B', 'C', 'New']);
    expect(optionNames(tags).find((o) => o.name === 'New')!.color).toBe('pink');
    expect(tags.description).toBe('Labels');
    // The renamed option keeps the old one's description.
    expect(optionDescription(tags, 'multi_select', 'New')).toBe('Legacy tag');
    const pages = await readPages(client, ids);
    ids.forEach((pid, i) => expect(names(pages.get(pid)!['Tags'])).toEqual(tagsFor(i).map((t) => (t === 'Old' ? 'New' : t))));
  });

  it('renames a status option, keeping its group', async () => {
    const { id } = await propId('State');
    const r = await migrate({ kind: 'option', dataSourceId: dsId, propertyId: id, propertyType: 'status', from: 'Done', to: { name: 'Shipped' } });
    expect(r.writes).toBe(225);
    const state = (await getDs(client, dsId)).properties['State']! as unknown as { status: { options: { id: string; name: string }[]; groups: { name: string; option_ids: string[] }[] } };
    expect(state.status.options.map((o) => o.name)).toEqual(['Todo', 'Doing', 'Shipped']);
    const shipped = state.status.options.find((o) => o.name === 'Shipped')!;
    expect(state.status.groups.find((g) => g.name === 'Complete')!.option_ids).toEqual([shipped.id]);
    const pages = await readPages(client, ids);
    ids.forEach((pid, i) => expect(names(pages.get(pid)!['State'])).toBe(i % 10 === 0 ? 'Todo' : 'Shipped'));
  });

  it('recolours an option in two counted passes through a temporary option, values intact', async () => {
    const { id } = await propId('Stage');
    const stateDir = tempStateDir();
    const r = await migrate({ kind: 'option', dataSourceId: dsId, propertyId: id, propertyType: 'select', from: 'Lead', to: { name: 'Lead', color: 'blue' } }, stateDir);
    expect(r.count).toMatchObject({ pages: 25, passes: 2, writes: 50 });
    expect(r.writes).toBe(50);
    expect(r.events.filter((e) => e.type === 'pass')).toHaveLength(2);
    const stage = (await getDs(client, dsId)).properties['Stage']!;
    expect(optionNames(stage)).toEqual([{ name: 'Won', color: 'green' }, { name: 'Customer', color: 'red' }, { name: 'Lead', color: 'blue' }]);
    // Through the temporary option and back, the description survives both passes.
    expect(optionDescription(stage, 'select', 'Lead')).toBe('First contact');
    const pages = await readPages(client, ids);
    ids.forEach((pid, i) => expect(names(pages.get(pid)!['Stage'])).toBe(i % 10 === 0 ? 'Lead' : 'Customer'));
    expect(readFileSync(r.journal, 'utf8')).toContain('"t":"done"');
  });

  it('a case-only rename also goes through a temporary option (names are unique regardless of case)', async () => {
    const { id } = await propId('Stage');
    const r = await migrate({ kind: 'option', dataSourceId: dsId, propertyId: id, propertyType: 'select', from: 'Customer', to: { name: 'CUSTOMER' } });
    expect(r.count.passes).toBe(2);
    const stage = (await getDs(client, dsId)).properties['Stage']!;
    expect(optionNames(stage).map((o) => o.name)).toEqual(['Won', 'Lead', 'CUSTOMER']);
    expect(optionNames(stage).find((o) => o.name === 'CUSTOMER')!.color).toBe('red');
  });

  it('running a finished migration again changes nothing (source gone, target there)', async () => {
    const { id } = await propId('Tags');
    const spec: OptionMigrationSpec = { kind: 'option', dataSourceId: dsId, propertyId: id, propertyType: 'multi_select', from: 'Old', to: { name: 'New' } };
    const before = emu.requests.length;
    const r = await runMigration(client, spec, { stateDir: tempStateDir() });
    expect(r.writes).toBe(0);
    expect(emu.requests.slice(before).map((q) => q.method)).toEqual(['GET']);
  });

  it('refuses an option that exists nowhere, before any write', async () => {
    const { id } = await propId('Tags');
    const before = emu.requests.length;
    const spec: OptionMigrationSpec = { kind: 'option', dataSourceId: dsId, propertyId: id, propertyType: 'multi_select', from: 'Nope', to: { name: 'Other' } };
    await expect(runMigration(client, spec, { stateDir: tempStateDir() })).rejects.toThrow(/option "Nope" does not exist on the property/);
    await expect(countMigration(client, spec, { rate: 3 })).rejects.toThrow(/option "Nope" does not exist/);
    expect(emu.requests.slice(before).every((q) => q.method === 'GET')).toBe(true);
  });
});
