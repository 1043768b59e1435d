import type * as NodeTty from 'node:tty';
import { createRequire } from 'node:module';
import type { CliIO } from './io.js';

let pipeGuardInstalled = false;

/**
 * A reader that closes the pipe early (`notion-schema plan | head -1`) must not turn into an
 * unhandled EPIPE stack trace: stop quietly, as `git` and `ls` do.
 */
function installPipeGuard(): void {
  if (pipeGuardInstalled) return;
  pipeGuardInstalled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw err;
    });
  }
}

/** The real process's stdout, stderr, environment and terminal. */
export function processIO(): CliIO {
  installPipeGuard();
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    // isatty, not process.stdin.isTTY: reading process.stdin opens the stream (and loads net for a pipe)
    // on every run; node:tty itself only when a command asks (loading it costs a cold start milliseconds).
    get stdinIsTTY() {
      return (createRequire(import.meta.url)('node:tty') as typeof NodeTty).isatty(0);
    },
    confirm: async (question) => {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await rl.question(`${question} [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
  };
}
