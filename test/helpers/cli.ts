import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the installed bin (runs the compiled dist/, built by `pretest`). */
export const BIN = fileURLToPath(new URL('../../bin/notion-schema.cjs', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real CLI in a child process, as a user would. `env` is merged over a
 * clean environment (PATH and HOME only), so NOTION_TOKEN never leaks in from the host.
 */
export function runCli(
  args: readonly string[],
  opts: { readonly cwd?: string; readonly env?: Record<string, string>; readonly input?: string; readonly timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Runs the CLI in-process (`main` with a captured, non-terminal io): the same code path as
 * `runCli` without a process spawn. `env` replaces the environment entirely.
 */
export async function runMain(
  args: readonly string[],
  opts: { readonly cwd: string; readonly env: Record<string, string> },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'notion-schema', ...args], {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    env: { NO_COLOR: '1', ...opts.env },
    cwd: opts.cwd,
    isTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    confirm: async () => false,
  });
  return { code, stdout, stderr };
}
