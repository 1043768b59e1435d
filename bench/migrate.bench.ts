/**
 * Data-migration benchmarks (docs/benchmarks.md, docs/migrations.md): pages rewritten per second
 * against the client's rate limit, and requests per page (goal: 1 write per page plus one query
 * per 100 pages). An option rename on a multi-select over N pages, against the in-process emulator.
 * Env: BENCH_MIGRATE_PAGES (default 600), BENCH_MIGRATE_RATES (default "25,50").
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { startEmulator, type EmulatorHandle } from '../src/emulator/index.js';
import { countMigration, PAGE_WRITE_CONCURRENCY, runMigration, type OptionMigrationSpec } from '../src/migrate/index.js';
import { createNotionClient } from '../src/notion/client.js';
import type { NotionClient, NotionRequest } from '../src/notion/types.js';
import type { BenchSection } from './run.js';

const PAGES = Number(process.env['BENCH_MIGRATE_PAGES'] ?? 600);
const RATES = (process.env['BENCH_MIGRATE_RATES'] ?? '25,50').split(',').map(Number);
const CONCURRENCY = Number(process.env['BENCH_MIGRATE_CONCURRENCY'] ?? PAGE_WRITE_CONCURRENCY);

async function seed(client: NotionClient, emu: EmulatorHandle, title: string): Promise<{ dsId: string; propId: string }> {
  const db = await client.request<{ data_sources: { id: string }[] }>({
    method: 'POST', path: '/v1/databases',
    body: {
      parent: { type: 'page_id', page_id: emu.rootPageId }, title: [{ type: 'text', text: { content: title } }],
      initial_data_source: { properties: { Name: { title: {} }, Tags: { multi_select: { options: [{ name: 'Keep' }, { name: 'Old' }] } } } },
    },
  });
  const dsId = db.data_sources[0]!.id;
  const limit = pLimit(16);
  await Promise.all(Array.from({ length: PAGES }, (_, i) => limit(() => client.request({
    method: 'POST', path: '/v1/pages',
    body: { parent: { data_source_id: dsId }, properties: { Name: { title: [{ type: 'text', text: { content: `P${i}` } }] }, Tags: { multi_select: [{ name: 'Keep' }, { name: 'Old' }] } } },
  }))));
  const ds = await client.request<{ properties: Record<string, { id: string }> }>({ method: 'GET', path: `/v1/data_sources/${dsId}` });
  return { dsId, propId: ds.properties['Tags']!.id };
}

interface Row { rate: number; pages: number; requests: number; writes: number; queries: number; planned: number; seconds: number; rewriteSeconds: number }

async function measure(emu: EmulatorHandle, fast: NotionClient, rate: number): Promise<Row> {
  const { dsId, propId } = await seed(fast, emu, `Migrate bench ${rate}`);
  const spec: OptionMigrationSpec = { kind: 'option', dataSourceId: dsId, propertyId: propId, propertyType: 'multi_select', from: 'Old', to: { name: 'New' } };
  const inner = createNotionClient({ baseUrl: emu.url, token: 'bench', rateLimit: rate, burst: 1 });
  const sent: NotionRequest[] = [];
  const client: NotionClient = { ...inner, get stats() { return inner.stats; }, request: <T>(r: NotionRequest) => { sent.push(r); return inner.request<T>(r); } };
  const planned = (await countMigration(inner, spec, { rate })).requests;
  const stateDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ns-bench-')), '.notion-schema');
  let first = 0;
  let last = 0;
  const t0 = performance.now();
  const result = await runMigration(client, spec, {
    stateDir, concurrency: CONCURRENCY,
    onEvent: (e) => {
      if (e.type !== 'progress') return;
      if (first === 0) first = performance.now();
      last = performance.now();
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  await inner.close();
  return {
    rate, pages: result.writes, requests: sent.length, writes: sent.filter((r) => r.method === 'PATCH' && r.path.startsWith('/v1/pages/')).length,
    queries: sent.filter((r) => r.path.endsWith('/query')).length, planned, seconds, rewriteSeconds: (last - first) / 1000,
  };
}

export async function run(): Promise<BenchSection> {
  const emu = await startEmulator({});
  const fast = createNotionClient({ baseUrl: emu.url, token: 'bench', rateLimit: 1000, burst: 1000 });
  const rows: Row[] = [];
  try {
    for (const rate of RATES) rows.push(await measure(emu, fast, rate));
  } finally {
    await fast.close();
    await emu.close();
  }
  const f = (n: number, d = 2): string => n.toFixed(d);
  const table = rows.map((r) => {
    const pps = r.pages / r.seconds;
    // Pages in the rewrite phase, between the first and the last page write answered (the first one is not timed).
    const steady = r.rewriteSeconds > 0 ? (r.pages - 1) / r.rewriteSeconds : pps;
    return `| ${r.rate} r/s | ${r.pages} | ${f(pps, 1)} p/s (${f(pps / r.rate)}) | ${f(steady, 1)} p/s (${f(steady / r.rate)}) | ${f(r.requests / r.pages, 3)} | ${f(r.writes / r.pages)} | ${f((r.queries / r.pages) * 100)} | ${r.requests} / ${r.planned} |`;
  });
  return {
    title: 'data migrations: pages rewritten per second, requests per page',
    markdown: `An option rename on a multi-select held by every one of ${PAGES} pages (\`runMigration\`, concurrency ${CONCURRENCY}), through one client at
the rate limit shown (burst 1), against the in-process emulator. *whole run* = pages ÷ wall time of the whole migration (schema
reads and writes, queries and the verification query included); *rewrite phase* = pages ÷ time between the first and the last page
write. The ratio in brackets is against the rate limit (goal ≥ 0.9 for the rewrite phase). Requests per page: goal 1 write per page
plus one query per 100 pages; *requests / planned* compares the run with the plan-time count.

| rate limit | pages | whole run | rewrite phase | requests per page | writes per page | queries per 100 pages | requests / planned |
|---|---|---|---|---|---|---|---|
${table.join('\n')}

Queries: one per 100 pages to find the pages (pagination), then one verification query that finds none left; schema requests:
one read at the start, add option, read + remove option at the end. A recolour writes every page twice (two passes).`,
  };
}
