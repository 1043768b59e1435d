/**
 * Emulator throughput: requests per second through @notionhq/client, in memory and with a
 * state file, for a growing data source; and the cold start of the embedded local workspace.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@notionhq/client';
import { openLocalWorkspace, startEmulator } from '../src/emulator/index.js';
import type { BenchSection } from './run.js';

async function workload(stateFile: string | undefined, total: number, concurrency: number): Promise<{ rps: number; ms: number; server: number }> {
  const emu = await startEmulator(stateFile === undefined ? {} : { stateFile });
  const client = new Client({ auth: 'bench', baseUrl: emu.url, logLevel: 'error' as never });
  const db = await client.databases.create({
    parent: { type: 'page_id', page_id: emu.rootPageId }, title: [{ text: { content: 'Bench' } }],
    initial_data_source: { properties: { Name: { title: {} }, N: { number: {} }, S: { select: { options: [{ name: 'a' }] } } } },
  } as never) as unknown as { data_sources: { id: string }[] };
  const dsId = db.data_sources[0]!.id;
  const ids: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      if (i % 2 === 0 || ids.length === 0) {
        const p = await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: [{ text: { content: `r${i}` } }] }, N: { number: i } } } as never);
        ids.push(p.id);
      } else if (i % 4 === 1) {
        await client.pages.update({ page_id: ids[i % ids.length]!, properties: { S: { select: { name: 'a' } } } } as never);
      } else {
        await client.dataSources.query({ data_source_id: dsId, page_size: 10, filter: { property: 'N', number: { is_not_empty: true } } } as never);
      }
    }
  }));
  const ms = performance.now() - started;
  const server = emu.requests.slice(1).reduce((a, r) => a + r.ms, 0) / total;
  await emu.close();
  return { rps: Math.round((total / ms) * 1000), ms: Math.round(ms), server };
}

export async function run(): Promise<BenchSection> {
  const rows: string[] = [];
  for (const [label, file] of [['in memory', undefined], ['state file', join(mkdtempSync(join(tmpdir(), 'emu-bench-')), 's.json')]] as const) {
    for (const conc of [1, 8]) {
      const r = await workload(file, 2000, conc);
      rows.push(`| ${label} | ${conc} | 2000 | ${r.ms} | ${r.rps} | ${r.server.toFixed(2)} |`);
    }
  }
  const starts: number[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'emu-bench-ws-'));
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const ws = await openLocalWorkspace({ stateFile: join(dir, 'ws.json') });
    starts.push(performance.now() - t);
    await ws.close();
  }
  const first = starts[0]!;
  starts.sort((a, b) => a - b);
  return {
    title: 'Emulator',
    markdown: `Mixed workload through \`@notionhq/client\` (half page creates, a quarter page updates, a quarter filtered queries) on one data source that grows to 1,000 rows. Wall-clock throughput includes the SDK and the HTTP client in the same process, so it depends heavily on machine load; the server-side column is the emulator's own time.

| persistence | concurrency | requests | wall ms | requests/s | mean server-side ms per request (incl. durable write) |
|---|---|---|---|---|---|
${rows.join('\n')}

Embedded local workspace start (\`openLocalWorkspace\`, in process): ${first.toFixed(1)} ms creating a fresh state file, then a median of ${starts[2]!.toFixed(1)} ms over 5 starts (target < 200 ms).
`,
  };
}
