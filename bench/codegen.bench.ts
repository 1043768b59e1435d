/**
 * Codegen time for large schemas: 500 data sources × 50 properties (every property type in rotation),
 * plus smaller sizes to show how it scales. Measured in one process; run alone with
 * `npx tsx bench/run.ts codegen`.
 */
import { performance } from 'node:perf_hooks';
import { generateCode } from '../src/codegen/index.js';
import type { DesiredDataSource, DesiredProperty, DesiredState } from '../src/model/desired.js';
import type { PropertyConfig } from '../src/model/property.js';

const OPTIONS = Array.from({ length: 8 }, (_, i) => ({ name: `Option ${i}` }));

function config(i: number, dbKey: string): PropertyConfig {
  const configs: PropertyConfig[] = [
    { type: 'rich_text' }, { type: 'number', format: 'number' }, { type: 'select', options: OPTIONS },
    { type: 'multi_select', options: OPTIONS }, { type: 'status', options: OPTIONS.slice(0, 3) }, { type: 'date' },
    { type: 'people' }, { type: 'files' }, { type: 'checkbox' }, { type: 'url' }, { type: 'email' }, { type: 'phone_number' },
    { type: 'formula', expression: 'prop("P1") * 2' }, { type: 'relation', target: { kind: 'key', key: `${dbKey}.ds` }, dual: null },
    { type: 'rollup', relation: 'P13', property: 'P1', function: 'sum' }, { type: 'unique_id', prefix: 'T' },
    { type: 'created_time' }, { type: 'created_by' }, { type: 'last_edited_time' }, { type: 'last_edited_by' },
    { type: 'place' }, { type: 'button' }, { type: 'verification' },
  ];
  return configs[i % configs.length] ?? { type: 'rich_text' };
}

function schema(dataSources: number, properties: number): DesiredState {
  const databases = Array.from({ length: dataSources }, (_, d) => {
    const key = `db${d}`;
    const props: DesiredProperty[] = [{ name: 'Name', description: null, renamed_from: [], config: { type: 'title' } }];
    for (let p = 1; p < properties; p++) props.push({ name: `P${p}`, description: p % 5 === 0 ? `Property ${p}` : null, renamed_from: [], config: config(p - 1, key) });
    const ds: DesiredDataSource = { key: 'ds', ref: `${key}.ds`, title: `Data source ${d}`, description: null, icon: null, properties: props };
    return { key, title: `Database ${d}`, description: null, icon: null, parent: { type: 'workspace' as const }, is_inline: false, data_sources: [ds] };
  });
  return { file: 'bench.yaml', hash: '0'.repeat(64), databases };
}

async function measure(dataSources: number, properties: number): Promise<{ ms: number; bytes: number; lines: number }> {
  const desired = schema(dataSources, properties);
  const t0 = performance.now();
  const code = await generateCode(desired, { toolVersion: 'bench' });
  const ms = performance.now() - t0;
  return { ms, bytes: Buffer.byteLength(code), lines: code.split('\n').length };
}

export async function run(): Promise<{ title: string; markdown: string }> {
  await measure(50, 50); // warm-up: module loading and JIT
  const rows: string[] = [];
  let big = { ms: 0, bytes: 0, lines: 0 };
  for (const [d, p] of [[50, 50], [500, 10], [500, 50]] as const) {
    const r = await measure(d, p);
    if (d === 500 && p === 50) big = r;
    rows.push(`| ${d} × ${p} | ${(r.ms / 1000).toFixed(2)} s | ${(r.ms / d).toFixed(1)} ms | ${(r.bytes / 1e6).toFixed(1)} MB | ${r.lines.toLocaleString('en-US')} |`);
  }
  return {
    title: 'codegen: 500 data sources × 50 properties',
    markdown: `\`generateCode\` (one JSON Schema per row compiled with json-schema-to-typescript, \`format: false\` so prettier is never called), every property type in rotation.

| data sources × properties | total | per data source | output | lines |
|---|---|---|---|---|
${rows.join('\n')}

The 500 × 50 schema (25,000 properties) generates in ${(big.ms / 1000).toFixed(1)} s, about ${(big.ms / 25000).toFixed(2)} ms per property. One run each after a 50 × 50 warm-up; wall-clock time on a shared machine, so expect noise.`,
  };
}
