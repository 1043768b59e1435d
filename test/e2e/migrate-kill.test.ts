import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { PAGE_WRITE_CONCURRENCY, readJournal } from '../../src/migrate/index.js';
import type { NotionClient } from '../../src/notion/types.js';
import { fastClient, getDs, names, optionNames, pageWrites, readPages } from '../migrate/helpers.js';
import { cli, TOKEN } from './apply-helpers.js';
import { applyAndKill, rewriteSchema, seededProject } from './migrate-helpers.js';

const LONG = process.env['LONG'] !== undefined;
/** 1,000 pages under `npm run test:long`; 300 in `npm test` (same code path, a third of the time). */
const N = LONG ? 1000 : 150;
/** 10 % 429s and 5 % 5xx, one of them a write that is saved and then answered 503. */
const CHAOS = '429=0.1,500=0.02,502=0.01,503=0.01,commit-then-503=0.01';

let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN], seed: 7 });
  client = fastClient(emu.url);
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

const tags = (old: string): string => `Name: { type: title }
Tags:
  type: multi_select
  options: [{ name: Keep, color: blue }, ${old}]`;
const order = (i: number, old: string): string[] => (i % 2 === 0 ? [old, 'Keep'] : ['Keep', old]);

describe('a data migration killed by SIGKILL, then apply again', () => {
  it(`${N} pages: every page migrated exactly once, nothing lost, the next plan empty`, async () => {
    const p = await seededProject(emu, client, tags('{ name: Old, color: red }'), N, (i) => ({
      Tags: { multi_select: order(i, 'Old').map((name) => ({ name })) },
    }), 'Killed');
    rewriteSchema(p.dir, p.parent, tags('{ name: New, renamed_from: [Old] }'), 'Killed');
    const start = emu.requests.length;

    const signal = await applyAndKill(emu, p.dir, 200, Math.floor(N / 3));
    expect(signal).toBe('SIGKILL');
    const dir = path.join(p.dir, '.notion-schema', 'migrations');
    const journal = path.join(dir, readdirSync(dir)[0]!);
    const recorded = readJournal(journal).filter((e) => e.t === 'page').length;
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(N);
    // Mid-way, both options exist; a new plan resumes the same migration (same journal).
    expect(optionNames((await getDs(client, p.dsId)).properties['Tags']).map((o) => o.name)).toEqual(['Keep', 'Old', 'New']);

    const again = await cli(p.dir, emu.url, ['apply', '--yes', '--migrate-data']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`resuming an interrupted run \\(${recorded} page\\(s\\) rewritten before\\)`));
    expect(readdirSync(dir)).toHaveLength(1);

    // Exactly once: one successful write per page over both runs, and the journal never lists a page twice.
    const writes = pageWrites(emu, start);
    expect(writes.size).toBe(N);
    expect([...writes.values()].every((n) => n === 1)).toBe(true);
    const pages = readJournal(journal).filter((e) => e.t === 'page').map((e) => (e as { page: string }).page);
    expect(new Set(pages).size).toBe(pages.length);
    // Writes in flight at the kill may have landed without their journal line (at most the concurrency).
    expect(pages.length).toBeGreaterThanOrEqual(N - PAGE_WRITE_CONCURRENCY);
    const values = await readPages(client, p.ids);
    p.ids.forEach((id, i) => expect(names(values.get(id)!['Tags'])).toEqual(order(i, 'New')));
    expect(optionNames((await getDs(client, p.dsId)).properties['Tags']).map((o) => o.name)).toEqual(['Keep', 'New']);
    expect((await cli(p.dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  }, LONG ? 300_000 : 90_000);
});

describe('data migrations under 10 % 429s and 5 % 5xx', () => {
  it('renames an option and converts a property with zero lost values', async () => {
    const n = 120;
    const note = (i: number): string => ['alpha', 'beta', 'gamma', ''][i % 4]!;
    const p = await seededProject(emu, client, `${tags('{ name: Old, color: red }')}\nNote: { type: rich_text }`, n, (i) => ({
      Tags: { multi_select: order(i, 'Old').map((name) => ({ name })) },
      Note: { rich_text: note(i) === '' ? [] : [{ type: 'text', text: { content: note(i) } }] },
    }), 'Chaos');
    rewriteSchema(p.dir, p.parent, `${tags('{ name: New, renamed_from: [Old] }')}
Note:
  type: select
  options: [{ name: alpha }, { name: beta }, { name: gamma }]
  convert: true`, 'Chaos');
    emu.setFaults(CHAOS);
    let runs = 0;
    let code: number | null = null;
    // A failure that outlives the client's retries stops the run; the next apply resumes it.
    while (code !== 0 && runs < 6) {
      runs++;
      code = (await cli(p.dir, emu.url, ['apply', '--yes', '--migrate-data'])).code;
    }
    emu.setFaults(null);
    expect(code).toBe(0);
    const values = await readPages(client, p.ids);
    p.ids.forEach((id, i) => {
      expect(names(values.get(id)!['Tags'])).toEqual(order(i, 'New'));
      expect(names(values.get(id)!['Note'])).toBe(note(i) === '' ? null : note(i));
    });
    expect((await cli(p.dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  }, 120_000);
});
