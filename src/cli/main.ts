import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { TOOL_VERSION } from '../version.js';
import type { CommandModule } from './command.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { colorEnabled, colorsFor, type CliIO } from './io.js';
import { reportError } from './report-error.js';
import { processIO } from './process-io.js';
import { openTarget } from './target.js';
import { validateCommand } from './commands/validate.js';
import { planCommand } from './commands/plan.js';
import { applyCommand } from './commands/apply.js';
import { pullCommand } from './commands/pull.js';
import { codegenCommand } from './commands/codegen.js';
import { emulatorCommand } from './commands/emulator.js';

const COMMANDS: readonly CommandModule[] = [
  validateCommand, planCommand, applyCommand, pullCommand, codegenCommand, emulatorCommand,
];

/** Parses a positive number flag value. */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

/** Parses a positive integer flag value. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

/**
 * Runs the CLI with `argv` (as `process.argv`: node, script, args…) and returns the exit code.
 * Never calls process.exit, so tests can run it in-process with a fake `io`.
 */
export async function main(argv: readonly string[], ioOverride?: Partial<CliIO>): Promise<number> {
  const io: CliIO = { ...processIO(), ...ioOverride };
  let exitCode: number = EXIT.ok;
  const earlyColor = colorEnabled(argv.includes('--no-color') ? false : undefined, io.env, io.isTTY);

  const program = new Command('notion-schema')
    .description('Manage Notion databases and data sources as code: validate, plan, apply, pull, codegen.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--token-file <file>', 'read the Notion token from a file (default: $NOTION_TOKEN)'))
    .addOption(new Option('--api-url <url>', 'Notion API base URL').env('NOTION_API_URL'))
    .addOption(new Option('--notion-version <version>', 'Notion-Version header').default('2025-09-03'))
    .addOption(new Option('--rate-limit <rps>', 'average requests per second (Notion allows 3; 10 on paid plans)').argParser(positiveNumber))
    .addOption(new Option('--local', 'use the embedded local workspace (.notion-schema/local-workspace.json), the default when no token is set'))
    .addOption(new Option('--no-color', 'disable colour (NO_COLOR is honoured too)'))
    .addOption(new Option('--verbose', 'print an HTTP trace on stderr (the token is redacted)'))
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(colorsFor(earlyColor).red(s)),
    })
    .exitOverride()
    .addHelpText('after', `
Examples:
  $ notion-schema validate examples/notion.schema.yaml
  $ notion-schema plan examples/notion.schema.yaml
  $ notion-schema apply --yes
  $ NOTION_TOKEN=ntn_… notion-schema plan --out plan.json && notion-schema apply --plan plan.json

Exit codes: 0 ok, 1 error, 2 changes present (plan --detailed-exitcode), 3 blocked by a safety rule.`);

  const run = async (handler: (ctx: CommandContext) => Promise<number>): Promise<void> => {
    const globals = program.opts<GlobalOptions>();
    const colors = colorsFor(colorEnabled(globals.color, io.env, io.isTTY));
    const ctx: CommandContext = {
      io,
      colors,
      globals,
      openTarget: (overrides) => openTarget(io, colors, globals, overrides),
    };
    try {
      exitCode = await handler(ctx);
    } catch (err) {
      exitCode = reportError(err, colors, io.stderr, globals.verbose === true);
    }
  };

  for (const cmd of COMMANDS) cmd.register(program, run);
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(colorsFor(earlyColor).red(s)),
    }).showHelpAfterError('(run with --help for usage)');
  }

  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 1.
      return err.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    return reportError(err, colorsFor(earlyColor), io.stderr, argv.includes('--verbose'));
  }
  return exitCode;
}
