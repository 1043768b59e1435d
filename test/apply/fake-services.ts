import { createHash } from 'node:crypto';
import { NotionApiError } from '../../src/errors.js';
import type { ApplyServices } from '../../src/apply/services.js';
import type { LockFile } from '../../src/model/lock.js';
import type { FakeNotion } from './fake-notion.js';

/** In-memory lock files and fingerprints over a FakeNotion; records every lock write. */
export function fakeServices(fake: FakeNotion): ApplyServices & { locks: Map<string, LockFile>; writes: { at: number; lock: LockFile }[] } {
  const locks = new Map<string, LockFile>();
  const writes: { at: number; lock: LockFile }[] = [];
  return {
    locks,
    writes,
    async readLock(path) {
      return locks.get(path) ?? { version: 1, databases: {} };
    },
    async writeLock(path, lock) {
      writes.push({ at: fake.log.length, lock });
      locks.set(path, lock);
    },
    async fetchFingerprint(_client, kind, id) {
      const obj = kind === 'database' ? fake.dbs.get(id) : fake.dss.get(id);
      if (obj === undefined) throw new NotionApiError('not found', 404, 'object_not_found', null);
      return createHash('sha256').update(JSON.stringify(obj)).digest('hex');
    },
    async verify() {
      return [];
    },
  };
}
