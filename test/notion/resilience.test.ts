import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { NetworkError, NotionApiError } from '../../src/errors.js';
import { createNotionClient } from '../../src/notion/client.js';
import { createDatabase } from '../../src/notion/endpoints.js';
import { EMPTY_LOCK, setDatabaseId, setDataSourceId } from '../../src/notion/lock-file.js';
import { readLiveState } from '../../src/notion/read-live-state.js';
import type { NotionClient } from '../../src/notion/types.js';
import { desiredState, seed } from './helpers/workspace.js';
import type { LockFile } from '../../src/model/lock.js';
import type { DesiredState } from '../../src/model/desired.js';

const LONG = process.env['LONG'] !== undefined;
let emu: EmulatorHandle | undefined;
const clients: NotionClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await emu?.close();
  emu = undefined;
});
const newClient = (url: string, rateLimit: number, extra: { burst?: number; token?: string } = {}): NotionClient => {
  const c = createNotionClient({ baseUrl: url, token: 'test-token', rateLimit, ...extra });
  clients.push(c);
  return c;
};

/** Seeds `dbs` databases of `perDb` data sources and returns the matching desired state and lock. */
async function workspace(e: EmulatorHandle, dbs: number, perDb: number): Promise<{ desired: DesiredState; lock: LockFile }> {
  // The emulator rate-limits per token: seeding under its own token leaves the reader's budget intact.
  const seeder = newClient(e.url, 100_000, { token: 'seed-token' });
  const made = await seed(seeder, Array.from({ length: dbs }, (_, i) => ({
    title: `DB ${i}`, parentPageId: e.rootPageId,
    dataSources: Array.from({ length: perDb }, (_, j) => ({ title: `DS ${i}.${j}`, properties: { [`P${j}`]: { number: { format: 'percent' } } } })),
  })));
  let lock: LockFile = EMPTY_LOCK;
  made.forEach((m, i) => {
    lock = setDatabaseId(lock, `db${i}`, m.id);
    m.dataSourceIds.forEach((ds, j) => (lock = setDataSourceId(lock, `db${i}`, `ds${j}`, ds)));
  });
  const desired = desiredState(Array.from({ length: dbs }, (_, i) => ({
    key: `db${i}`, title: `DB ${i}`, parent: { type: 'page_id' as const, page_id: e.rootPageId },
    dataSources: Array.from({ length: perDb }, (_, j) => ({ key: `ds${j}`, title: `DS ${i}.${j}` })),
  })));
  return { desired, lock };
}

describe('the client under fault injection (emulator)', () => {
  it('reads the same live state with 20% of responses being 429, 5xx or resets', async () => {
    emu = await startEmulator({ seed: 7 });
    const { desired, lock } = await workspace(emu, LONG ? 10 : 4, 3);
    const clean = await readLiveState(newClient(emu.url, 1000), desired, lock);
    emu.setFaults('429=0.05,500=0.03,502=0.03,503=0.03,504=0.02,reset=0.04');
    emu.clearRequests();
    const client = newClient(emu.url, 1000);
    const faulty = await readLiveState(client, desired, lock);
    const fp = (s: typeof clean) => [...s.live.data_sources.values()].map((d) => d.live.fingerprint);
    expect(fp(faulty)).toEqual(fp(clean));
    expect([...faulty.live.databases.values()].map((d) => d.live.fingerprint)).toEqual([...clean.live.databases.values()].map((d) => d.live.fingerprint));
    const failed = emu.requests.filter((r) => r.status !== 200).length;
    expect(failed).toBeGreaterThan(0);
    expect(client.stats.retries).toBe(failed);
    expect(client.stats.requests).toBe(emu.requests.length);
  });

  it('never retries non-idempotent writes blindly on 5xx or resets; 529 is retried', async () => {
    emu = await startEmulator();
    const client = newClient(emu.url, 1000);
    const body = { parent: { type: 'page_id' as const, page_id: emu.rootPageId }, title: [{ type: 'text' as const, text: { content: 'W' } }], initial_data_source: { properties: { Name: { title: {} } } } };
    const posts = () => emu!.requests.filter((r) => r.method === 'POST').length;

    for (const fault of ['500=1', '502=1', '503=1', '504=1']) {
      emu.setFaults(fault);
      emu.clearRequests();
      await expect(createDatabase(client, body)).rejects.toBeInstanceOf(NotionApiError);
      expect(posts()).toBe(1);
    }
    emu.setFaults('reset=1');
    emu.clearRequests();
    await expect(createDatabase(client, body)).rejects.toBeInstanceOf(NetworkError);
    expect(posts()).toBe(1);

    // A 503 after the commit: not retried, and the created id survives for recovery.
    emu.setFaults('commit-then-503=1');
    emu.clearRequests();
    const before = emu.listDatabases().length;
    const err = (await createDatabase(client, body).catch((e: unknown) => e)) as NotionApiError;
    expect(err).toBeInstanceOf(NotionApiError);
    expect(posts()).toBe(1);
    expect(emu.listDatabases()).toHaveLength(before + 1);
    expect(emu.listDatabases().map((d) => d.id)).toContain(err.additional_data?.['committed_resource_id']);

    // 529: the server did not process it; retried even for a POST.
    emu.setFaults('529=0.5');
    emu.clearRequests();
    for (let i = 0; i < 4; i++) await createDatabase(client, body);
    expect(emu.requests.filter((r) => r.status === 200)).toHaveLength(4);
  });

  it('honours Retry-After (measured timing) and slows the whole client', async () => {
    emu = await startEmulator({ seed: 3 });
    const { desired, lock } = await workspace(emu, 1, 1);
    emu.setFaults('429=1,retry_after=1');
    const client = newClient(emu.url, 1000);
    const started = performance.now();
    const pending = readLiveState(client, desired, lock);
    // Lift the fault once the first 429 went out (not after a fixed sleep: on a loaded machine the
    // first request may not have been answered yet). Until then every answer is a 429.
    const server = emu;
    const throttled = async (): Promise<void> => {
      while (!server.requests.some((r) => r.status === 429)) await new Promise((r) => setTimeout(r, 5));
    };
    await throttled();
    emu.setFaults(null);
    await pending;
    const elapsed = performance.now() - started;
    expect(client.stats.rateLimited).toBeGreaterThanOrEqual(1);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    // Loose upper bound: the machine may be loaded; the point is the lower bound.
    expect(elapsed).toBeLessThan(8000);
  });
});

describe('request economy', () => {
  it(`reads a ${LONG ? 1000 : 400}-data-source workspace at --rate-limit 100 with exactly D + K requests and no 429`, async () => {
    const dbs = LONG ? 100 : 40;
    // Seed without a rate limit, then serve the same state at 100 requests/s per token.
    const dir = await mkdtemp(join(tmpdir(), 'ns-economy-'));
    try {
      const seeding = await startEmulator({ stateFile: join(dir, 'state.json') });
      const { desired, lock } = await workspace(seeding, dbs, 10);
      await seeding.close();
      // A one-second bucket (Notion's is a 60 s window): strict, yet immune to scheduling jitter on a loaded machine.
      emu = await startEmulator({ stateFile: join(dir, 'state.json'), rateLimit: 100, burst: 100 });
      await readAtHundred(emu, desired, lock, dbs);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Reads through a client at --rate-limit 100 and checks the emulator's request log: D + K GETs, nothing else. */
async function readAtHundred(server: EmulatorHandle, desired: DesiredState, lock: LockFile, dbs: number): Promise<void> {
  const client = newClient(server.url, 100, { burst: 10 });
  const started = performance.now();
  const { live } = await readLiveState(client, desired, lock);
  const elapsed = performance.now() - started;
  // The client paces itself: after its burst of 10, one request per 10 ms (load can only slow it).
  const n = dbs + dbs * 10;
  expect(elapsed).toBeGreaterThanOrEqual((n - 10) * 10 - 50);
  expect(live.data_sources.size).toBe(dbs * 10);
  expect(server.requests).toHaveLength(dbs + dbs * 10);
  expect(server.requests.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
  expect(client.stats).toEqual({ requests: dbs + dbs * 10, retries: 0, rateLimited: 0 });
}
