import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../errors.js';
import { lockPathFor } from '../notion/lock-file.js';
import { layoutForEnvironment, layoutForSchema } from './project.js';

/** The one command that moves a single lock file into an environment (docs/cli.md). */
export const migrateLockCommand = (env: string, file: string): string => `notion-schema migrate-lock --env ${env}${file === 'notion.schema.yaml' ? '' : ` ${file}`}`;

/**
 * Refuses to run environment `env` while the project still has its single lock file
 * (`notion-schema.lock.json`, from before environments were declared) and `env` has no lock file
 * of its own: that lock's ids belong to one workspace, and planning another workspace without them
 * would create everything again. Once an environment has its own lock file, the single one is ignored.
 */
export function checkLegacyLock(schemaPath: string, env: string, shownFile: string): void {
  const legacy = lockPathFor(schemaPath);
  if (!existsSync(legacy) || existsSync(layoutForEnvironment(schemaPath, env).lockPath)) return;
  throw new UserInputError(
    `${path.basename(legacy)} holds the ids of the workspace this project used before it declared environments, and environment ${env} has no lock file yet; ` +
    `move the single lock file into the environment it belongs to: \`${migrateLockCommand(env, shownFile)}\` (docs/cli.md, "Environments")`,
  );
}

/** What `migrateLegacyLock` moved, as paths relative to the schema file's directory. */
export interface LockMigration {
  readonly moved: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Moves the single lock file (and, for a local environment, the embedded workspace's state) into
 * environment `env`: `notion-schema.lock.json` → `notion-schema.<env>.lock.json`. Refuses when there
 * is nothing to move, when `env` already has a lock file, or while an apply journal is pending
 * (recover it first with `apply`). Renames only: nothing is rewritten, nothing is read from Notion.
 */
export async function migrateLegacyLock(schemaPath: string, env: string, local: boolean): Promise<LockMigration> {
  const dir = path.dirname(schemaPath);
  const old = layoutForSchema(schemaPath);
  const next = layoutForEnvironment(schemaPath, env);
  const rel = (p: string): string => path.relative(dir, p);
  if (!existsSync(old.lockPath)) throw new UserInputError(`there is no ${rel(old.lockPath)} beside ${path.basename(schemaPath)} to migrate; environment ${env} starts with its own lock file`);
  if (existsSync(next.lockPath)) throw new UserInputError(`environment ${env} already has ${rel(next.lockPath)}; nothing was moved (delete one of the two lock files, keeping the one whose ids are ${env}'s)`);
  if (await pendingJournal(old.journalDir)) {
    throw new UserInputError(`an interrupted apply left a journal in ${rel(old.journalDir)}; run \`notion-schema apply\` once (without --env) to recover it, then migrate`);
  }
  const moved: { from: string; to: string }[] = [];
  await mkdir(next.stateDir, { recursive: true });
  const move = async (from: string, to: string): Promise<void> => {
    await rename(from, to);
    moved.push({ from: rel(from), to: rel(to) });
  };
  await move(old.lockPath, next.lockPath);
  const workspace = path.join(old.stateDir, 'local-workspace.json');
  if (local && existsSync(workspace)) await move(workspace, path.join(next.stateDir, 'local-workspace.json'));
  return { moved };
}

/** True when a journal of `dir` has no `end` line: an apply was interrupted and is not recovered yet. */
async function pendingJournal(dir: string): Promise<boolean> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return false;
  }
  for (const f of files) if (!(await readFile(path.join(dir, f), 'utf8')).includes('"type":"end"')) return true;
  return false;
}
