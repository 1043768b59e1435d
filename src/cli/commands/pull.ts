import { writeFileAtomic } from '../../fs/atomic-write.js';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Option } from 'commander';
import { parseSchemaText } from '../../config/index.js';
import { UserInputError } from '../../errors.js';
import { lockPathFor, readLockFile, writeLockFile } from '../../notion/lock-file.js';
import { mergeLock, parseDatabaseArg, pullWorkspace } from '../../pull/index.js';
import { schemaRefFor } from '../../pull/schema-ref.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticText } from '../../render/index.js';

interface PullFlags {
  readonly database: readonly string[];
  readonly all?: boolean;
  readonly out: string;
  readonly merge?: boolean;
  readonly force?: boolean;
}

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

export const pullCommand: CommandModule = {
  register(program, run) {
    program
      .command('pull')
      .description('Write the schema file (and lock file) for existing Notion databases')
      .addOption(new Option('--database <id|url>', 'a database to pull: its id (dashes optional), a Notion URL, or a data source id (repeatable)').argParser(collect).default([]))
      .option('--all', 'pull every database the integration can see (found through search)')
      .option('--out <file>', 'the schema file to write ("-" for stdout, no lock file)', 'notion.schema.yaml')
      .option('--merge', 'update an existing file in place, keeping its comments and key order; gone entries are marked, not deleted')
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
  const exists = !toStdout && await fileExists(outPath);
  if (exists && flags.merge !== true && flags.force !== true) {
    throw new UserInputError('nothing was pulled', [{
      severity: 'error', code: 'pull-out-exists', message: `${flags.out} already exists; pull does not overwrite it`,
      hint: 'use --merge to update it in place (keeps your comments), --force to replace it, or --out to write elsewhere',
    }]);
  }
  const lockPath = lockPathFor(outPath);
  const existingLock = toStdout ? undefined : await readLockFile(lockPath);
  const merge = flags.merge === true && exists
    ? { text: await readFile(outPath, 'utf8'), file: flags.out, ...(existingLock ? { lock: existingLock } : {}) }
    : undefined;

  const target = await ctx.openTarget(toStdout ? {} : { baseDir: dirname(outPath) });
  try {
    const result = await pullWorkspace(target.client, {
      databases: flags.database,
      all: flags.all === true,
      emit: { schemaRef: schemaRefFor(outPath), toolVersion: TOOL_VERSION, source: target.local ? 'the local workspace' : target.client.target },
      ...(merge ? { merge } : {}),
      ...(existingLock ? { lock: existingLock } : {}),
    });
    for (const w of result.warnings) ctx.io.stderr(`${diagnosticText(w, ctx.colors)}\n`);
    const check = parseSchemaText(result.yaml, flags.out, { env: ctx.io.env });
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
      ctx.io.stderr(`${verb} ${flags.out}: ${dbCount} database${dbCount === 1 ? '' : 's'}, ${dsCount} data source${dsCount === 1 ? '' : 's'} (lock: ${basename(lockPath)}).\n`);
    }
    if (dbCount === 0) ctx.io.stderr(`${ctx.colors.yellow('warning')}: no database found; share databases with the integration in Notion (••• → Connections).\n`);
    return EXIT.ok;
  } finally {
    await target.close();
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

