import { writeFileAtomic } from '../../fs/atomic-write.js';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Option } from 'commander';
import { parseSchemaSources, parseSchemaText, type ParseResult, schemaFilesIn } from '../../config/index.js';
import { UserInputError } from '../../errors.js';
import { lockPathFor, readLockFile, writeLockFile } from '../../notion/lock-file.js';
import { mergeLock, parseDatabaseArg, pullWorkspace } from '../../pull/index.js';
import { schemaRefFor } from '../../pull/schema-ref.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';
import type { CommandContext } from '../context.js';
import { envOption, projectContext } from '../environment.js';
import type { EnvironmentSelection } from '../../model/environment.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticText } from '../../render/diagnostic.js';

interface PullFlags {
  readonly database: readonly string[];
  readonly all?: boolean;
  readonly out: string;
  readonly merge?: boolean;
  readonly force?: boolean;
  readonly env?: string;
}

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

export const pullCommand: CommandModule = {
  register(program, run) {
    program
      .command('pull')
      .description('Write the schema file (and lock file) for existing Notion databases')
      .addOption(new Option('--database <id|url>', 'a database to pull: its id (dashes optional), a Notion URL, or a data source id (repeatable)').argParser(collect).default([]))
      .option('--all', 'pull every database the integration can see (found through search)')
      .option('--out <file>', 'the schema file to write ("-" for stdout, no lock file); a directory (DIR/): one file per database', 'notion.schema.yaml')
      .option('--merge', 'update an existing file in place, keeping its comments and key order; gone entries are marked, not deleted')
      .addOption(envOption())
      .option('--force', 'overwrite an existing file (without --merge, pull refuses to replace a file)')
      .addHelpText('after', `
Writes the schema file and notion-schema.lock.json beside it. Relations between pulled data
sources use logical keys (db.ds); relations to anything else keep the data source id.

Examples:
  $ notion-schema pull --all
  $ notion-schema pull --database 0c5e2b1c9d4e4f5a8b7c6d5e4f3a2b1c --out crm.schema.yaml
  $ notion-schema pull --database https://www.notion.so/acme/Tasks-0c5e2b1c9d4e4f5a8b7c6d5e4f3a2b1c?v=…
  $ notion-schema pull --all --merge          # update notion.schema.yaml, keeping your comments
  $ notion-schema pull --all --out -           # print to stdout
  $ notion-schema pull --all --merge --env staging   # ids go to notion-schema.staging.lock.json, never into the file
  $ notion-schema pull --all --out schema/     # one file per database in schema/ (lock: ./notion-schema.lock.json)

Exit codes: 0 written, 1 error (nothing found, file exists without --merge or --force).`)
      .action((flags: PullFlags) => run((ctx) => pullHandler(ctx, flags)));
  },
};

async function pullHandler(ctx: CommandContext, flags: PullFlags): Promise<number> {
  if (flags.merge === true && flags.force === true) {
    throw new UserInputError('--merge and --force cannot be combined: --merge updates the file, --force replaces it');
  }
  if (!flags.all && flags.database.length === 0) {
    // Each diagnostic says what and how to fix it; the message only concludes (report-error prints both).
    throw new UserInputError('nothing was pulled', [{
      severity: 'error', code: 'pull-nothing-selected', message: 'no database selected: pull needs --database ID|URL (repeatable) or --all',
      hint: 'run `notion-schema pull --all`, or `notion-schema pull --database <id or Notion URL>`',
    }]);
  }
  // Bad ids or URLs fail before anything is opened or read.
  for (const arg of flags.database) parseDatabaseArg(arg);
  const toStdout = flags.out === '-';
  const outPath = toStdout ? join(ctx.io.cwd, 'notion.schema.yaml') : resolve(ctx.io.cwd, flags.out);
  if (!toStdout && (/[\\/]$/.test(flags.out) || await isDirectory(outPath))) return pullToDirectory(ctx, flags, outPath);
  const exists = !toStdout && await fileExists(outPath);
  if (exists && flags.merge !== true && flags.force !== true) {
    throw new UserInputError('nothing was pulled', [{
      severity: 'error', code: 'pull-out-exists', message: `${flags.out} already exists; pull does not overwrite it`,
      hint: 'use --merge to update it in place (keeps your comments), --force to replace it, or --out to write elsewhere',
    }]);
  }
  const environment = await pullEnvironment(flags, outPath, exists);
  const project = environment !== null ? projectContext(outPath, flags.out, environment) : null;
  const lockPath = project?.layout.lockPath ?? lockPathFor(outPath);
  const existingLock = toStdout ? undefined : await readLockFile(lockPath);
  const merge = flags.merge === true && exists
    ? { text: await readFile(outPath, 'utf8'), file: flags.out, ...(existingLock ? { lock: existingLock } : {}) }
    : undefined;

  const target = await ctx.openTarget(project?.overrides ?? (toStdout ? {} : { baseDir: dirname(outPath) }));
  try {
    const result = await pullWorkspace(target.client, {
      databases: flags.database,
      all: flags.all === true,
      emit: {
        schemaRef: schemaRefFor(outPath), toolVersion: TOOL_VERSION,
        source: `${environment !== null ? `environment ${environment.selected.name}, ` : ''}${target.local ? 'the local workspace' : target.client.target}`,
        // With environments the file serves every workspace: its ids live in each environment's lock file only.
        ...(environment !== null ? { ids: false } : {}),
      },
      ...(merge ? { merge } : {}),
      ...(existingLock ? { lock: existingLock } : {}),
    });
    for (const w of result.warnings) ctx.io.stderr(`${diagnosticText(w, ctx.colors)}\n`);
    const check = parseSchemaText(result.yaml, flags.out, { env: ctx.io.env, ...(environment !== null ? { environment: environment.selected.name } : {}) });
    for (const d of check.diagnostics.filter((x) => x.severity === 'error')) {
      ctx.io.stderr(`${diagnosticText({ ...d, severity: 'warning', message: `the pulled file does not validate: ${d.message}` }, ctx.colors)}\n`);
    }
    const dbCount = result.workspace.databases.length;
    const dsCount = result.workspace.databases.reduce((n, d) => n + d.dataSources.length, 0);
    if (toStdout) {
      ctx.io.stdout(result.yaml);
    } else {
      await writeFileAtomic(outPath, result.yaml);
      await writeLockFile(lockPath, mergeLock(existingLock ?? { version: 1, databases: {} }, result.lock));
      const verb = merge ? 'Updated' : 'Wrote';
      // basename: the lock name says which environment's ids were recorded.
      ctx.io.stderr(`${verb} ${flags.out}: ${dbCount} database${dbCount === 1 ? '' : 's'}, ${dsCount} data source${dsCount === 1 ? '' : 's'} (lock: ${basename(lockPath)}).\n`);
    }
    if (dbCount === 0) ctx.io.stderr(`${ctx.colors.yellow('warning')}: no database found; share databases with the integration in Notion (••• → Connections).\n`);
    return EXIT.ok;
  } finally {
    await target.close();
  }
}

/**
 * The environment pull writes for: `--env NAME` (the file must exist and declare it), or the
 * default of an existing file that declares environments; null for a file without environments.
 */
async function pullEnvironment(flags: PullFlags, outPath: string, exists: boolean): Promise<EnvironmentSelection | null> {
  if (!exists) {
    if (flags.env === undefined) return null;
    throw new UserInputError(`--env ${flags.env}: ${flags.out} does not exist, so it declares no environments; pull into it without --env first, then declare environments: (docs/schema-format.md)`);
  }
  return chosenEnvironment(flags, parseSchemaText(await readFile(outPath, 'utf8'), flags.out, flags.env !== undefined ? { environment: flags.env } : {}));
}

/** The environment a parsed schema (one file, or a directory's files) selects; null when it declares none and --env was not given. */
function chosenEnvironment(flags: PullFlags, loaded: ParseResult): EnvironmentSelection | null {
  const declared = loaded.environments?.declared ?? [];
  if (declared.length === 0 && flags.env === undefined) return null;
  const selection = loaded.environments?.selection ?? null;
  if (selection === null) {
    const why = loaded.diagnostics.filter((d) => d.code.startsWith('env-') && d.severity === 'error');
    throw new UserInputError(`nothing was pulled: cannot choose the environment of ${flags.out}`, why);
  }
  return selection;
}

/** The existing schema files of DIR, read (name and text), for its environments and the check of the result. */
async function readSchemaFiles(dir: string, names: readonly string[]): Promise<{ readonly name: string; readonly text: string }[]> {
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
}

/** As pullEnvironment, for a directory schema: its existing files declare the environments. */
function directoryEnvironment(flags: PullFlags, shown: string, existing: readonly { readonly name: string; readonly text: string }[]): EnvironmentSelection | null {
  if (existing.length === 0) {
    if (flags.env === undefined) return null;
    throw new UserInputError(`--env ${flags.env}: ${shown}/ holds no schema files, so it declares no environments; pull into it without --env first, then declare environments: in one of its files (docs/schema-format.md)`);
  }
  const sources = existing.map((f) => ({ file: `${shown}/${f.name}`, text: f.text }));
  return chosenEnvironment(flags, parseSchemaSources(sources, flags.out, flags.env !== undefined ? { environment: flags.env } : {}));
}

/** `pull --out DIR/`: one file per database in DIR (a directory schema), the lock file beside DIR. */
async function pullToDirectory(ctx: CommandContext, flags: PullFlags, dir: string): Promise<number> {
  if (flags.merge === true) throw new UserInputError(`--merge updates one schema file; ${flags.out} is a directory: pull into it with --force, or merge into a file`);
  const existing = await isDirectory(dir) ? await schemaFilesIn(dir) : [];
  if (existing.length > 0 && flags.force !== true) {
    throw new UserInputError('nothing was pulled', [{
      severity: 'error', code: 'pull-out-exists', message: `${flags.out} already holds schema files (${existing.join(', ')}); pull does not overwrite them`,
      hint: 'use --force to replace the files of the pulled databases, or --out to write elsewhere',
    }]);
  }
  const shown = flags.out.replace(/[\\/]+$/, '');
  const existingFiles = await readSchemaFiles(dir, existing);
  const environment = directoryEnvironment(flags, shown, existingFiles);
  const project = environment !== null ? projectContext(dir, flags.out, environment) : null;
  const lockPath = project?.layout.lockPath ?? lockPathFor(dir);
  const existingLock = await readLockFile(lockPath);
  const target = await ctx.openTarget(project?.overrides ?? { baseDir: dirname(dir) });
  try {
    const result = await pullWorkspace(target.client, {
      databases: flags.database, all: flags.all === true, split: true,
      emit: {
        schemaRef: schemaRefFor(join(dir, 'schema.yaml')), toolVersion: TOOL_VERSION,
        source: `${environment !== null ? `environment ${environment.selected.name}, ` : ''}${target.local ? 'the local workspace' : target.client.target}`,
        // With environments the files serve every workspace: ids live in each environment's lock file only.
        ...(environment !== null ? { ids: false } : {}),
      },
      ...(existingLock ? { lock: existingLock } : {}),
    });
    for (const w of result.warnings) ctx.io.stderr(`${diagnosticText(w, ctx.colors)}\n`);
    const files = result.files ?? [];
    // The directory as it will be: the pulled files, and the others it holds (e.g. the environments).
    const kept = existingFiles.filter((f) => !files.some((p) => p.name === f.name));
    const whole = [...files.map((f) => ({ name: f.name, text: f.yaml })), ...kept].sort((a, b) => (a.name < b.name ? -1 : 1));
    const check = parseSchemaSources(whole.map((f) => ({ file: `${shown}/${f.name}`, text: f.text })), flags.out,
      { env: ctx.io.env, ...(environment !== null ? { environment: environment.selected.name } : {}) });
    for (const d of check.diagnostics.filter((x) => x.severity === 'error')) {
      ctx.io.stderr(`${diagnosticText({ ...d, severity: 'warning', message: `the pulled files do not validate: ${d.message}` }, ctx.colors)}\n`);
    }
    await mkdir(dir, { recursive: true });
    for (const f of files) await writeFileAtomic(join(dir, f.name), f.yaml);
    await writeLockFile(lockPath, mergeLock(existingLock ?? { version: 1, databases: {} }, result.lock));
    const others = existing.filter((name) => !files.some((f) => f.name === name));
    if (others.length > 0) ctx.io.stderr(`${ctx.colors.yellow('warning')}: ${shown}/ also holds ${others.join(', ')}, not written by this pull; they are still part of the schema.\n`);
    const dsCount = result.workspace.databases.reduce((n, d) => n + d.dataSources.length, 0);
    ctx.io.stderr(`Wrote ${shown}/: ${files.length} file${files.length === 1 ? '' : 's'} (one per database), ${dsCount} data source${dsCount === 1 ? '' : 's'} (lock: ${basename(lockPath)}).\n`);
    if (files.length === 0) ctx.io.stderr(`${ctx.colors.yellow('warning')}: no database found; share databases with the integration in Notion (••• → Connections).\n`);
    return EXIT.ok;
  } finally {
    await target.close();
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

