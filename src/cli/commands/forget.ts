import { isAbsolute, resolve } from 'node:path';
import { UserInputError } from '../../errors.js';
import { lockPathFor, readLockFile, removeDatabase, removeDataSource, writeLockFile } from '../../notion/lock-file.js';
import type { CommandModule } from '../command.js';
import { Option } from 'commander';
import { loadSchemaFile } from '../../config/index.js';
import { environmentLockPath } from '../../pipeline/project.js';
import { EXIT } from '../exit-codes.js';

/**
 * `notion-schema forget KEY [FILE]`: stop managing a database (`crm`) or a data source (`crm.deals`)
 * without deleting it: the key leaves the lock file, so a plan made once it has also left the
 * schema file does not move it to the trash. Like Terraform's `removed { lifecycle { destroy = false } }`.
 * Offline: reads and writes only the lock file.
 */
export const forgetCommand: CommandModule = {
  register(program, run) {
    program
      .command('forget')
      .description('stop managing a database or data source without deleting it (removes its key from the lock file)')
      .argument('<key>', 'database key (`crm`) or data source ref (`crm.deals`)')
      .argument('[file]', 'schema file or directory (the lock file sits beside it)', 'notion.schema.yaml')
      .addOption(new Option('--env <name>', 'forget it in this environment\'s lock file (notion-schema.<env>.lock.json)'))
      .addHelpText('after', `
Remove the key from the schema file too, else the next plan adopts or recreates it.
Nothing in Notion changes: the object stays where it is, unmanaged.

Examples:
  $ notion-schema forget crm.deals
  $ notion-schema forget crm schema/prod.yaml
  $ notion-schema forget crm.deals --env staging

Exit codes: 0 forgotten, 1 error (unknown key, no lock file).`)
      .action((key: string, file: string, flags: { env?: string }) => run(async (ctx) => {
        const path = isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
        const lockPath = await lockFor(path, file, flags.env, ctx.io.env);
        const lock = await readLockFile(lockPath);
        const dot = key.indexOf('.');
        const db = dot < 0 ? key : key.slice(0, dot);
        const ds = dot < 0 ? null : key.slice(dot + 1);
        const entry = lock.databases[db];
        const known = entry !== undefined && (ds === null || entry.data_sources[ds] !== undefined);
        if (!known) {
          const keys = Object.entries(lock.databases).flatMap(([k, v]) => [k, ...Object.keys(v.data_sources).map((d) => `${k}.${d}`)]);
          throw new UserInputError(`forget ${key}: the lock file (${lockPath}) binds no such key; it binds ${keys.length > 0 ? keys.join(', ') : 'nothing'}`);
        }
        const id = ds === null ? entry.id : entry.data_sources[ds] ?? '';
        await writeLockFile(lockPath, ds === null ? removeDatabase(lock, db) : removeDataSource(lock, db, ds));
        ctx.io.stdout(`Forgot ${key} (${id}): it stays in Notion, no longer managed. Remove it from ${file} too.\n`);
        return EXIT.ok;
      }));
  },
};

/**
 * The lock file to edit: the chosen environment's (`--env`, else the file's default) when the schema
 * file declares environments, else the single `notion-schema.lock.json` (also when the schema file
 * cannot be read: forget needs only the lock file).
 */
async function lockFor(path: string, file: string, env: string | undefined, vars: Readonly<Record<string, string | undefined>>): Promise<string> {
  const loaded = await loadSchemaFile(path, { env: vars, displayName: file, ...(env !== undefined ? { environment: env } : {}) });
  const envs = loaded.environments;
  if (env === undefined && (envs === undefined || envs.declared.length === 0)) return lockPathFor(path);
  const selected = envs?.selection?.selected;
  if (selected === undefined) {
    throw new UserInputError(`forget: cannot choose the environment of ${file}`, loaded.diagnostics.filter((d) => d.severity === 'error' && (d.code.startsWith('env-') || d.code.startsWith('file-'))));
  }
  return environmentLockPath(path, selected.name);
}
