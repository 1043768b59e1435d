import path from 'node:path';
import { lockPathFor } from '../notion/lock-file.js';

/**
 * Where a project keeps its state, in one place: the lock file beside the schema file, and
 * `.notion-schema/` beside the lock file (journals, the one-apply-at-a-time guard, migration journals).
 * Used by the CLI, the Action and the library alike, so a crash in one is recovered by any other.
 */
export interface ProjectLayout {
  readonly lockPath: string;
  /** `.notion-schema/` beside the lock file. */
  readonly stateDir: string;
  /** Apply journals (crash recovery). */
  readonly journalDir: string;
}

/** The layout of the project whose lock file is `lockPath`. */
export function layoutForLock(lockPath: string): ProjectLayout {
  const stateDir = path.join(path.dirname(lockPath), '.notion-schema');
  return { lockPath, stateDir, journalDir: path.join(stateDir, 'journal') };
}

/** The layout of the project whose schema file is `schemaPath`. */
export function layoutForSchema(schemaPath: string): ProjectLayout {
  return layoutForLock(lockPathFor(schemaPath));
}

/** Where environment `env`'s lock file sits: `notion-schema.<env>.lock.json` beside the schema file. */
export function environmentLockPath(schemaPath: string, env: string): string {
  return path.join(path.dirname(schemaPath), `notion-schema.${env}.lock.json`);
}

/**
 * The layout of environment `env` of the project whose schema file is `schemaPath`: its own lock
 * file (`notion-schema.<env>.lock.json`, committed) and its own state directory
 * `.notion-schema/env/<env>/` (journals, guard, and the local workspace of a `local: true`
 * environment), so no id, journal or guard of one environment is ever used for another.
 * Invariant: `env` matches [A-Za-z0-9_-]+ (config/ checks it), so it is a safe path segment.
 */
export function layoutForEnvironment(schemaPath: string, env: string): ProjectLayout {
  const dir = path.dirname(schemaPath);
  const stateDir = path.join(dir, '.notion-schema', 'env', env);
  return { lockPath: environmentLockPath(schemaPath, env), stateDir, journalDir: path.join(stateDir, 'journal') };
}

/** The layout for `env` (null: the file declares no environments, the single lock file). */
export function layoutFor(schemaPath: string, env: string | null): ProjectLayout {
  return env === null ? layoutForSchema(schemaPath) : layoutForEnvironment(schemaPath, env);
}
