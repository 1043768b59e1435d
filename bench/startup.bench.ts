/**
 * Start-up through the real CLI (issue 17): the first `npx notion-schema --help` after `npm ci` in a
 * fresh clone of this repository (nothing cached by an earlier run), then warm runs of `--help`
 * and `validate` on the example, and `plan` of it against the embedded workspace (the README's main
 * job), each against `node -e 0` measured in the same run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from './run.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

interface Cost { wall: number; cpu: number }

/**
 * Wall-clock and CPU (user + system, of the process and its children, through GNU time)
 * milliseconds of one run of `cmd args` in `cwd`; output discarded; a failure throws.
 */
function timed(cmd: string, args: readonly string[], cwd: string, clean = false): Cost {
  const started = performance.now();
  const env = clean ? CLEAN_ENV : { ...process.env, NOTION_TOKEN: '' };
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { cwd, env, encoding: 'utf8' });
  const wall = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  const [u, sys] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: ((u ?? NaN) + (sys ?? NaN)) * 1000 };
}

/**
 * PATH and HOME only: what a user's shell typically gives node. This machine's environment sets
 * NODE_EXTRA_CA_CERTS, which makes every node process read a CA bundle at start (about 50 ms of
 * CPU, three times `node -e 0` itself): kept, the ratios to `node -e 0` would look better than they are.
 */
const CLEAN_ENV = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const repeat = (n: number, f: () => Cost): Cost => {
  const runs = Array.from({ length: n }, f);
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
};

export async function run(): Promise<BenchSection> {
  const clone = mkdtempSync(join(tmpdir(), 'ns-startup-'));
  try {
    execFileSync('git', ['clone', '-q', repo, clone]);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, stdio: 'ignore' });
    const firstNpx = timed('npx', ['notion-schema', '--help'], clone);
    const node0 = repeat(5, () => timed(process.execPath, ['-e', '0'], clone, true));
    const npx = repeat(5, () => timed('npx', ['notion-schema', '--help'], clone));
    const help = repeat(5, () => timed(process.execPath, ['bin/notion-schema.cjs', '--help'], clone, true));
    const validate = repeat(5, () => timed(process.execPath, ['bin/notion-schema.cjs', 'validate', 'examples/notion.schema.yaml'], clone, true));
    // The README's main job: plan the example against the embedded workspace (no token).
    const plan = repeat(5, () => timed(process.execPath, ['bin/notion-schema.cjs', 'plan', 'examples/notion.schema.yaml'], clone, true));
    const row = (what: string, c: Cost): string =>
      `| ${what} | ${Math.round(c.wall)} ms | ${(c.wall / node0.wall).toFixed(1)}× | ${Math.round(c.cpu)} ms | ${(c.cpu / node0.cpu).toFixed(1)}× |`;
    const markdown = `Wall-clock time through the real bin in a fresh clone (\`git clone\` + \`npm ci\`, nothing reused
from the working copy); warm rows are the median of 5. Target: the first \`npx notion-schema --help\`
under 2 s. The top-level help registers each command from a one-line summary and loads no command
module; \`validate\` never loads the HTTP client, the emulator or the planner. The bin runs the CLI as one
CommonJS bundle with V8's code cache, and the HTTP client as a second one (docs/architecture.md). Most of an \`npx\` run
is npm's own start-up (compare the \`node bin/…\` row). Wall time depends on the machine's load;
CPU time (user + system, children included) much less. The \`node\` rows run with PATH and HOME only
(this machine sets NODE_EXTRA_CA_CERTS, which adds about 50 ms to every node start); the \`npx\` rows
keep the environment npm needs.

| run | wall time | ÷ \`node -e 0\` | CPU time | ÷ \`node -e 0\` |
|---|---:|---:|---:|---:|
${row('`node -e 0`', node0)}
${row('first `npx notion-schema --help` after `npm ci`', firstNpx)}
${row('`npx notion-schema --help` (warm)', npx)}
${row('`node bin/notion-schema.cjs --help`', help)}
${row('`node bin/notion-schema.cjs validate examples/notion.schema.yaml`', validate)}
${row('`node bin/notion-schema.cjs plan examples/notion.schema.yaml` (embedded workspace)', plan)}
`;
    return { title: 'Start-up: npx, --help and validate', markdown };
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}
