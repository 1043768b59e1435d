import type { UserInputError } from '../errors.js';
import type { LockFile } from '../model/lock.js';

type Views = NonNullable<LockFile['views']>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The optional `views` section of a lock file: data source ref → view name → view id. */
export function parseLockViews(raw: unknown, path: string, invalid: (path: string, what: string) => UserInputError): { views?: Views } {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw invalid(path, '"views" must be an object');
  const out: Record<string, Record<string, string>> = {};
  for (const [ref, views] of Object.entries(raw)) {
    if (!isObject(views)) throw invalid(path, `views.${ref} must be an object`);
    const entries: Record<string, string> = {};
    for (const [name, id] of Object.entries(views)) {
      if (typeof id !== 'string' || id === '') throw invalid(path, `views.${ref}.${JSON.stringify(name)} must be a non-empty string`);
      setOwn(entries, name, id);
    }
    setOwn(out, ref, entries);
  }
  return { views: out };
}

/** `views` with every key sorted, or nothing when empty. */
export function sortedLockViews(views: LockFile['views']): { views?: Views } {
  if (views === undefined || Object.keys(views).length === 0) return {};
  const out: Record<string, Record<string, string>> = {};
  for (const ref of Object.keys(views).sort()) {
    const entries: Record<string, string> = {};
    for (const name of Object.keys(views[ref] ?? {}).sort()) setOwn(entries, name, views[ref]?.[name] ?? '');
    setOwn(out, ref, entries);
  }
  return { views: out };
}

/** Pure: the lock's views keeping only the data source refs `keep` accepts. */
export function pruneLockViews(lock: LockFile, keep: (ref: string) => boolean): { views?: Views } {
  const out: Record<string, Readonly<Record<string, string>>> = {};
  for (const [ref, v] of Object.entries(lock.views ?? {})) if (keep(ref)) setOwn(out, ref, v);
  return Object.keys(out).length > 0 ? { views: out } : {};
}

/** Pure: replaces the recorded view ids of data source `ref` (empty: forgets them). */
export function setRecordedViews(lock: LockFile, ref: string, views: Readonly<Record<string, string>>): LockFile {
  const { views: _old, ...rest } = lock;
  const kept = pruneLockViews(lock, (r) => r !== ref).views ?? {};
  const next = Object.keys(views).length > 0 ? { ...kept, [ref]: views } : kept;
  return Object.keys(next).length > 0 ? { ...rest, views: next } : rest;
}
