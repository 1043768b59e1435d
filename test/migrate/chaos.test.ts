import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { runMigration, type MigrationResult, type MigrationSpec } from '../../src/migrate/index.js';
import type { NotionClient } from '../../src/notion/types.js';
import { createDataSource, createPages, fastClient, getDs, names, readPages, virtualClock, tempStateDir } from './helpers.js';

/** 10 % 429s and 5 % 5xx (one of them a write that is saved, then answered 503). */
const CHAOS = '429=0.1,500=0.02,502=0.01,503=0.01,commit-then-503=0.01';
const LONG = process.env['LONG'] !== undefined;
const N = LONG ? 3000 : 300;
let emu: EmulatorHandle;
let client: NotionClient;

beforeAll(async () => {
  emu = await startEmulator({ seed: 11 });
  // Backoff sleeps are shortened: the 429s are injected at random, not a real budget.
  client = fastClient(emu.url, virtualClock());
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

/** Runs (and, after a failure that outlived the retries, resumes) until the migration completes. */
async function untilDone(spec: MigrationSpec, stateDir: string): Promise<{ result: MigrationResult; runs: number }> {
  let last: unknown;
  for (let runs = 1; runs <= 6; runs++) {
    try {
      return { result: await runMigration(client, spec, { stateDir }), runs };
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

describe('migrations under 10 % 429s and 5 % 5xx', () => {
  it('renames and converts with zero lost values', async () => {
    const dsId = await createDataSource(client, emu, {
      Name: { title: {} },
      Stage: { select: { options: [{ name: 'Client', color: 'red' }, { name: 'Lead' }] } },
      Tags: { multi_select: { options: [{ name: 'A' }, { name: 'Old' }, { name: 'B' }] } },
      Note: { rich_text: {} },
    }, 'Chaos');
    const note = (i: number): string => ['alpha', 'beta', 'gamma', ''][i % 4]!;
    const ids = await createPages(client, dsId, Array.from({ length: N }, (_, i) => ({
      Stage: { select: { name: i % 3 === 0 ? 'Lead' : 'Client' } },
      Tags: { multi_select: (i % 2 === 0 ? ['A', 'Old', 'B'] : ['Old', 'B']).map((name) => ({ name })) },
      Note: { rich_text: note(i) === '' ? [] : [{ type: 'text', text: { content: note(i) } }] },
    })));
    const props = (await getDs(client, dsId)).properties;
    const logStart = emu.requests.length;
    emu.setFaults(CHAOS);
    const stateDir = tempStateDir();
    await untilDone({ kind: 'option', dataSourceId: dsId, propertyId: props['Stage']!.id, propertyType: 'select', from: 'Client', to: { name: 'Customer' } }, stateDir);
    await untilDone({ kind: 'option', dataSourceId: dsId, propertyId: props['Tags']!.id, propertyType: 'multi_select', from: 'Old', to: { name: 'New', color: 'green' } }, stateDir);
    await untilDone({ kind: 'convert', dataSourceId: dsId, propertyId: props['Note']!.id, from: 'rich_text', to: 'select', rules: { onUnconvertible: 'fail' } }, stateDir);
    emu.setFaults(null);

    const log = emu.requests.slice(logStart);
    expect(log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(log.filter((r) => r.status >= 500).length).toBeGreaterThan(0);
    const pages = await readPages(client, ids);
    ids.forEach((id, i) => {
      const p = pages.get(id)!;
      expect(names(p['Stage'])).toBe(i % 3 === 0 ? 'Lead' : 'Customer');
      expect(names(p['Tags'])).toEqual(i % 2 === 0 ? ['A', 'New', 'B'] : ['New', 'B']);
      expect(names(p['Note'])).toBe(note(i) === '' ? null : note(i));
    });
    const ds = (await getDs(client, dsId)).properties;
    expect(Object.keys(ds).sort()).toEqual(['Name', 'Note', 'Stage', 'Tags']);
    expect(ds['Note']!.type).toBe('select');
  }, LONG ? 600_000 : 90_000);
});
