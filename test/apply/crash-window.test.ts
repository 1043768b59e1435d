import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan, defaultServices, recoverInterruptedApply } from '../../src/apply/index.js';
import { createPlan } from '../../src/pipeline/create-plan.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { LockFile } from '../../src/model/lock.js';
import { createNotionClient } from '../../src/notion/client.js';
import type { NotionClient } from '../../src/notion/types.js';
import { desiredFrom, liveUnder, remainingSteps, schemaYaml, type GenSchema } from './converge-helpers.js';

let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator({});
  client = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000 });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

const schema: GenSchema = { dataSources: [
  { key: 'main', title: 'Main', props: [{ name: 'Name', yaml: '{ type: title }' }, { name: 'Notes', yaml: '{ type: rich_text }' }] },
  { key: 'extra', title: 'Extra', props: [{ name: 'Name', yaml: '{ type: title }' }] },
] };

/** A client whose create of `path` reaches the server, after which the process "dies": the answer never arrives. */
function dyingAt(createPath: string): NotionClient {
  return {
    get stats() { return client.stats; },
    target: client.target,
    notionVersion: client.notionVersion,
    close: async () => {},
    async request<T>(req: Parameters<NotionClient['request']>[0]): Promise<T> {
      const res = await client.request<T>(req);
      if (req.method === 'POST' && req.path === createPath) return new Promise<T>(() => {});
      return res;
    },
  };
}

describe('crash with a create in flight (committed, id never recorded)', () => {
  it.each(['/v1/databases', '/v1/data_sources'])('the next apply finds %s objects through the journal: no duplicate', async (createPath) => {
    const parent = randomUUID();
    await emu.ensurePage(parent, 'parent');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-window-'));
    const lockPath = path.join(dir, 'notion-schema.lock.json');
    const journalDir = path.join(dir, '.notion-schema', 'journal');
    const desired = desiredFrom(schemaYaml(schema, parent, 'Window'));
    const { plan } = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
    // The apply "dies" once that create is committed: its promise is abandoned, with no `end` in the journal.
    void applyPlan(plan, { client: dyingAt(createPath), lockPath, journalDir, skipStalenessCheck: true });
    const committed = () => {
      const db = liveUnder(emu, parent)[0];
      return createPath === '/v1/databases' ? db !== undefined : (db?.data_source_ids.length ?? 0) >= 2;
    };
    for (let i = 0; i < 400 && !committed(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(committed()).toBe(true);
    // A journal whose writer is this (live) process would be skipped as running: rename it to a dead pid.
    const { readdirSync, renameSync } = await import('node:fs');
    for (const f of readdirSync(journalDir)) renameSync(path.join(journalDir, f), path.join(journalDir, f.replace(/-\d+\.jsonl$/, '-999999999.jsonl')));
    const found = await recoverInterruptedApply({ client, journalDir, lockPath, services: defaultServices });
    expect(found.map((f) => f.kind)).toContain(createPath === '/v1/databases' ? 'database' : 'data_source');
    const next = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
    const result = await applyPlan(next.plan, { client, lockPath, desired, journalDir, allowDestructive: true });
    expect(result.ok).toBe(true);
    expect(await remainingSteps(client, desired, lockPath)).toEqual([]);
    const dbs = liveUnder(emu, parent);
    expect(dbs.map((d) => d.title)).toEqual(['Window']);
    const titles = emu.listDataSources().filter((s) => s.database_id === dbs[0]?.id).map((s) => s.title).sort();
    expect(titles).toEqual(['Extra', 'Main']);
    const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as LockFile;
    expect(Object.values(lock.databases['db']?.data_sources ?? {}).sort()).toEqual([...(dbs[0]?.data_source_ids ?? [])].sort());
  });
});
