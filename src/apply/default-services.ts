import { fetchDatabase, fetchDataSource } from '../notion/fetch.js';
import { readLockFile, writeLockFile } from '../notion/lock-file.js';
import type { ApplyServices } from './services.js';
import { verifyLiveState } from './verify.js';

/** The real services: lock file helpers, the live fetchers and verification by re-planning. */
export const defaultServices: ApplyServices = {
  readLock: readLockFile,
  writeLock: writeLockFile,
  async fetchFingerprint(client, kind, id) {
    return kind === 'database' ? (await fetchDatabase(client, id)).fingerprint : (await fetchDataSource(client, id)).fingerprint;
  },
  verify: verifyLiveState,
};
