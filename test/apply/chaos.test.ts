import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { LockFile } from '../../src/model/lock.js';
import { createNotionClient } from '../../src/notion/client.js';
import type { NotionClient } from '../../src/notion/types.js';
import { desiredFrom, liveUnder, planAndApply, remainingSteps, schemaArb, schemaYaml, tempLock, type GenSchema } from './converge-helpers.js';
import type { DesiredState } from '../../src/model/desired.js';
import { NetworkError } from '../../src/errors.js';

/** 10% 429s, 5% 5xx, 2% connection resets, 2% commit-then-fail (the write happens, the answer is a 503). */
const CHAOS = '429=0.1,500=0.02,502=0.01,503=0.02,reset=0.02,commit-then-503=0.02';
const LONG = process.env['LONG'] !== undefined;
let emu: EmulatorHandle;
const quickSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 10)));
let client: NotionClient;

beforeAll(async () => {
  emu = await startEmulator({ seed: 7 });
  // Backoff sleeps are shortened (the 429s are injected at random, not a real budget), so the test stays fast.
  client = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000, timeoutMs: 5000, sleep: quickSleep });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

/** Plan + apply until the next plan is empty (each run may fail under chaos; re-planning converges). */
async function converge(desired: DesiredState, lockPath: string): Promise<number> {
  for (let run = 1; run <= 12; run++) {
    try {
      const { result } = await planAndApply(client, desired, lockPath);
      if (result.ok && (await remainingSteps(client, desired, lockPath)).length === 0) return run;
    } catch {
      // A read failed after its retries, or a write failed: run again.
    }
  }
  throw new Error('did not converge in 12 runs');
}

function checkNoDuplicatesAndLock(parent: string, schema: GenSchema, copies: number, lockPath: string): void {
  const dbs = liveUnder(emu, parent);
  // Zero duplicate databases: exactly the declared ones, each title once.
  expect(dbs.map((d) => d.title).sort()).toEqual(Array.from({ length: copies }, (_, i) => (i === 0 ? 'Chaos' : `Chaos ${i + 1}`)).sort());
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as LockFile;
  const sources = emu.listDataSources();
  for (const db of dbs) {
    // Zero duplicate data sources: every title once within its database.
    const titles = sources.filter((s) => s.database_id === db.id).map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
    // The lock file names exactly this database and live data sources of it.
    const key = db.title === 'Chaos' ? 'db' : `db${db.title.slice('Chaos '.length)}`;
    const entry = lock.databases[key];
    expect(entry?.id).toBe(db.id);
    for (const ds of schema.dataSources) {
      const id = entry?.data_sources[ds.key];
      expect(id !== undefined && db.data_source_ids.includes(id)).toBe(true);
    }
  }
}

describe('chaos: convergence under injected faults', () => {
  it('converges with zero duplicates and a consistent lock file', async () => {
    await fc.assert(
      fc.asyncProperty(schemaArb, schemaArb, async (before, after) => {
        const parent = randomUUID();
        await emu.ensurePage(parent, 'parent');
        const lockPath = tempLock();
        emu.setFaults(CHAOS);
        try {
          await converge(desiredFrom(schemaYaml(before, parent, 'Chaos', 2)), lockPath);
          const target = desiredFrom(schemaYaml(after, parent, 'Chaos', 2));
          await converge(target, lockPath);
          emu.setFaults(null);
          expect(await remainingSteps(client, target, lockPath)).toEqual([]);
          checkNoDuplicatesAndLock(parent, after, 2, lockPath);
        } finally {
          emu.setFaults(null);
        }
      }),
      { numRuns: LONG ? 15 : 1, seed: LONG ? undefined : 3 },
    );
  }, LONG ? 900_000 : 60_000);

  it('under commit-then-503 on every write, creates are recovered, never duplicated', async () => {
    const parent = randomUUID();
    await emu.ensurePage(parent, 'parent');
    const lockPath = tempLock();
    const schema: GenSchema = { dataSources: [
      { key: 'main', title: 'Main', props: [{ name: 'Name', yaml: '{ type: title }' }] },
      { key: 'extra', title: 'Extra', props: [{ name: 'Name', yaml: '{ type: title }' }, { name: 'Notes', yaml: '{ type: rich_text }' }] },
    ] };
    const desired = desiredFrom(schemaYaml(schema, parent, 'Chaos', 2));
    const noRetry = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000, maxRetries: 0 });
    emu.setFaults('commit-then-503=1');
    try {
      const { createPlan } = await import('../../src/pipeline/create-plan.js');
      const { applyPlan } = await import('../../src/apply/index.js');
      const { plan } = await createPlan({ client: noRetry, desired, lockPath, toolVersion: 'test' });
      const events: string[] = [];
      await applyPlan(plan, { client: noRetry, lockPath, journalDir: null, onEvent: (e) => { if (e.type === 'recovered') events.push(`${e.kind}:${e.via}`); } });
      // Both databases were recovered from committed_resource_id (later creates may not have been
      // launched once a PATCH failed); every recovery used it.
      expect(events.filter((e) => e === 'database:committed_resource_id')).toHaveLength(2);
      expect(events.every((e) => e.endsWith(':committed_resource_id'))).toBe(true);
    } finally {
      emu.setFaults(null);
      await noRetry.close();
    }
    await converge(desired, lockPath);
    checkNoDuplicatesAndLock(parent, schema, 2, lockPath);
  }, 60_000);

  it('after a commit then a lost answer (no committed_resource_id), finds the object by parent and title', async () => {
    const parent = randomUUID();
    await emu.ensurePage(parent, 'parent');
    const lockPath = tempLock();
    const schema: GenSchema = { dataSources: [
      { key: 'main', title: 'Main', props: [{ name: 'Name', yaml: '{ type: title }' }] },
      { key: 'extra', title: 'Extra', props: [{ name: 'Name', yaml: '{ type: title }' }] },
    ] };
    const desired = desiredFrom(schemaYaml(schema, parent, 'Chaos', 2));
    // Every create is committed, then its answer is lost as a connection reset would lose it.
    const lossy: NotionClient = {
      get stats() { return client.stats; },
      target: client.target,
      notionVersion: client.notionVersion,
      close: async () => {},
      async request<T>(req: Parameters<NotionClient['request']>[0]): Promise<T> {
        const res = await client.request<T>(req);
        if (req.method === 'POST' && (req.path === '/v1/databases' || req.path === '/v1/data_sources')) throw new NetworkError('socket hang up', 'ECONNRESET');
        return res;
      },
    };
    const { createPlan } = await import('../../src/pipeline/create-plan.js');
    const { applyPlan } = await import('../../src/apply/index.js');
    const { plan } = await createPlan({ client: lossy, desired, lockPath, toolVersion: 'test' });
    const events: string[] = [];
    const result = await applyPlan(plan, { client: lossy, lockPath, desired, journalDir: null, onEvent: (e) => { if (e.type === 'recovered') events.push(`${e.kind}:${e.via}`); } });
    expect(result.steps.filter((s) => s.status !== 'applied')).toEqual([]);
    expect(events.sort()).toEqual(['data_source:lookup', 'data_source:lookup', 'database:lookup', 'database:lookup']);
    expect(result.ok).toBe(true);
    checkNoDuplicatesAndLock(parent, schema, 2, lockPath);
  }, 60_000);
});
