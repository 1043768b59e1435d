/**
 * Helpers for bench/cli-scale.bench.ts: run a command as a child under /usr/bin/time (CPU =
 * user + sys of the child and its children, peak RSS), and an emulator child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/notion-schema.cjs', import.meta.url));
export const REPO = fileURLToPath(new URL('..', import.meta.url));

/** One measured run: CPU seconds (user + sys), peak RSS in MB, wall seconds, exit code. */
export interface Measured {
  readonly cpu: number;
  readonly rssMb: number;
  readonly wall: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cmd args` under `/usr/bin/time` in `cwd` with `env` (over PATH and HOME). */
export function measure(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Measured {
  const out = join(mkdtempSync(join(tmpdir(), 'bench-time-')), 't');
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', out, cmd, ...args], {
    cwd, encoding: 'utf8', maxBuffer: 1 << 30,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1', ...env },
  });
  const wall = (performance.now() - t) / 1000;
  const last = readFileSync(out, 'utf8').trim().split('\n').at(-1) ?? '';
  const [u, s, m] = last.split(' ').map(Number);
  return { cpu: (u ?? NaN) + (s ?? NaN), rssMb: (m ?? NaN) / 1024, wall, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** CPU seconds (user + sys) a process has used so far, from /proc. */
export function procCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** An emulator in a child process (the real CLI's `emulator` command), unthrottled. */
export interface EmulatorChild {
  readonly url: string;
  readonly root: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startEmulatorChild(stateFile: string, token: string): Promise<EmulatorChild> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--state', stateFile, '--token', token, '--rate-limit', '100000', '--burst', '1000000'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/root_page_id=\S+/.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const url = /url=(\S+)/.exec(out)?.[1] ?? '';
  const root = /root_page_id=(\S+)/.exec(out)?.[1] ?? '';
  return {
    url, root, pid: child.pid ?? 0,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
