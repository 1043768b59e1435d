import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import {
  countMigration, runMigration, UnconvertibleValuesError, type ConversionRules, type ConvertibleType, type ConvertMigrationSpec,
} from '../../src/migrate/index.js';
import type { NotionClient } from '../../src/notion/types.js';
import { createDataSource, createPages, fastClient, getDs, optionNames, pageWrites, readPages, recording, tempStateDir } from './helpers.js';

let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator();
  client = fastClient(emu.url);
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

type Loose = Record<string, unknown>;
const text = (s: string): Loose => ({ rich_text: s === '' ? [] : [{ type: 'text', text: { content: s } }] });

/** A data source with `Value` of `config`, and pages holding `values`. */
async function fixture(config: Loose, values: readonly (Loose | null)[], extra: Loose = {}): Promise<{ dsId: string; ids: string[]; propId: string }> {
  const dsId = await createDataSource(client, emu, { Name: { title: {} }, Value: { description: 'The value', ...config }, ...extra });
  const ids = await createPages(client, dsId, values.map((v) => (v === null ? {} : { Value: v })));
  return { dsId, ids, propId: (await getDs(client, dsId)).properties['Value']!.id };
}

function spec(dsId: string, propId: string, from: ConvertibleType, to: ConvertibleType, rules: Partial<ConversionRules> = {}, more: Partial<ConvertMigrationSpec> = {}): ConvertMigrationSpec {
  return { kind: 'convert', dataSourceId: dsId, propertyId: propId, from, to, rules: { onUnconvertible: 'fail', ...rules }, ...more };
}

/** The plain value of `Value` on every page, in page order. */
async function values(ids: readonly string[]): Promise<unknown[]> {
  const pages = await readPages(client, ids);
  return ids.map((id) => {
    const v = pages.get(id)!['Value'] as Loose;
    const x = v[v.type as string] as unknown;
    switch (v.type) {
      case 'rich_text': return (x as { plain_text: string }[]).map((t) => t.plain_text).join('');
      case 'select': return (x as { name: string } | null)?.name ?? null;
      case 'multi_select': return (x as { name: string }[]).map((o) => o.name);
      case 'date': return x === null ? null : { ...(x as Loose) };
      default: return x;
    }
  });
}

describe('rich_text → select', () => {
  it('creates options from the distinct values, keeps every value, the name and the description', async () => {
    const texts = Array.from({ length: 150 }, (_, i) => ['High', 'Low', 'Medium', '', 'Urgent now'][i % 5]!);
    const { dsId, ids, propId } = await fixture({ rich_text: {} }, texts.map(text));
    const s = spec(dsId, propId, 'rich_text', 'select', {}, { options: [{ name: 'High', color: 'red' }, { name: 'Low', color: 'gray' }] });
    const rec = recording(client);
    const count = await countMigration(rec.client, s, { rate: 3 });
    expect(count).toMatchObject({ pages: 120, writes: 120, unconvertible: [], targetOptions: ['High', 'Low', 'Medium', 'Urgent now'] });
    const before = client.stats.requests;
    const r = await runMigration(rec.client, s, { stateDir: tempStateDir() });
    expect(client.stats.requests - before).toBe(count.requests);
    expect(r.writes).toBe(120);
    for (const q of rec.sent.filter((x) => x.path.endsWith('/query'))) expect((q.query?.['filter_properties'] as string[])[0]).toBe('title');
    const ds = await getDs(client, dsId);
    expect(Object.keys(ds.properties).sort()).toEqual(['Name', 'Value']);
    const prop = ds.properties['Value']!;
    expect(prop.type).toBe('select');
    expect(prop.id).toBe(r.newPropertyId);
    expect(prop.description).toBe('The value');
    expect(optionNames(prop)).toEqual([{ name: 'High', color: 'red' }, { name: 'Low', color: 'gray' }, { name: 'Medium', color: 'default' }, { name: 'Urgent now', color: 'default' }]);
    expect(await values(ids)).toEqual(texts.map((t) => (t === '' ? null : t)));
  });

  it('refuses a value that does not convert, listing it, with zero writes', async () => {
    const { dsId, ids, propId } = await fixture({ rich_text: {} }, ['High', 'Red, green', 'Low'].map(text));
    const s = spec(dsId, propId, 'rich_text', 'select');
    const count = await countMigration(client, s, { rate: 3 });
    expect(count.unconvertible).toEqual([{ pageId: ids[1], title: 'P1', value: 'Red, green', reason: 'an option name cannot contain a comma' }]);
    const before = emu.requests.length;
    const err = await runMigration(client, s, { stateDir: tempStateDir() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnconvertibleValuesError);
    expect((err as UnconvertibleValuesError).details).toEqual([`page "P1" (${ids[1]}): "Red, green": an option name cannot contain a comma`]);
    expect((err as Error).message).toMatch(/nothing was written.*on_unconvertible: empty/);
    expect(emu.requests.slice(before).filter((q) => q.method !== 'GET' && !q.path.endsWith('/query'))).toEqual([]);
    expect((await getDs(client, dsId)).properties['Value']!.type).toBe('rich_text');
    expect(await values(ids)).toEqual(['High', 'Red, green', 'Low']);

    // `map:` says what the value becomes; `on_unconvertible: empty` clears it.
    const mapped = await runMigration(client, spec(dsId, propId, 'rich_text', 'select', { map: { 'Red, green': 'Mixed' } }), { stateDir: tempStateDir() });
    expect(mapped.writes).toBe(3);
    expect(await values(ids)).toEqual(['High', 'Mixed', 'Low']);
  });

  it('on_unconvertible: empty writes an empty value for what does not convert', async () => {
    const { dsId, ids, propId } = await fixture({ rich_text: {} }, ['A', 'x'.repeat(101), 'B'].map(text));
    await runMigration(client, spec(dsId, propId, 'rich_text', 'select', { onUnconvertible: 'empty' }), { stateDir: tempStateDir() });
    expect(await values(ids)).toEqual(['A', null, 'B']);
  });
});

describe('the other documented conversions keep every value', () => {
  it('select → multi_select keeps the option colours', async () => {
    const { dsId, ids, propId } = await fixture({ select: { options: [{ name: 'X', color: 'green' }, { name: 'Y', color: 'blue' }] } },
      [{ select: { name: 'X' } }, { select: { name: 'Y' } }, null]);
    await runMigration(client, spec(dsId, propId, 'select', 'multi_select'), { stateDir: tempStateDir() });
    expect(await values(ids)).toEqual([['X'], ['Y'], []]);
    expect(optionNames((await getDs(client, dsId)).properties['Value'])).toEqual([{ name: 'X', color: 'green' }, { name: 'Y', color: 'blue' }]);
  });

  it('multi_select → select refuses lists of more than one option', async () => {
    const { dsId, propId } = await fixture({ multi_select: { options: [] } }, [{ multi_select: [{ name: 'A' }] }, { multi_select: [{ name: 'A' }, { name: 'B' }] }]);
    const c = await countMigration(client, spec(dsId, propId, 'multi_select', 'select'), { rate: 3 });
    expect(c.unconvertible.map((u) => [u.value, u.reason])).toEqual([['A, B', 'it holds 2 values; a select holds one']]);
  });

  it('number ↔ rich_text', async () => {
    const nums = [0, -1.5, 1e21, 0.1 + 0.2, 42];
    const { dsId, ids, propId } = await fixture({ number: { format: 'number' } }, [...nums.map((n) => ({ number: n })), null]);
    await runMigration(client, spec(dsId, propId, 'number', 'rich_text'), { stateDir: tempStateDir() });
    expect(await values(ids)).toEqual(['0', '-1.5', '1e+21', '0.30000000000000004', '42', '']);
    const back = (await getDs(client, dsId)).properties['Value']!.id;
    await runMigration(client, spec(dsId, back, 'rich_text', 'number', {}, { numberFormat: 'euro' }), { stateDir: tempStateDir() });
    expect(await values(ids)).toEqual([...nums, null]);
    expect((await getDs(client, dsId)).properties['Value']!['number']).toEqual({ format: 'euro' });
  });

  it('date ↔ rich_text in ISO form (ranges as start/end, time zones as [Zone])', async () => {
    const dates = [
      { start: '2026-01-02', end: null, time_zone: null },
      { start: '2026-01-02T10:00:00.000+00:00', end: '2026-01-03T11:30:00.000+00:00', time_zone: null },
      { start: '2026-05-01T09:00:00', end: null, time_zone: 'Europe/Paris' },
    ];
    const { dsId, ids, propId } = await fixture({ date: {} }, dates.map((d) => ({ date: d })));
    await runMigration(client, spec(dsId, propId, 'date', 'rich_text'), { stateDir: tempStateDir() });
    expect(await values(ids)).toEqual(['2026-01-02', '2026-01-02T10:00:00.000+00:00/2026-01-03T11:30:00.000+00:00', '2026-05-01T09:00:00[Europe/Paris]']);
    const back = (await getDs(client, dsId)).properties['Value']!.id;
    await runMigration(client, spec(dsId, back, 'rich_text', 'date'), { stateDir: tempStateDir() });
    expect(await values(ids)).toEqual(dates);
  });

  it('checkbox ↔ select with a declared mapping', async () => {
    const { dsId, ids, propId } = await fixture({ checkbox: {} }, [{ checkbox: true }, { checkbox: false }, null]);
    await expect(countMigration(client, spec(dsId, propId, 'checkbox', 'select'), { rate: 3 })).rejects.toThrow(/needs a declared mapping/);
    await runMigration(client, spec(dsId, propId, 'checkbox', 'select', { checkbox: { checked: 'Yes', unchecked: null } }), { stateDir: tempStateDir() });
    expect(await values(ids)).toEqual(['Yes', null, null]);
    const back = (await getDs(client, dsId)).properties['Value']!.id;
    await runMigration(client, spec(dsId, back, 'select', 'checkbox', { checkbox: { checked: 'Yes', unchecked: null } }), { stateDir: tempStateDir() });
    expect(await values(ids)).toEqual([true, false, false]);
  });

  it('refuses to replace a property a formula refers to, before any write', async () => {
    const { dsId, propId } = await fixture({ number: {} }, [{ number: 1 }], { Double: { formula: { expression: 'prop("Value") * 2' } } });
    const before = emu.requests.length;
    await expect(runMigration(client, spec(dsId, propId, 'number', 'rich_text'), { stateDir: tempStateDir() })).rejects.toThrow(/would break formula\(s\) "Double"/);
    expect(pageWrites(emu, before).size).toBe(0);
  });
});
