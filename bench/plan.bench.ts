/**
 * Benchmark: diff + plan for 1,000 data sources × 100 properties × 20 options.
 * Measured in a child process (so peak RSS belongs to this workload alone):
 * CPU time, wall time, peak RSS, and the plan's request count against a
 * one-request-per-change tool (a Terraform-style provider with one resource per property).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  DesiredDataSource, DesiredProperty, DesiredState, LiveDataSource, LiveProperty, LiveState, OptionSpec, PropertyConfig,
} from '../src/model/index.js';
import { buildPlan } from '../src/plan/index.js';

const DATA_SOURCES = 1000;
const PROPERTIES = 100;
const OPTIONS = 20;
const PER_DB = 10;

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const COLORS = ['gray', 'green', 'red', 'blue', 'yellow'] as const;

function liveConfig(j: number): PropertyConfig {
  switch (j % 5) {
    case 0: return { type: 'select', options: Array.from({ length: OPTIONS }, (_, k): OptionSpec => ({ id: `o${k}`, name: `Option ${k}`, color: COLORS[k % 5] ?? 'gray', description: null })) };
    case 1: return { type: 'number', format: 'number' };
    case 2: return { type: 'formula', expression: `prop("P${j - 1}") * 2` };
    case 3: return { type: 'multi_select', options: Array.from({ length: OPTIONS }, (_, k): OptionSpec => ({ id: `m${k}`, name: `Tag ${k}`, color: COLORS[k % 5] ?? 'gray', description: null })) };
    default: return { type: 'rich_text' };
  }
}
function asDesired(c: PropertyConfig): PropertyConfig {
  if ('options' in c) return { ...c, options: c.options.map((o) => ({ name: o.name, color: o.color })) } as PropertyConfig;
  return c;
}

/** `changes`: per data source, a rename, two additions, an option added, an option removed, a format change and a removal. */
export function workload(changes: boolean, fresh: boolean): { desired: DesiredState; live: LiveState } {
  const dbs: DesiredState['databases'][number][] = [];
  const liveDbs = new Map<string, LiveState['databases'] extends ReadonlyMap<string, infer V> ? V : never>();
  const liveDss = new Map<string, LiveState['data_sources'] extends ReadonlyMap<string, infer V> ? V : never>();
  for (let d = 0; d < DATA_SOURCES / PER_DB; d++) {
    const key = `db${d}`;
    const dss: DesiredDataSource[] = [];
    const ids: { id: string; name: string }[] = [];
    for (let s = 0; s < PER_DB; s++) {
      const n = d * PER_DB + s;
      const ref = `${key}.ds${s}`;
      const liveProps: LiveProperty[] = [{ id: 'title', name: 'Name', description: null, config: { type: 'title' } }];
      const want: DesiredProperty[] = [{ name: 'Name', description: null, renamed_from: [], config: { type: 'title' } }];
      for (let j = 1; j < PROPERTIES; j++) {
        const config = liveConfig(j);
        liveProps.push({ id: `p${j}`, name: `P${j}`, description: null, config });
        let dc = asDesired(config);
        let name = `P${j}`;
        let renamed: string[] = [];
        if (changes) {
          if (j === 5) { name = 'Renamed'; renamed = ['P5']; }
          if (j === 6 && dc.type === 'number') dc = { type: 'number', format: 'euro' };
          if (j === 10 && dc.type === 'select') dc = { ...dc, options: [...dc.options, { name: 'New option', color: 'pink' }] };
          if (j === 13 && dc.type === 'multi_select') dc = { ...dc, options: dc.options.slice(1) };
          if (j === 99) continue; // removed
        }
        want.push({ name, description: null, renamed_from: renamed, config: dc });
      }
      if (changes) {
        want.push({ name: 'Added A', description: 'new', renamed_from: [], config: { type: 'date' } });
        want.push({ name: 'Added B', description: null, renamed_from: [], config: { type: 'formula', expression: 'prop("Added A")' } });
      }
      dss.push({ key: `ds${s}`, ref, title: `DS ${n}`, description: null, icon: null, properties: want });
      ids.push({ id: uuid(1_000_000 + n), name: `DS ${n}` });
      if (!fresh) {
        const lds: LiveDataSource = { id: uuid(1_000_000 + n), database_id: uuid(d), title: `DS ${n}`, description: null, icon: null, in_trash: false, properties: liveProps, fingerprint: `f${n}` };
        liveDss.set(ref, { source: 'lock', live: lds });
      }
    }
    dbs.push({ key, title: `DB ${d}`, description: null, icon: null, parent: { type: 'workspace' }, is_inline: false, data_sources: dss });
    if (!fresh) liveDbs.set(key, { source: 'lock', live: { id: uuid(d), title: `DB ${d}`, description: null, icon: null, parent: { type: 'workspace' }, is_inline: false, in_trash: false, data_source_ids: ids, fingerprint: `d${d}` } });
  }
  return { desired: { file: 'bench.yaml', hash: '0'.repeat(64), databases: dbs }, live: { databases: liveDbs, data_sources: liveDss, external: new Map() } };
}

interface Measure { readonly label: string; readonly cpuMs: number; readonly wallMs: number; readonly baseRssMb: number; readonly peakRssMb: number; readonly steps: number; readonly requests: number; readonly perChange: number }

function measure(label: string, changes: boolean, fresh: boolean): Measure {
  const { desired, live } = workload(changes, fresh);
  const baseRss = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { plan } = buildPlan({ desired, live, toolVersion: 'bench', notionVersion: '2025-09-03', target: 'local' });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const peak = process.resourceUsage().maxRSS * 1024;
  return {
    label, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, baseRssMb: baseRss / 2 ** 20, peakRssMb: peak / 2 ** 20,
    steps: plan.steps.length, requests: plan.requests.length, perChange: plan.steps.filter((s) => s.kind !== 'manual').length,
  };
}

if (process.env['PLAN_BENCH_CHILD']) {
  const [changes, fresh] = (process.env['PLAN_BENCH_CHILD'] ?? '').split(',').map((x) => x === '1');
  process.stdout.write(JSON.stringify(measure(process.env['PLAN_BENCH_LABEL'] ?? '', changes ?? false, fresh ?? false)));
}

export async function run(): Promise<{ title: string; markdown: string }> {
  const self = fileURLToPath(import.meta.url);
  const cases: [string, string][] = [
    ['no changes (live matches)', '0,0'],
    ['7 changes per data source (rename, 2 adds incl. a dependent formula, option add, option removal, format, removal)', '1,0'],
    ['new workspace (everything created)', '0,1'],
  ];
  const rows: Measure[] = [];
  for (const [label, mode] of cases) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self], { env: { ...process.env, PLAN_BENCH_CHILD: mode, PLAN_BENCH_LABEL: label }, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`plan bench child failed: ${r.stderr}`);
    rows.push(JSON.parse(r.stdout) as Measure);
  }
  const f = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const table = [
    '| workload | CPU time | wall time | RSS before | peak RSS | steps | plan requests | one-request-per-change requests | ratio |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((m) => `| ${m.label} | ${f(m.cpuMs)} ms | ${f(m.wallMs)} ms | ${f(m.baseRssMb)} MB | ${f(m.peakRssMb)} MB | ${f(m.steps)} | ${f(m.requests)} | ${f(m.perChange)} | ${m.requests === 0 ? '–' : `${(m.perChange / m.requests).toFixed(1)}×`} |`),
  ].join('\n');
  return {
    title: 'Diff + plan: 1,000 data sources × 100 properties × 20 options',
    markdown: `${DATA_SOURCES.toLocaleString('en-US')} data sources in ${DATA_SOURCES / PER_DB} databases, ${PROPERTIES} properties each (a fifth of them selects and a fifth multi-selects with ${OPTIONS} options, a fifth formulas).
Each workload runs \`buildPlan\` (diff included) once in a fresh child process; CPU time is user + system time of that call, peak RSS is the child's maximum resident set (inputs included; "RSS before" is after building the inputs).
"One-request-per-change" counts what a Terraform-style provider with one resource per property would send: one request per step.

${table}

The plan batches every change of a data source into one PATCH (a second one only when a formula depends on a property added in the same plan), and a new data source's independent properties into its create request.`,
  };
}
