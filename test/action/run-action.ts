import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

let copied: Promise<string> | null = null;

/**
 * A copy of the repository as `uses: owner/notion-schema@v1` checks it out: the files git tracks
 * (plus new, not ignored ones), so no node_modules/ and no dist/. Made once per test file.
 */
export function repositoryCopy(): Promise<string> {
  copied ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-action-checkout-'));
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
    for (const file of listed.split('\0').filter((f) => f !== '' && existsSync(join(REPO, f)))) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await copyFile(join(REPO, file), join(dir, file));
    }
    return dir;
  })();
  return copied;
}

/** The file the runner starts for a `node*` action: `runs.main` of action.yml, in the repository copy. */
export async function actionMain(): Promise<string> {
  const dir = await repositoryCopy();
  const meta = parse(await readFile(join(dir, 'action.yml'), 'utf8')) as { runs: { using: string; main: string } };
  if (!/^node\d+$/.test(meta.runs.using)) throw new Error(`action.yml runs.using is ${meta.runs.using}, not a node runtime`);
  return join(dir, meta.runs.main);
}

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Parsed from the GITHUB_OUTPUT file. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The GITHUB_STEP_SUMMARY file. */
  readonly summary: string;
}

export interface ActionRunOptions {
  /** Working directory (the checked-out workspace). */
  readonly cwd: string;
  readonly eventName: string;
  readonly event: unknown;
  readonly repository: string;
  readonly githubApiUrl: string;
  /** Action inputs by their action.yml names. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly ref?: string;
  readonly sha?: string;
  readonly extraEnv?: Readonly<Record<string, string>>;
}

/** Parses `name<<DELIM\nvalue\nDELIM` blocks (and `name=value` lines) as GitHub does. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delim = ''] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

/**
 * Runs the committed bundle (action.yml `runs.main`) from a copy of the repository without
 * node_modules, the way the runner does: `INPUT_*` variables, the event JSON at GITHUB_EVENT_PATH,
 * GITHUB_OUTPUT/GITHUB_STEP_SUMMARY files, over a clean environment that sets
 * `npm_config_ignore_scripts=true` (a common hardening, which must not matter).
 */
export async function runAction(opts: ActionRunOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'ns-action-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  await writeFile(eventPath, JSON.stringify(opts.event));
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: opts.repository,
    GITHUB_API_URL: opts.githubApiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_REF: opts.ref ?? 'refs/pull/1/merge',
    GITHUB_SHA: opts.sha ?? '0123456789abcdef0123456789abcdef01234567',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: opts.cwd,
    RUNNER_TEMP: dir,
    npm_config_ignore_scripts: 'true',
    ...opts.extraEnv,
  };
  for (const [name, value] of Object.entries(opts.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const main = await actionMain();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [main], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let so = '';
    let se = '';
    child.stdout.on('data', (d: Buffer) => (so += d.toString()));
    child.stderr.on('data', (d: Buffer) => (se += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve({ code: c, stdout: so, stderr: se });
    });
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
  };
}
