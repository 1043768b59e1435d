import type { LockFile } from '../model/lock.js';
import { setDatabaseId, setDataSourceId } from '../notion/lock-file.js';
import type { ApplyServices } from './services.js';

/** Splits a data source ref `db.ds` (keys contain no dots). */
export function splitRef(ref: string): { db: string; ds: string } {
  const dot = ref.indexOf('.');
  return dot < 0 ? { db: ref, ds: '' } : { db: ref.slice(0, dot), ds: ref.slice(dot + 1) };
}

/**
 * The lock file during one apply: every change is written (atomically, serialised) before
 * `set*` resolves, so a crash right after a create never loses the new id.
 */
export class LockStore {
  private lock: LockFile;
  private queue: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string | null, initial: LockFile, private readonly services: ApplyServices) {
    this.lock = initial;
  }

  static async open(path: string | null, services: ApplyServices): Promise<LockStore> {
    const initial = path === null ? { version: 1 as const, databases: {} } : await services.readLock(path);
    return new LockStore(path, initial, services);
  }

  get current(): LockFile {
    return this.lock;
  }

  /** Applies several bindings and writes once. */
  async update(bindings: readonly { readonly kind: 'database' | 'data_source'; readonly key: string; readonly id: string }[]): Promise<void> {
    let next = this.lock;
    // Databases first, so a data source never creates a database entry with an empty id.
    for (const b of bindings) if (b.kind === 'database') next = setDatabaseId(next, b.key, b.id);
    for (const b of bindings) {
      if (b.kind !== 'data_source') continue;
      const { db, ds } = splitRef(b.key);
      // A data source whose database is not bound cannot be recorded (the lock is keyed by database).
      if (next.databases[db] !== undefined) next = setDataSourceId(next, db, ds, b.id);
    }
    if (JSON.stringify(next) === JSON.stringify(this.lock)) return;
    this.lock = next;
    const snapshot = next;
    const path = this.path;
    if (path === null) return;
    const write = this.queue.then(() => this.services.writeLock(path, snapshot));
    this.queue = write.catch(() => undefined);
    await write;
  }
}
