import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { LockFile } from '../../src/model/lock.js';
import { cli, countByTitle, freshParent, projectDir, TOKEN } from './apply-helpers.js';

/**
 * Creates that can never duplicate (issue #14 §2), through the real CLI against an emulator whose
 * search lags 20 s (Notion's index is not immediate): a look-up by search would find nothing and
 * send the create again. The CLI's reads time out after 1 s here; a late commit is held 2.5 s.
 */
const SEARCH_LAG_MS = 20_000;
const LATE_MS = 2_500;
const ENV = { NOTION_SCHEMA_TIMEOUT_MS: '1000' };

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN], searchLagMs: SEARCH_LAG_MS });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.setFaults(null);
});

/** One database `db` titled `title` with data sources `main` and (when `second`) `extra`. */
function schema(parent: string, title: string, second: boolean): string {
  const extra = second ? `
      extra:
        title: ${title} extra
        properties:
          Name: { type: title }
          Size: { type: number }` : '';
  return `version: 1
databases:
  db:
    title: ${title}
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: ${title} main
        properties:
          Name: { type: title }
          Notes: { type: rich_text }${extra}
`;
}

function readLock(dir: string): LockFile {
  return JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as LockFile;
}

async function applyUnder(faults: string, title: string, second: boolean): Promise<{ dir: string; out: string }> {
  const parent = await freshParent(emu);
  const dir = projectDir(schema(parent, title, second));
  emu.setFaults(faults);
  const res = await cli(dir, emu.url, ['apply', '--yes'], ENV);
  // Writes still held by the emulator (a create the CLI gave up on) land before anything is counted.
  await emu.idle();
  emu.setFaults(null);
  const out = `${res.stdout}\n${res.stderr}`;
  expect(res.code, out).toBe(0);
  return { dir, out };
}

describe('a create whose outcome is unknown is looked up where Notion is immediately consistent', () => {
  it('late commit of POST /v1/databases (held past the read timeout, search lagging 20 s): exactly one database, bound', async () => {
    const { dir } = await applyUnder(`late-commit@POST/v1/databases=1,late_ms=${LATE_MS}`, 'Late DB', false);
    expect(countByTitle(emu, 'Late DB')).toBe(1);
    const db = emu.listDatabases().find((d) => d.title === 'Late DB');
    expect(readLock(dir).databases['db']?.id).toBe(db?.id);
    expect(readLock(dir).databases['db']?.data_sources['main']).toBe(db?.data_source_ids[0]);
  });

  it('commit-then-reset of POST /v1/databases with search lagging: exactly one database, bound', async () => {
    const { dir } = await applyUnder('commit-then-reset@POST/v1/databases=1', 'Reset DB', false);
    expect(countByTitle(emu, 'Reset DB')).toBe(1);
    const db = emu.listDatabases().find((d) => d.title === 'Reset DB');
    expect(readLock(dir).databases['db']?.id).toBe(db?.id);
    // It was found through the parent page's child_database blocks, not through search.
    expect(emu.requests.some((r) => r.method === 'GET' && /^\/v1\/blocks\/[^/]+\/children$/.test(r.path))).toBe(true);
  });

  it('late commit of POST /v1/data_sources: exactly one data source, bound', async () => {
    const { dir } = await applyUnder(`late-commit@POST/v1/data_sources=1,late_ms=${LATE_MS}`, 'Late DS', true);
    const db = emu.listDatabases().find((d) => d.title === 'Late DS');
    const extra = emu.listDataSources().filter((d) => d.database_id === db?.id && d.title === 'Late DS extra');
    expect(extra).toHaveLength(1);
    expect(readLock(dir).databases['db']?.data_sources['extra']).toBe(extra[0]?.id);
  });

  it('commit-then-reset of POST /v1/data_sources: exactly one data source, bound', async () => {
    const { dir } = await applyUnder('commit-then-reset@POST/v1/data_sources=1', 'Reset DS', true);
    expect(countByTitle(emu, 'Reset DS')).toBe(1);
    const db = emu.listDatabases().find((d) => d.title === 'Reset DS');
    const extra = emu.listDataSources().filter((d) => d.database_id === db?.id && d.title === 'Reset DS extra');
    expect(extra).toHaveLength(1);
    expect(readLock(dir).databases['db']?.data_sources['extra']).toBe(extra[0]?.id);
  });
});

describe('fatal errors end the run at once', () => {
  it('a wrong token under faults exits 1 in under 5 s, printing the error once', async () => {
    const parent = await freshParent(emu);
    const dbs = Array.from({ length: 6 }, (_, i) => `  d${i}:
    title: Fatal ${i}
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: Fatal ${i}
        properties:
          Name: { type: title }`).join('\n');
    const dir = projectDir(`version: 1\ndatabases:\n${dbs}\n`);
    emu.setFaults('429=0.3,500=0.1,503=0.1,reset=0.1,retry_after=2');
    const started = Date.now();
    const res = await cli(dir, emu.url, ['apply', '--yes'], { NOTION_TOKEN: 'wrong-token' });
    const elapsed = Date.now() - started;
    emu.setFaults(null);
    expect(res.code).toBe(1);
    expect(elapsed).toBeLessThan(5_000);
    expect(res.stderr.match(/API token is invalid/g) ?? []).toHaveLength(1);
  });
});
