import { isAbsolute, resolve } from 'node:path';
import { Option } from 'commander';
import { loadDesiredState, loadSchemaFile } from '../../config/index.js';
import { UserInputError } from '../../errors.js';
import type { EnvironmentSelection, EnvironmentSpec } from '../../model/environment.js';
import { readLockFile } from '../../notion/lock-file.js';
import { redact } from '../../notion/redact.js';
import { createPlan } from '../../pipeline/create-plan.js';
import { statusMarkdown, statusTable, type StatusRow } from '../../render/index.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';
import type { CommandContext } from '../context.js';
import { projectContext } from '../environment.js';
import { EXIT } from '../exit-codes.js';
import { secretValues } from '../redacting-io.js';

interface StatusFlags {
  readonly json?: boolean;
  readonly markdown?: boolean;
}

/**
 * `notion-schema status [FILE]`: plans every declared environment (read-only) and prints one
 * table: environment, target, in sync or N changes, last applied. Exit 0 all in sync, 2 any out
 * of sync, 1 any could not be checked.
 */
export const statusCommand: CommandModule = {
  register(program, run) {
    program
      .command('status')
      .description('plan every environment of the schema file (read-only): in sync or N changes, and the last apply; exit 2 when any is out of sync')
      .argument('[file]', 'schema file', 'notion.schema.yaml')
      .addOption(new Option('--json', 'print the rows as JSON on stdout').conflicts('markdown'))
      .addOption(new Option('--markdown', 'print a Markdown table (job summaries)'))
      .addHelpText('after', `
Each environment is reached with its own token (token_env) and compared with its own lock file.
A file without environments: is shown as one row, "default".

Examples:
  $ notion-schema status
  $ notion-schema status --markdown >> "$GITHUB_STEP_SUMMARY"

Exit codes: 0 every environment in sync, 1 one could not be checked, 2 one or more out of sync.`)
      .action((file: string, flags: StatusFlags) => run((ctx) => statusHandler(ctx, file, flags)));
  },
};

async function statusHandler(ctx: CommandContext, file: string, flags: StatusFlags): Promise<number> {
  const path = isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
  const first = await loadSchemaFile(path, { env: ctx.io.env, displayName: file, requireEnvironment: false });
  if (first.environments === undefined) throw new UserInputError(`cannot load ${file}`, first.diagnostics.filter((d) => d.severity === 'error'));
  const declared = first.environments.declared;
  const rows: StatusRow[] = [];
  for (const env of declared.length > 0 ? declared : [null]) rows.push(await statusRow(ctx, path, file, env));
  if (flags.json === true) ctx.io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else if (flags.markdown === true) ctx.io.stdout(statusMarkdown(rows));
  else ctx.io.stdout(statusTable(rows, ctx.colors));
  if (rows.some((r) => r.error !== undefined)) return EXIT.error;
  return rows.some((r) => r.summary?.has_changes === true) ? EXIT.changes : EXIT.ok;
}

/** Plans one environment (null: the file declares none); any failure becomes the row's error. */
async function statusRow(ctx: CommandContext, path: string, file: string, env: EnvironmentSpec | null): Promise<StatusRow> {
  const name = env?.name ?? 'default';
  const declared = env !== null;
  let target = env === null ? '' : env.local ? 'local' : env.apiUrl ?? '';
  try {
    const { desired, environment } = await loadDesiredState(path, { env: ctx.io.env, displayName: file, ...(env !== null ? { environment: env.name } : {}) });
    const project = projectContext(path, file, environment as EnvironmentSelection | null);
    const lock = await readLockFile(project.layout.lockPath);
    const opened = await ctx.openTarget(project.overrides);
    target = opened.label;
    try {
      if (opened.local) for (const db of desired.databases) if (db.parent.type === 'page_id') await opened.ensureParentPage(db.parent.page_id);
      const made = await createPlan({ client: opened.client, desired, lockPath: project.layout.lockPath, toolVersion: TOOL_VERSION });
      if (made.errors.length > 0) return { environment: name, declared, target, error: made.errors.map((d) => d.message).join('; ') };
      const last = lock.last_applied;
      return {
        environment: name, declared, target, summary: made.plan.summary,
        ...(last !== undefined ? { lastApplied: { at: last.at, schemaHash: last.schema_hash }, appliedCurrent: last.schema_hash === desired.hash } : {}),
      };
    } finally {
      await opened.close();
    }
  } catch (err) {
    const message = err instanceof UserInputError && err.diagnostics.length > 0
      ? `${err.message}: ${err.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`
      : err instanceof Error ? err.message : String(err);
    return { environment: name, declared, target: target || '?', error: redact(message, secretValues(ctx.io.env)) };
  }
}
