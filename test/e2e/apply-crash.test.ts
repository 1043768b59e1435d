import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { LockFile } from '../../src/model/lock.js';
import { BIN } from '../helpers/cli.js';
import { cli, projectDir, TOKEN } from './apply-helpers.js';

const LONG = process.env['LONG'] !== undefined;
let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

function schema(parent: string): string {
  const db = (key: string, title: string) => `  ${key}:
    title: ${title}
    parent: { page_id: "${parent}" }
    data_sources:
      a:
        title: A
        properties:
          Name: { type: title }
          Notes: { type: rich_text }
          Stage: { type: select, options: [{ name: Open, color: green }, { name: Closed, color: gray }] }
          Back: { type: relation, data_source: ${key}.b, dual: { property: Link } }
      b:
        title: B
        properties:
          Name: { type: title }
          Link: { type: relation, data_source: ${key}.a, dual: { property: Back } }
          Done: { type: checkbox }`;
  return `version: 1\ndatabases:\n${db('one', 'Crash one')}\n${db('two', 'Crash two')}\n`;
}

/** Runs `apply --yes` and SIGKILLs it once the emulator has answered `killAfter` more requests. */
function applyAndKill(dir: string, killAfter: number): Promise<NodeJS.Signals | null> {
  const start = emu.requests.length;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--api-url', emu.url, '--rate-limit', '1000', 'apply', '--yes'], {
      cwd: dir, env: { PATH: process.env['PATH'] ?? '', NOTION_TOKEN: TOKEN, NO_COLOR: '1' }, stdio: 'ignore',
    });
    const timer = setInterval(() => {
      if (emu.requests.length - start >= killAfter) child.kill('SIGKILL');
    }, 1);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearInterval(timer);
      resolve(signal);
    });
  });
}

describe('crash: apply killed with SIGKILL, then run again', () => {
  const points = LONG ? Array.from({ length: 12 }, () => 1 + Math.floor(Math.random() * 24)) : [6];
  if (process.env['CRASH_AT']) points.splice(0, points.length, Number(process.env['CRASH_AT']));
  it.each(points)('converges with no duplicates after a kill at request %i', async (killAfter) => {
    const parent = randomUUID();
    await emu.ensurePage(parent, 'crash parent');
    const dir = projectDir(schema(parent));
    await applyAndKill(dir, killAfter);
    const rerun = await cli(dir, emu.url, ['apply', '--yes']);
    // The killed run may have finished everything already.
    expect(rerun.stdout).toMatch(/Apply complete|No changes/);
    expect(rerun.code).toBe(0);
    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
    const compact = (x: string) => x.replace(/-/g, '');
    const dbs = emu.listDatabases().filter((d) => compact(String((d.parent as { page_id?: string }).page_id ?? '')) === compact(parent));
    expect(dbs.map((d) => d.title).sort()).toEqual(['Crash one', 'Crash two']);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as LockFile;
    for (const db of dbs) {
      const titles = emu.listDataSources().filter((s) => s.database_id === db.id).map((s) => s.title).sort();
      expect(titles).toEqual(['A', 'B']);
      const entry = lock.databases[db.title === 'Crash one' ? 'one' : 'two'];
      expect(entry?.id).toBe(db.id);
      expect(Object.values(entry?.data_sources ?? {}).sort()).toEqual([...db.data_source_ids].sort());
    }
  }, 60_000);
});
