/**
 * End-to-end scale through the real CLI (bin/notion-schema.cjs, compiled dist/, loader included):
 * `validate`, `plan` (against a live emulator workspace that differs in 5 %) and `codegen` at
 * 100, 300 and 1,000 data sources of gen-scale shape (bench/gen-scale.ts); CPU (user + sys of
 * the child), peak RSS, and cost(1000) ÷ cost(100) (10.0 is linear). Also: a bare js-yaml `load`
 * of the same file, the cold start against `node -e 0`, and seeding 1,000 data sources into the
 * emulator through @notionhq/client (emulator CPU ÷ client CPU). Each command runs ROUNDS times
 * per size, interleaved, and the medians are shown (the machine is shared and its speed drifts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@notionhq/client';
import { generateScale } from './gen-scale.js';
import { BIN, measure, procCpu, REPO, startEmulatorChild, type Measured } from './cli-measure.js';
import { phases } from './cpu-phases.js';
import type { BenchSection } from './run.js';

const TOKEN = 'bench-token';
/** `CLI_SCALE_SIZES=20,60` tries the bench quickly; the ratio is last ÷ first. */
const SIZES: readonly number[] = process.env['CLI_SCALE_SIZES']?.split(',').map(Number) ?? [100, 300, 1000];
const SEED = Number(process.env['CLI_SCALE_SEED'] ?? 1000);
/** Runs of each measured command per size, interleaved (the machine's speed drifts): the table shows medians. */
const ROUNDS = Math.max(1, Number(process.env['CLI_SCALE_ROUNDS'] ?? 3));

/** The schema with one more property on every 20th data source (5 % of them differ from the live workspace). */
function changed(yaml: string): string {
  let i = 0;
  return yaml.replace(/^ {10}Name: \{ type: title \}\n/gm, (m) => (i++ % 20 === 0 ? `${m}          Added: { type: rich_text }\n` : m));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The run of median CPU, with the median peak RSS of the runs. */
function medianRun(runs: readonly Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.cpu - b.cpu);
  const mid = sorted[Math.floor(sorted.length / 2)] as Measured;
  return { ...mid, rssMb: median(runs.map((r) => r.rssMb)) };
}

/** Seeds `n` data sources (5 per database, 100 properties with 20-option selects) through the SDK; CPU of both sides. */
async function seedThroughSdk(n: number): Promise<{ client: number; emulator: number; wall: number }> {
  const emu = await startEmulatorChild(join(mkdtempSync(join(tmpdir(), 'bench-seed-')), 'state.json'), TOKEN);
  try {
    const client = new Client({ auth: TOKEN, baseUrl: emu.url, logLevel: 'error' as never });
    const props: Record<string, unknown> = { Name: { title: {} } };
    for (let j = 0; j < 99; j++) {
      const options = Array.from({ length: 20 }, (_, k) => ({ name: `Option ${k}`, color: 'blue' }));
      props[`P${j}`] = j % 16 === 0 ? { select: { options } } : j % 8 === 0 ? { multi_select: { options } } : j % 2 ? { number: { format: 'dollar' } } : { rich_text: {} };
    }
    const e0 = procCpu(emu.pid);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let d = 0; d * 5 < n; d++) {
      const db = await client.databases.create({
        parent: { type: 'page_id', page_id: emu.root }, title: [{ text: { content: `Seed ${d}` } }],
        initial_data_source: { properties: props },
      } as never) as unknown as { id: string };
      for (let s = 1; s < 5 && d * 5 + s < n; s++) {
        await client.dataSources.create({ parent: { type: 'database_id', database_id: db.id }, title: [{ text: { content: `S ${d}.${s}` } }], properties: props } as never);
      }
    }
    const c = process.cpuUsage(c0);
    return { client: (c.user + c.system) / 1e6, emulator: procCpu(emu.pid) - e0, wall: (performance.now() - t0) / 1000 };
  } finally {
    await emu.stop();
  }
}

interface SizeResult {
  readonly validate: Measured; readonly plan: Measured; readonly planOut: Measured; readonly codegen: Measured; readonly jsyaml: Measured; readonly apply: Measured; readonly mb: number;
  /** Where plan's CPU went (a second, profiled run). */
  readonly breakdown: string;
}

/** Phases of `plan`, by the functions that run them (bench/cpu-phases.ts). */
const PLAN_PHASES: readonly (readonly [string, string])[] = [
  ['loadSchemaFile', 'schema file (all of config/)'], ['readYaml', '· YAML read with positions'], ['checkStructure', '· JSON Schema'],
  ['checkSemantics', '· semantic rules'], ['normalize', '· desired state'],
  ['readLockFile', 'lock file'], ['attemptOnce', 'HTTP requests (undici, JSON.parse of responses)'],
  ['normalizeDataSourceDetailed', 'live data sources normalised'],
  ['buildPlan', 'diff and plan'], ['(garbage collector)', 'garbage collector'],
];

function planBreakdown(dir: string): string {
  const { total, ms } = phases(dir, PLAN_PHASES.map(([f]) => f));
  const rows = PLAN_PHASES.map(([f, what]) => `| ${what} | \`${f}\` | ${((ms.get(f) ?? 0) / 1000).toFixed(2)} | ${Math.round(((ms.get(f) ?? 0) / total) * 100)} % |`);
  return `| phase | function | CPU s | share |\n|---|---|---:|---:|\n${rows.join('\n')}\n| profile total (main thread) | | ${(total / 1000).toFixed(2)} | 100 % |`;
}

async function atSize(n: number, url: string, root: string, base: string): Promise<SizeResult> {
  const dir = join(base, `n${n}`);
  mkdirSync(dir, { recursive: true });
  // Data source descriptions cannot be set through the API (manual steps): left out, so the workspace matches.
  const yaml = generateScale(n, { parent: root }).replace(/^ {8}description: Generated data source .*\n/gm, '');
  const file = join(dir, 'notion.schema.yaml');
  writeFileSync(file, yaml);
  const env = { NOTION_TOKEN: TOKEN };
  const api = ['--api-url', url, '--rate-limit', '100000'];
  // The live workspace: this schema applied through the CLI (which writes the lock file).
  const apply = measure(process.execPath, [BIN, ...api, 'apply', '--yes'], dir, env);
  if (apply.code !== 0) throw new Error(`apply at ${n} failed: ${apply.stderr.slice(-2000)}`);
  writeFileSync(file, changed(yaml));
  const runs = { validate: [] as Measured[], plan: [] as Measured[], planOut: [] as Measured[], codegen: [] as Measured[], jsyaml: [] as Measured[] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.validate.push(measure(process.execPath, [BIN, 'validate'], dir));
    const plan = measure(process.execPath, [BIN, ...api, 'plan', '--detailed-exitcode'], dir, env);
    if (plan.code !== 2) throw new Error(`plan at ${n}: exit ${plan.code}: ${plan.stderr.slice(-2000)}`);
    runs.plan.push(plan);
    // A saved plan also fingerprints every live data source (its staleness basis) and identifies the workspace.
    const planOut = measure(process.execPath, [BIN, ...api, 'plan', '--detailed-exitcode', '--out', 'plan.json'], dir, env);
    if (planOut.code !== 2) throw new Error(`plan --out at ${n}: exit ${planOut.code}: ${planOut.stderr.slice(-2000)}`);
    runs.planOut.push(planOut);
    runs.codegen.push(measure(process.execPath, [BIN, 'codegen', '--out', 'types.ts'], dir));
    runs.jsyaml.push(measure(process.execPath, ['-e', `require('js-yaml').load(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], REPO));
  }
  const profDir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
  measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, BIN, ...api, 'plan', '--detailed-exitcode'], dir, env);
  const breakdown = planBreakdown(profDir);
  return {
    validate: medianRun(runs.validate), plan: medianRun(runs.plan), planOut: medianRun(runs.planOut), codegen: medianRun(runs.codegen),
    jsyaml: medianRun(runs.jsyaml), apply, mb: Buffer.byteLength(yaml) / 1048576, breakdown,
  };
}

export async function run(): Promise<BenchSection> {
  const base = mkdtempSync(join(tmpdir(), 'bench-cli-scale-'));
  const emu = await startEmulatorChild(join(base, 'workspace.json'), TOKEN);
  const results = new Map<number, SizeResult>();
  try {
    for (const n of SIZES) results.set(n, await atSize(n, emu.url, emu.root, base));
  } finally {
    await emu.stop();
  }
  // /usr/bin/time reports CPU to 10 ms: time 10 runs in one shell (children's CPU summed exactly), 3 times, median.
  const ten = (args: string): number => measure('sh', ['-c', `for i in 1 2 3 4 5 6 7 8 9 10; do "${process.execPath}" ${args} >/dev/null; done`], REPO).cpu / 10;
  const cold = Array.from({ length: 3 }, () => ten(`"${BIN}" validate examples/notion.schema.yaml`));
  const bare = Array.from({ length: 3 }, () => ten('-e 0'));
  const seed = await seedThroughSdk(SEED);
  const f = (x: number, d = 2): string => x.toFixed(d);
  const rows = SIZES.map((n) => {
    const r = results.get(n) as SizeResult;
    return `| ${n} | ${f(r.mb, 1)} | ${f(r.validate.cpu)} / ${Math.round(r.validate.rssMb)} | ${f(r.plan.cpu)} / ${Math.round(r.plan.rssMb)} | ${f(r.planOut.cpu)} / ${Math.round(r.planOut.rssMb)} | ${f(r.codegen.cpu)} / ${Math.round(r.codegen.rssMb)} | ${f(r.jsyaml.cpu)} | ${f(r.validate.cpu / r.jsyaml.cpu, 1)} | ${f(r.apply.cpu, 1)} |`;
  });
  const one = results.get(SIZES[0] ?? 100) as SizeResult;
  const big = results.get(SIZES.at(-1) ?? 1000) as SizeResult;
  const ratio = (k: 'validate' | 'plan' | 'codegen'): string => f(big[k].cpu / one[k].cpu, 1);
  return {
    title: 'CLI at scale (end to end)',
    markdown: `The real CLI (\`bin/notion-schema.cjs\`, running the built \`dist/bundle/\`) in a child process under \`/usr/bin/time\`: CPU is user + sys of the child, peak RSS its maximum resident set; everything is included (Node start, module loading, reading and checking the YAML). Files of gen-scale shape (\`bench/gen-scale.ts\`: 5 data sources per database, 100 properties, 20-option selects, relations, rollups, formulas; without the data source descriptions, which the API cannot set). \`plan\` runs against an emulator in another process (its CPU is not counted) holding the schema applied by the CLI, with 5 % of the data sources changed (one added property each), so the plan has work to do. \`plan --out\` writes the plan file too, which also fingerprints every live data source (the saved plan's staleness basis) and reads the token's workspace; a plan that is only shown needs neither. Each command ran ${ROUNDS} times per size on a shared 2-core machine whose speed drifts, in rounds (validate, plan, plan --out, codegen, js-yaml, then again), so that a slow spell slows all of them: the table shows each command's median CPU and median peak RSS.

| data sources | file MB | validate CPU s / peak MB | plan CPU s / peak MB | plan --out CPU s / peak MB | codegen CPU s / peak MB | bare js-yaml \`load\` CPU s | validate ÷ js-yaml | apply (seeding, CPU s) |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Cost at ${SIZES.at(-1)} ÷ cost at ${SIZES[0]} (CPU; 10.0 is linear, the target at most 11): validate ${ratio('validate')}, plan ${ratio('plan')}, codegen ${ratio('codegen')}. Targets at 1,000: validate within 3× a bare js-yaml \`load\` and under 600 MB; plan under 2.5 s CPU and 800 MB.

Where \`plan\` at ${SIZES.at(-1)} data sources spends its CPU (a second run under \`--cpu-prof\`; inclusive time of the functions that run each phase, \`·\` rows are part of the row above):

${big.breakdown}

Cold start (CPU per run: 10 runs timed together, median of 3; PATH and HOME only, as in Start-up): \`validate examples/notion.schema.yaml\` ${f(median(cold), 3)} s, \`node -e 0\` ${f(median(bare), 3)} s: ${f(median(cold) / median(bare), 1)}× (target at most 3×).

Seeding ${SEED} data sources (${Math.ceil(SEED / 5)} databases, 100 properties each) into the emulator (another process, with a state file) through \`@notionhq/client\`: emulator ${f(seed.emulator, 1)} s CPU, client ${f(seed.client, 1)} s CPU: ${f(seed.emulator / seed.client, 2)}× (target at most 2×); ${f(seed.wall, 1)} s wall.
`,
  };
}
