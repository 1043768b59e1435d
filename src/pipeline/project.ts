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
