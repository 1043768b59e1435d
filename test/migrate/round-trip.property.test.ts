import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { Cell } from '../../src/migrate/core/cells.js';
import { convertCell, dateToText, textToDate, type TargetValue } from '../../src/migrate/core/convert.js';
import { runMigration, type ConvertibleType } from '../../src/migrate/index.js';
import type { NotionClient } from '../../src/notion/types.js';
import { createDataSource, createPages, fastClient, getDs, readPages, tempStateDir } from './helpers.js';

const LONG = process.env['LONG'] !== undefined;
const rules = { onUnconvertible: 'fail' } as const;

/** A finite number as JSON can carry it (no -0: JSON writes it as 0). */
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
/** A valid option name: 1–100 characters, no commas, no surrounding spaces. */
const optionName = fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.replace(/,/g, ';').trim()).filter((s) => s !== '');

function back(value: TargetValue): Cell {
  switch (value.type) {
    case 'rich_text': return { type: 'rich_text', text: value.text };
    case 'number': return { type: 'number', number: value.number };
    case 'select': return { type: 'select', option: value.name === null ? null : { id: 'x', name: value.name, color: 'default' } };
    case 'multi_select': return { type: 'multi_select', options: value.names.map((name, i) => ({ id: String(i), name, color: 'default' })) };
    case 'date': return { type: 'date', date: value.date };
    case 'checkbox': return { type: 'checkbox', checked: value.checked };
  }
}

function roundTrip(cell: Cell, via: ConvertibleType, to: ConvertibleType): TargetValue {
  const there = convertCell(cell, via, rules);
  if (!there.ok) throw new Error(there.reason);
  const again = convertCell(back(there.value), to, rules);
  if (!again.ok) throw new Error(again.reason);
  return again.value;
}

describe('lossless conversions round-trip (pure)', () => {
  it('number → rich_text → number', () => {
    fc.assert(fc.property(fc.option(number, { nil: null }), (n) => {
      expect(roundTrip({ type: 'number', number: n }, 'rich_text', 'number')).toEqual({ type: 'number', number: n });
    }), { numRuns: LONG ? 20_000 : 2000 });
  });

  it('select → multi_select → select', () => {
    fc.assert(fc.property(fc.option(optionName, { nil: null }), (name) => {
      const cell: Cell = { type: 'select', option: name === null ? null : { id: 'o', name, color: 'red' } };
      expect(roundTrip(cell, 'multi_select', 'select')).toEqual({ type: 'select', name });
    }), { numRuns: LONG ? 20_000 : 2000 });
  });

  it('multi_select of at most one option → select → multi_select', () => {
    fc.assert(fc.property(fc.array(optionName, { maxLength: 1 }), (list) => {
      const cell: Cell = { type: 'multi_select', options: list.map((name) => ({ id: name, name, color: 'default' })) };
      expect(roundTrip(cell, 'select', 'multi_select')).toEqual({ type: 'multi_select', names: list });
    }), { numRuns: LONG ? 5000 : 500 });
  });

  it('date → ISO text → date', () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
    const iso = fc.tuple(day, fc.boolean()).map(([d, dateOnly]) => (dateOnly ? d.toISOString().slice(0, 10) : d.toISOString()));
    fc.assert(fc.property(iso, fc.option(iso, { nil: null }), fc.constantFrom(null, 'Europe/Paris', 'America/New_York'), (start, end, tz) => {
      const d = { start, end, time_zone: tz };
      expect(textToDate(dateToText(d))).toEqual(d);
    }), { numRuns: LONG ? 10_000 : 1000 });
  });
});

describe('lossless conversions round-trip through the emulator', () => {
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

  async function migrateTwice(config: Record<string, unknown>, values: readonly (Record<string, unknown> | null)[], from: ConvertibleType, via: ConvertibleType): Promise<{ before: unknown[]; after: unknown[] }> {
    const dsId = await createDataSource(client, emu, { Name: { title: {} }, V: config });
    const ids = await createPages(client, dsId, values.map((v) => (v === null ? {} : { V: v })));
    const read = async (): Promise<unknown[]> => {
      const pages = await readPages(client, ids);
      return ids.map((id) => {
        const v = pages.get(id)!['V'] as Record<string, unknown>;
        const x = v[v.type as string] as { name?: string } | null;
        return v.type === 'select' ? x?.name ?? null : x;
      });
    };
    const before = await read();
    const id1 = (await getDs(client, dsId)).properties['V']!.id;
    await runMigration(client, { kind: 'convert', dataSourceId: dsId, propertyId: id1, from, to: via, rules }, { stateDir: tempStateDir() });
    const id2 = (await getDs(client, dsId)).properties['V']!.id;
    await runMigration(client, { kind: 'convert', dataSourceId: dsId, propertyId: id2, from: via, to: from, rules }, { stateDir: tempStateDir() });
    return { before, after: await read() };
  }

  it('number ↔ rich_text keeps random page values', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.option(number, { nil: null }), { minLength: 1, maxLength: 25 }), async (nums) => {
      const { before, after } = await migrateTwice({ number: {} }, nums.map((n) => (n === null ? null : { number: n })), 'number', 'rich_text');
      expect(after).toEqual(before);
      expect(before).toEqual(nums);
    }), { numRuns: LONG ? 40 : 4 });
  });

  it('select ↔ multi_select keeps random page values', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.option(fc.constantFrom('Red', 'Green', 'Blue', 'Ünïcode ✓'), { nil: null }), { minLength: 1, maxLength: 25 }), async (opts) => {
      const { before, after } = await migrateTwice({ select: { options: [] } }, opts.map((o) => (o === null ? null : { select: { name: o } })), 'select', 'multi_select');
      expect(after).toEqual(before);
      expect(before).toEqual(opts);
    }), { numRuns: LONG ? 40 : 4 });
  });
});
