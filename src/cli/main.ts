import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { TOOL_VERSION } from '../version.js';
import type { CommandModule } from './command.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { colorEnabled, colorsFor, type CliIO } from './io.js';
import { reportError } from './report-error.js';
import { processIO } from './process-io.js';
import { redactingIO } from './redacting-io.js';

/**
 * One command: its arguments and one-line summary (for the top-level help, which must not load
 * every command's modules) and its module, loaded only when the command runs or its own help is
 * asked for. Invariant (test/cli/help-summaries.test.ts): `args` and `summary` equal what the
 * module registers.
 */
interface CommandEntry {
  readonly args: string;
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

/** Every command, in help order: `validate` never loads the HTTP client, the emulator or the planner. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  validate: { args: '[file]', summary: 'check a schema file (structure, references, limits) without contacting Notion',
    load: async () => (await import('./commands/validate.js')).validateCommand },
  plan: { args: '[file]', summary: 'Show what apply would change: an ordered, batched plan with risks (safe, destructive, manual).',
    load: async () => (await import('./commands/plan.js')).planCommand },
  apply: { args: '[file]', summary: 'Apply the schema file (or a saved plan) to Notion, safely: staleness check, safety rules, create recovery, verification',
    load: async () => (await import('./commands/apply.js')).applyCommand },
  pull: { args: '', summary: 'Write the schema file (and lock file) for existing Notion databases',
    load: async () => (await import('./commands/pull.js')).pullCommand },
  codegen: { args: '[file]', summary: 'generate TypeScript row types, id constants, parse and toProperties helpers from the schema file',
    load: async () => (await import('./commands/codegen.js')).codegenCommand },
  emulator: { args: '', summary: 'run a local emulator of the Notion API (for tests and trying schemas without a workspace)',
    load: async () => (await import('./commands/emulator.js')).emulatorCommand },
  forget: { args: '<key> [file]', summary: 'stop managing a database or data source without deleting it (removes its key from the lock file)',
    load: async () => (await import('./commands/forget.js')).forgetCommand },
  status: { args: '[file]', summary: 'plan every environment of the schema file (read-only): in sync or N changes, and the last apply; exit 2 when any is out of sync',
    load: async () => (await import('./commands/status.js')).statusCommand },
  'migrate-lock': { args: '[file]', summary: 'move the single lock file (from before environments:) into one environment\'s lock file',
    load: async () => (await import('./commands/migrate-lock.js')).migrateLockCommand },
  graph: { args: '[file]', summary: 'print a diagram of the databases, data sources and relations (Mermaid erDiagram or DOT); no token needed',
    load: async () => (await import('./commands/graph.js')).graphCommand },
  diff: { args: '<old> [new]', summary: 'show what a change of the schema file does (steps and risks), comparing two schema files; no token needed',
    load: async () => (await import('./commands/diff.js')).diffCommand },
};

/** Global options that take a value (so their value is not taken for the command name). */
const VALUE_OPTIONS = new Set(['--token-file', '--api-url', '--notion-version', '--rate-limit']);

/** The first positional argument of `args` (the command name), skipping global options and their values. */
function positionals(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    if (!a.startsWith('-')) out.push(a);
    else if (VALUE_OPTIONS.has(a)) i++;
  }
  return out;
}

/**
 * What to register for `argv`: the module of the command named (or of `help CMD`), when known; for
 * everything else (`--help`, a typo, no command) a summary-only entry per command, so the top-level
 * help loads no command module.
 */
async function commandsFor(argv: readonly string[]): Promise<{ modules: CommandModule[]; summaries: string[] }> {
  const [first, second] = positionals(argv.slice(2));
  const named = first === 'help' ? second : first;
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) {
    return { modules: [await (COMMANDS[named] as CommandEntry).load()], summaries: [] };
  }
  return { modules: [], summaries: Object.keys(COMMANDS) };
}

/** The Notion API versions this tool speaks. */
export const SUPPORTED_NOTION_VERSIONS = ['2025-09-03', '2026-03-11'] as const;

/** Parses --notion-version: one of the supported versions. */
export function notionVersion(value: string): string {
  if ((SUPPORTED_NOTION_VERSIONS as readonly string[]).includes(value)) return value;
  throw new InvalidArgumentError(`"${value}" is not a Notion API version this tool supports; use ${SUPPORTED_NOTION_VERSIONS.join(' or ')}.`);
}

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
  const io: CliIO = redactingIO({ ...processIO(), ...ioOverride });
  let exitCode: number = EXIT.ok;
  const earlyColor = colorEnabled(argv.includes('--no-color') ? false : undefined, io.env, io.isTTY);

  const program = new Command('notion-schema')
    .description('Manage Notion databases and data sources as code: validate, plan, apply, pull, codegen.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--token-file <file>', 'read the Notion token from a file (default: $NOTION_TOKEN)'))
    .addOption(new Option('--api-url <url>', 'Notion API base URL').env('NOTION_API_URL'))
    .addOption(new Option('--notion-version <version>', `Notion-Version header: ${SUPPORTED_NOTION_VERSIONS.join(' or ')}`).default('2025-09-03').argParser(notionVersion))
    .addOption(new Option('--rate-limit <rps>', 'average requests per second (Notion allows 3; 10 on paid plans)').argParser(positiveNumber))
    .addOption(new Option('--local', 'use the embedded local workspace (.notion-schema/local-workspace.json), the default when no token is set'))
    .addOption(new Option('--no-color', 'disable colour (NO_COLOR is honoured too)'))
    .addOption(new Option('--verbose', 'print an HTTP trace on stderr (the token is redacted)'))
    .showHelpAfterError('(run with --help for usage)')
    // Every command's --help lists the global options too.
    .configureHelp({ showGlobalOptions: true })
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
      openTarget: async (overrides) => (await import('./target.js')).openTarget(io, colors, globals, overrides),
    };
    try {
      exitCode = await handler(ctx);
    } catch (err) {
      exitCode = reportError(err, colors, io.stderr, globals.verbose === true);
    }
  };

  const wanted = await commandsFor(argv);
  for (const cmd of wanted.modules) cmd.register(program, run);
  for (const name of wanted.summaries) {
    const entry = COMMANDS[name] as CommandEntry;
    program.command(`${name}${entry.args === '' ? '' : ` ${entry.args}`}`).description(entry.summary);
  }
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
