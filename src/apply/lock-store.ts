import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { LockFile } from '../model/lock.js';
import type { Plan } from '../model/plan.js';
import { readLockFile, removeDatabase, removeDataSource, serializeLockFile, setDatabaseId, setDataSourceId, writeLockFile } from '../notion/lock-file.js';
import { recordPropertyIds } from '../notion/record-ids.js';
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
    // Databases first, so a data source never creates a database entry with an empty id; a data
    // source whose database is not bound cannot be recorded (the lock is keyed by database).
    await this.write(withBindings(this.lock, bindings));
  }

  /** Forgets keys whose objects this apply moved to the trash (a database key takes its data sources along). */
  async forget(keys: readonly { readonly kind: 'database' | 'data_source'; readonly key: string }[]): Promise<void> {
    let next = this.lock;
    for (const k of keys) {
      if (k.kind === 'database') next = removeDatabase(next, k.key);
      else {
        const { db, ds } = splitRef(k.key);
        next = removeDataSource(next, db, ds);
      }
    }
    await this.write(next);
  }

  private async write(next: LockFile): Promise<void> {
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

/** Pure: the lock with a plan's bindings (databases first; a data source needs its database bound). */
export function withBindings(lock: LockFile, bindings: readonly { readonly kind: 'database' | 'data_source'; readonly key: string; readonly id: string }[]): LockFile {
  let next = lock;
  for (const b of bindings) if (b.kind === 'database') next = setDatabaseId(next, b.key, b.id);
  for (const b of bindings) {
    if (b.kind !== 'data_source') continue;
    const { db, ds } = splitRef(b.key);
    if (next.databases[db] !== undefined) next = setDataSourceId(next, db, ds, b.id);
  }
  return next;
}

/**
 * An apply with nothing to change still writes the state: the plan's bindings (an adoption by
 * title is recorded once, not re-made by every plan) and the property ids read.
 */
export async function recordUnchanged(path: string, plan: Plan, desired: DesiredState, live: LiveState): Promise<void> {
  const lock = await readLockFile(path);
  const next = recordPropertyIds(withBindings(lock, plan.bindings), desired, live);
  if (serializeLockFile(next) !== serializeLockFile(lock)) await writeLockFile(path, next);
}
