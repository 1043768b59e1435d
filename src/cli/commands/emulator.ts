import { resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { UserInputError } from '../../errors.js';
import { parseFaultSpec, startEmulator } from '../../emulator/index.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../exit-codes.js';

interface EmulatorFlags {
  readonly port?: number;
  readonly state?: string;
  readonly rateLimit?: number;
  readonly burst?: number;
  readonly faults?: string;
  readonly seed?: number;
  readonly token?: string[];
  readonly requestLog?: string;
  readonly searchLag?: number;
  readonly writeLatency?: number;
}

function intArg(min: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}.`);
    return n;
  };
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

function faultsArg(v: string): string {
  try {
    parseFaultSpec(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  return v;
}

/** `notion-schema emulator`: runs the local Notion API emulator until SIGINT/SIGTERM. */
export const emulatorCommand: CommandModule = {
  register(program, run) {
    program
      .command('emulator')
      .description('run a local emulator of the Notion API (for tests and trying schemas without a workspace)')
      .addOption(new Option('--port <n>', 'TCP port on 127.0.0.1 (0 picks a free port)').argParser(intArg(0)).default(0))
      .addOption(new Option('--state <file>', 'persist state to this JSON file (written atomically)'))
      .addOption(new Option('--rate-limit <rps>', 'average requests per second per token (default: 3)').argParser(positive))
      .addOption(new Option('--burst <n>', 'rate-limit burst allowance (default: 60 × rate)').argParser(intArg(1)))
      .addOption(new Option('--faults <spec>', 'inject faults, e.g. "429=0.1,500=0.05,reset=0.02,slow=0.01,commit-then-503=0.02"').argParser(faultsArg))
      .addOption(new Option('--seed <n>', 'seed for fault injection').argParser(intArg(0)).default(1))
      .addOption(new Option('--token <token...>', 'accept only these bearer tokens (repeatable; default: any)'))
      .addOption(new Option('--request-log <file>', 'append one JSON line per request (method, path, status, ms, at)'))
      .addOption(new Option('--search-lag <ms>', 'search leaves out objects created or renamed less than this long ago (Notion\'s index lags)').argParser(intArg(0)))
      .addOption(new Option('--write-latency <ms>', 'a schema write takes this long; an overlapping write to the same data source gets 409').argParser(intArg(0)))
      .addHelpText('after', `
Once ready it prints "url=http://127.0.0.1:PORT" and "root_page_id=<uuid>" on stdout.
Default rate limit: 3 requests/s per token with a burst of 60 × rate (Notion's 60-second window).
Fault spec settings: slow_ms=N (delay of "slow", default 3000), late_ms=N (hold of "late-commit",
default 33000), retry_after=N (seconds, default 1).

Examples:
  $ notion-schema emulator --port 0 --state /tmp/notion.json
  $ notion-schema emulator --rate-limit 3 --burst 10 --faults "429=0.1,reset=0.02" --seed 42
  $ NOTION_API_URL=http://127.0.0.1:PORT NOTION_TOKEN=test notion-schema plan

Exit codes: 0 stopped by a signal, 1 error (port in use, unreadable state file).`)
      .action((flags: EmulatorFlags) => run(async (ctx) => {
        const rateLimit = flags.rateLimit ?? ctx.globals.rateLimit ?? 3;
        let emu;
        try {
          emu = await startEmulator({
            port: flags.port ?? 0, stateFile: flags.state === undefined ? undefined : resolve(ctx.io.cwd, flags.state), rateLimit, burst: flags.burst,
            faults: flags.faults, seed: flags.seed, tokens: flags.token, requestLogFile: flags.requestLog === undefined ? undefined : resolve(ctx.io.cwd, flags.requestLog),
            searchLagMs: flags.searchLag, schemaWriteMs: flags.writeLatency,
          });
        } catch (err) {
          throw new UserInputError(`emulator: ${(err as Error).message}`);
        }
        ctx.io.stdout(`url=${emu.url}\nroot_page_id=${emu.rootPageId}\n`);
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await emu.close();
        return EXIT.ok;
      }));
  },
};
