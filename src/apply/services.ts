import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import type { LockFile } from '../model/lock.js';
import type { NotionClient } from '../notion/types.js';

/**
 * What the applier needs from the other modules (lock file, live reader, planner).
 * Injected so the executor core is tested with fakes; `defaultServices` wires the real ones.
 */
export interface ApplyServices {
  /** The lock file at `path`; an empty lock when it does not exist. */
  readLock(path: string): Promise<LockFile>;
  /** Writes atomically (temp file + rename), keys sorted. */
  writeLock(path: string, lock: LockFile): Promise<void>;
  /** Re-reads one live object and returns its fingerprint; throws NotionApiError (404) when it is gone. */
  fetchFingerprint(client: NotionClient, kind: 'database' | 'data_source', id: string): Promise<string>;
  /**
   * Re-reads the live state and returns every remaining difference from `desired` as an error.
   * `skipMigrations`: data migrations left (not run: no --migrate-data) are not differences.
   */
  verify(client: NotionClient, desired: DesiredState, lockPath: string, opts?: { readonly skipMigrations?: boolean }): Promise<Diagnostic[]>;
}
