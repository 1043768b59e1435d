import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { migrationId, PAGE_WRITE_CONCURRENCY, readJournal, runMigration, type OptionMigrationSpec } from '../../src/migrate/index.js';
import type { NotionClient } from '../../src/notion/types.js';
import { createDataSource, createPages, fastClient, getDs, names, pageWrites, readPages, tempStateDir } from './helpers.js';

const LONG = process.env['LONG'] !== undefined;
const N = 1000;
const SCRIPT = fileURLToPath(new URL('./fixtures/run-migration.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
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

/** Starts the migration in a child process and SIGKILLs it once the emulator has answered `killAfter` page writes. */
function runAndKill(spec: OptionMigrationSpec, stateDir: string, killAfter: number): Promise<NodeJS.Signals | null> {
  const start = emu.requests.length;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', MIGRATE_URL: emu.url, MIGRATE_SPEC: JSON.stringify(spec), MIGRATE_STATE_DIR: stateDir, MIGRATE_RATE: '400' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setInterval(() => {
      let writes = 0;
      for (const r of emu.requests.slice(start)) if (r.method === 'PATCH' && r.path.startsWith('/v1/pages/')) writes++;
      if (writes >= killAfter) child.kill('SIGKILL');
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      if (signal === null && code !== 0) reject(new Error(`the migration process failed: ${stderr}`));
      else resolve(signal);
    });
  });
}

describe('SIGKILL during a 1,000-page migration, then run again', () => {
  const points = LONG ? [50, 333, 700, 990] : [400];
  for (const killAfter of points) {
    it(`kill after ${killAfter} page writes: every page migrated exactly once, nothing lost`, async () => {
      const dsId = await createDataSource(client, emu, {
        Name: { title: {} },
        Tags: { multi_select: { options: [{ name: 'Keep', color: 'blue' }, { name: 'Old', color: 'red' }] } },
      }, `Kill ${killAfter}`);
      const ids = await createPages(client, dsId, Array.from({ length: N }, (_, i) => ({
        Tags: { multi_select: (i % 2 === 0 ? ['Old', 'Keep'] : ['Keep', 'Old']).map((name) => ({ name })) },
      })));
      const propId = (await getDs(client, dsId)).properties['Tags']!.id;
      const spec: OptionMigrationSpec = { kind: 'option', dataSourceId: dsId, propertyId: propId, propertyType: 'multi_select', from: 'Old', to: { name: 'New' } };
      const stateDir = tempStateDir();
      const logStart = emu.requests.length;

      const signal = await runAndKill(spec, stateDir, killAfter);
      expect(signal).toBe('SIGKILL');
      const killedJournal = readJournal(`${stateDir}/migrations/${migrationId(spec)}.jsonl`);
      const recorded = killedJournal.filter((e) => e.t === 'page').length;
      expect(recorded).toBeGreaterThan(0);
      expect(recorded).toBeLessThan(N);

      const result = await runMigration(client, spec, { stateDir });
      // Writes in flight when the process died may have landed without a journal line (at most the concurrency).
      expect(result.writesBefore).toBe(recorded);
      expect(result.writesBefore + result.writes).toBeGreaterThanOrEqual(N - PAGE_WRITE_CONCURRENCY);
      expect(result.writesBefore + result.writes).toBeLessThanOrEqual(N);

      // Exactly once: each page has one successful write over both runs.
      const writes = pageWrites(emu, logStart);
      expect(writes.size).toBe(N);
      expect([...writes.values()].every((n) => n === 1)).toBe(true);
      // The journal never records a page twice.
      const pages = readJournal(result.journal).filter((e) => e.t === 'page').map((e) => (e as { page: string }).page);
      expect(new Set(pages).size).toBe(pages.length);
      // Nothing lost: the new option replaced the old one in place, the other option kept.
      const values = await readPages(client, ids);
      ids.forEach((id, i) => expect(names(values.get(id)!['Tags'])).toEqual(i % 2 === 0 ? ['New', 'Keep'] : ['Keep', 'New']));
      const tags = (await getDs(client, dsId)).properties['Tags']! as unknown as { multi_select: { options: { name: string }[] } };
      expect(tags.multi_select.options.map((o) => o.name)).toEqual(['Keep', 'New']);
    }, LONG ? 300_000 : 90_000);
  }
});
