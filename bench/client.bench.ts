/**
 * Client benchmark: how close the achieved request rate comes to the configured limit
 * (goal ≥ 0.9) while reading a workspace's live state, against an emulator that enforces
 * the same limit per token, and how many 429s that costs (goal: none).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSection } from './run.js';
import { startEmulator } from '../src/emulator/index.js';
import { createNotionClient } from '../src/notion/client.js';
import { EMPTY_LOCK, setDatabaseId, setDataSourceId } from '../src/notion/lock-file.js';
import { readLiveState } from '../src/notion/read-live-state.js';
import type { LockFile } from '../src/model/lock.js';
import { desiredState, seed } from '../test/notion/helpers/workspace.js';

interface Scenario {
  readonly rate: number;
  readonly dbs: number;
  readonly perDb: number;
  readonly faults?: string;
}

const SCENARIOS: readonly Scenario[] = [
  { rate: 3, dbs: 3, perDb: 7 },
  { rate: 10, dbs: 8, perDb: 9 },
  { rate: 50, dbs: 25, perDb: 11 },
  { rate: 100, dbs: 40, perDb: 10 },
  { rate: 100, dbs: 20, perDb: 10, faults: '429=0.02,503=0.02,reset=0.01' },
];

async function runScenario(s: Scenario, stateFile: string): Promise<string> {
  // Seed without a rate limit, then serve the same state with the configured limit enforced.
  const seeding = await startEmulator({ stateFile });
  const seeder = createNotionClient({ baseUrl: seeding.url, token: 'seed-token', rateLimit: 100_000 });
  const rootPageId = seeding.rootPageId;
  const made = await seed(seeder, Array.from({ length: s.dbs }, (_, i) => ({
    title: `DB ${i}`, parentPageId: rootPageId,
    dataSources: Array.from({ length: s.perDb }, (_, j) => ({ title: `DS ${i}.${j}`, properties: { Amount: { number: { format: 'dollar' } } } })),
  })));
  await seeder.close();
  await seeding.close();
  const burst = Math.max(1, Math.min(s.rate, 10));
  // A strict server: the configured rate with a bucket of twice the client's burst
  // (Notion's own window is 60 s, far more lenient).
  const emu = await startEmulator({ stateFile, rateLimit: s.rate, burst: burst * 2, seed: 11 });
  try {
    let lock: LockFile = EMPTY_LOCK;
    made.forEach((m, i) => {
      lock = setDatabaseId(lock, `db${i}`, m.id);
      m.dataSourceIds.forEach((ds, j) => (lock = setDataSourceId(lock, `db${i}`, `ds${j}`, ds)));
    });
    const desired = desiredState(made.map((_, i) => ({
      key: `db${i}`, title: `DB ${i}`, parent: { type: 'page_id' as const, page_id: rootPageId },
      dataSources: Array.from({ length: s.perDb }, (_, j) => ({ key: `ds${j}`, title: `DS ${i}.${j}` })),
    })));
    if (s.faults) emu.setFaults(s.faults);
    emu.clearRequests();
    const client = createNotionClient({ baseUrl: emu.url, token: 'bench-token', rateLimit: s.rate });
    const started = performance.now();
    await readLiveState(client, desired, lock);
    const elapsed = (performance.now() - started) / 1000;
    await client.close();
    const minimum = s.dbs + s.dbs * s.perDb;
    const sent = emu.requests.length;
    const r429 = emu.requests.filter((r) => r.status === 429).length;
    // Steady-state rate: the initial burst is free, so it does not count towards the rate.
    const achieved = (sent - burst) / elapsed;
    const ratio = achieved / s.rate;
    return `| ${s.rate} | ${s.faults ?? '—'} | ${minimum} | ${sent} | ${elapsed.toFixed(2)} | ${achieved.toFixed(2)} | **${ratio.toFixed(3)}** | ${r429} |`;
  } finally {
    await emu.close();
  }
}

export async function run(): Promise<BenchSection> {
  const rows: string[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'ns-bench-client-'));
  try {
    for (const [i, s] of SCENARIOS.entries()) rows.push(await runScenario(s, join(dir, `state-${i}.json`)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    title: 'Notion client: achieved request rate vs the configured limit',
    markdown: `
\`readLiveState\` over a lock-bound workspace (D databases × K data sources), through one client at
\`--rate-limit R\`, against an emulator enforcing R requests/s per token with a bucket of only twice the client's burst.
*ratio* = steady-state achieved rate ÷ R, where the steady-state rate is (requests sent − the client's initial burst) ÷ wall time;
the goal is ≥ 0.9 with no 429 storm. *minimum* is D + K GETs; *sent* counts every HTTP request, retries included
(the last row injects 2% 429, 2% 503 and 1% resets: each injected 429 says \`Retry-After: 1\` and pauses the
whole client for that second, as it must, so that row's ratio measures the cost of honouring Retry-After, not the limiter).

| R (req/s) | faults | minimum | sent | seconds | achieved (req/s) | ratio | 429s |
|---:|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`,
  };
}
