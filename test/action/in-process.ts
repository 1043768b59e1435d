import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src/action/engine.js';
import { runAction } from '../../src/action/run.js';
import { parseOutputFile } from './run-action.js';

export interface InProcessRun {
  readonly exitCode: number;
  /** Everything written to stdout (workflow commands included). */
  readonly stdout: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly dir: string;
}

/**
 * Runs `runAction` in this process with a given engine, under the same environment variables
 * the runner sets; restores process.env, stdout and the exit code afterwards.
 */
export async function runInProcess(
  engine: Engine,
  opts: {
    readonly eventName: string;
    readonly event: unknown;
    readonly inputs: Readonly<Record<string, string>>;
    readonly ref?: string;
    readonly githubApiUrl?: string;
    readonly cwd?: string;
  },
): Promise<InProcessRun> {
  const dir = await mkdtemp(join(tmpdir(), 'ns-action-inproc-'));
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  await writeFile(files.event, JSON.stringify(opts.event));
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  const savedEnv = { ...process.env };
  const savedExit = process.exitCode;
  const savedCwd = process.cwd();
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_') || k === 'NOTION_API_URL') delete process.env[k];
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/site',
    GITHUB_API_URL: opts.githubApiUrl ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '99',
    GITHUB_REF: opts.ref ?? 'refs/pull/5/merge',
    GITHUB_SHA: 'feedface00000000000000000000000000000000',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir,
  });
  for (const [k, v] of Object.entries(opts.inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array): boolean => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  process.exitCode = 0;
  if (opts.cwd) process.chdir(opts.cwd);
  try {
    await runAction(engine, process.env);
  } finally {
    process.stdout.write = write;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = savedExit;
  process.chdir(savedCwd);
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  return {
    exitCode,
    stdout,
    outputs: parseOutputFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    dir,
  };
}
