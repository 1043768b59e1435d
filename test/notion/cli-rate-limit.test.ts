import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { createNotionClient } from '../../src/notion/client.js';
import { EMPTY_LOCK, setDatabaseId, setDataSourceId, writeLockFile } from '../../src/notion/lock-file.js';
import { runCli } from '../helpers/cli.js';
import { seed } from './helpers/workspace.js';

let dir: string;
let emu: EmulatorHandle;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-cli-rate-'));
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

describe('--rate-limit and --notion-version reach the client', () => {
  it('plan --rate-limit 2 paces its D + K GETs at 2/s after the burst (the default, 3/s, would take half the time)', async () => {
    const seeder = createNotionClient({ baseUrl: emu.url, token: 'seed', rateLimit: 1000 });
    const [db] = await seed(seeder, [{ title: 'Paced', parentPageId: emu.rootPageId, dataSources: [{ title: 'A' }, { title: 'B' }, { title: 'C' }, { title: 'D' }, { title: 'E' }] }]);
    await seeder.close();
    let lock = setDatabaseId(EMPTY_LOCK, 'paced', db!.id);
    ['a', 'b', 'c', 'd', 'e'].forEach((k, i) => (lock = setDataSourceId(lock, 'paced', k, db!.dataSourceIds[i]!)));
    await writeLockFile(join(dir, 'notion-schema.lock.json'), lock);
    await writeFile(join(dir, 'notion.schema.yaml'), [
      'databases:', '  paced:', '    title: Paced', `    parent: { page_id: "${emu.rootPageId}" }`, '    data_sources:',
      ...['A', 'B', 'C', 'D', 'E'].flatMap((t) => [`      ${t.toLowerCase()}:`, `        title: ${t}`, '        properties:', '          Name: { type: title }']),
      '',
    ].join('\n'));
    emu.clearRequests();
    const spawned = Date.now();
    const r = await runCli(['plan', '--rate-limit', '2', '--notion-version', '2026-03-11', '--api-url', emu.url], { cwd: dir, env: { NOTION_TOKEN: 'ntn_RateLimitTestToken123456' } });
    expect(r.stderr, r.stderr).toContain(`notion-schema: target ${emu.url} (Notion-Version 2026-03-11)`);
    expect(r.code, r.stderr).toBe(0);
    const times = emu.requests.map((q) => Date.parse(q.at)).sort((a, b) => a - b);
    expect(times, JSON.stringify(emu.requests)).toHaveLength(6);
    // A burst of 2, then 4 more at 2/s: the last cannot start before 2 s after the CLI started
    // (load only delays it). At the default 3/s (burst 3) it would have started after 1 s.
    expect((times.at(-1) ?? 0) - spawned).toBeGreaterThanOrEqual(1990);
  });
});
