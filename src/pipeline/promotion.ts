import path from 'node:path';
import { BlockedError } from '../errors.js';
import { readLockFile, setLastApplied, writeLockFile } from '../notion/lock-file.js';

/**
 * Promotion (`requires: staging` on an environment): the environment named `requires` must have
 * applied this very schema (its lock file's `last_applied.schema_hash` equals the file's hash)
 * before this one may change anything. Invariant: `lockPath` is the required environment's lock file.
 */
export interface PromotionRule {
  /** This environment's name. */
  readonly environment: string;
  /** The environment that must have applied the schema first. */
  readonly requires: string;
  /** The lock file of `requires`. */
  readonly lockPath: string;
}

/**
 * Throws BlockedError (exit 3) when `rule.requires` never applied the schema whose hash is
 * `schemaHash`: saying what it last applied and the command that promotes.
 */
export async function checkPromotion(rule: PromotionRule, schemaHash: string | null, file: string): Promise<void> {
  const lock = await readLockFile(rule.lockPath);
  const last = lock.last_applied;
  if (schemaHash !== null && last?.schema_hash === schemaHash) return;
  const was = last === undefined
    ? `${rule.requires} has never recorded an apply (${path.basename(rule.lockPath)} has no last_applied)`
    : `${rule.requires} last applied another version of ${file} (schema ${last.schema_hash.slice(0, 12)}, at ${last.at})`;
  throw new BlockedError(
    `not applying to ${rule.environment}: it requires ${rule.requires}, and ${was}. ` +
    `Apply this file to ${rule.requires} first (\`notion-schema apply --env ${rule.requires}\`), commit ${path.basename(rule.lockPath)}, then apply ${rule.environment}.`,
  );
}

/**
 * Records in the lock file that the workspace now matches the schema whose hash is `schemaHash`.
 * `unlessSame`: leave the file alone when it already records this hash (an apply with nothing to
 * change must not rewrite a committed file on every run).
 */
export async function recordApplied(lockPath: string, schemaHash: string, opts: { readonly now?: Date; readonly unlessSame?: boolean } = {}): Promise<void> {
  const lock = await readLockFile(lockPath);
  if (opts.unlessSame === true && lock.last_applied?.schema_hash === schemaHash) return;
  await writeLockFile(lockPath, setLastApplied(lock, schemaHash, opts.now ?? new Date()));
}
