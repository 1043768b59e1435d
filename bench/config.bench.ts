/**
 * Benchmark: `parseSchemaText` (YAML parse + JSON Schema + semantic rules + normalisation)
 * on generated schema files of growing size, plus the showcase example (the file limit is 64 MB;
 * bench/cli-scale.bench.ts measures the whole CLI at up to 1,000 data sources).
 * Reports CPU time (median of several runs; CPU rather than wall time, so a loaded machine skews it less) and throughput, and whether cost grows linearly.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_FILE_BYTES, parseSchemaText } from '../src/config/index.js';

const PROPS = 30;

function generate(dataSources: number): string {
  const out = ['databases:\n'];
  const perDb = 5;
  for (let d = 0; d < dataSources / perDb; d++) {
    out.push(`  db${d}:\n    title: Database ${d}\n    parent: { page_id: 5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70 }\n    data_sources:\n`);
    for (let s = 0; s < perDb; s++) {
      out.push(`      ds${s}:\n        title: Source ${s}\n        properties:\n          Name: { type: title }\n`);
      out.push(`          Link: { type: relation, data_source: db${d}.ds${(s + 1) % perDb} }\n`);
      out.push('          Total: { type: rollup, relation: Link, property: P2, function: sum }\n');
      for (let j = 0; j < PROPS; j++) {
        switch (j % 4) {
          case 0: out.push(`          P${j}:\n            type: select\n            options:\n${Array.from({ length: 10 }, (_, k) => `              - { name: Option ${k}, color: gray }\n`).join('')}`); break;
          case 1: out.push(`          P${j}: { type: formula, expression: 'prop("P${j - 1}") + prop("Name")' }\n`); break;
          case 2: out.push(`          P${j}: { type: number, format: dollar, description: Amount ${j} }\n`); break;
          default: out.push(`          P${j}: { type: rich_text, renamed_from: [Old ${j}] }\n`);
        }
      }
    }
  }
  return out.join('');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function measure(text: string, runs: number): { ms: number; props: number } {
  const times: number[] = [];
  let props = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const r = parseSchemaText(text, 'bench.yaml');
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
    if (r.desired === null) throw new Error(`bench input invalid: ${JSON.stringify(r.diagnostics.slice(0, 3))}`);
    props = r.desired.databases.flatMap((d) => d.data_sources).reduce((n, ds) => n + ds.properties.length, 0);
  }
  return { ms: median(times), props };
}

export async function run(): Promise<{ title: string; markdown: string }> {
  const example = readFileSync(fileURLToPath(new URL('../examples/notion.schema.yaml', import.meta.url)), 'utf8');
  measure(example, 3); // warm-up (ajv compile, JIT)
  const rows: string[] = [];
  const ex = measure(example, 9);
  rows.push(`| examples/notion.schema.yaml | ${(example.length / 1024).toFixed(1)} KB | ${ex.props} | ${ex.ms.toFixed(1)} ms | ${(example.length / 1024 / ex.ms * 1000 / 1024).toFixed(2)} MB/s |`);
  const perKb: number[] = [];
  for (const n of [40, 120, 360]) {
    const text = generate(n);
    const m = measure(text, 3);
    perKb.push(m.ms / (text.length / 1024));
    rows.push(`| ${n} data sources × ${PROPS + 3} properties | ${(text.length / 1024).toFixed(0)} KB | ${m.props} | ${m.ms.toFixed(0)} ms | ${(text.length / 1024 / m.ms * 1000 / 1024).toFixed(2)} MB/s |`);
  }
  const growth = (perKb[perKb.length - 1] ?? 0) / (perKb[0] ?? 1);
  return {
    title: 'Schema file loading (validate)',
    markdown: `Time for \`parseSchemaText\`: YAML parse with positions, \${VAR} expansion, JSON Schema (ajv), semantic rules, normalisation. CPU time (user + system), median of 3–9 runs, in-process, after warm-up.

| input | size | properties | CPU time | throughput |
|---|---|---|---|---|
${rows.join('\n')}

Cost per KB at the largest size is ${growth.toFixed(2)}× the cost per KB at the smallest (1.00 = perfectly linear). Files over ${MAX_FILE_BYTES / 1048576} MB are refused unread (each file of a schema directory).`,
  };
}
