/** Marks a key deleted in an overlay. */
const DELETED: unique symbol = Symbol('deleted');

/** A record seen through an overlay: reads fall through to `base`, writes stay in the overlay until `commit`. */
export interface CowRecord<T> {
  readonly proxy: Record<string, T>;
  /** Keys written, read for change (`clone`) or deleted: what `commit` changes in `base`. */
  readonly touched: () => readonly string[];
  /** Applies the overlay to `base` in place. */
  readonly commit: () => void;
}

/**
 * A copy-on-write view of `base` for one transaction (Store.transact). With `clone`, the first
 * read of an entry copies it (structuredClone) into the overlay, so the caller may change it in
 * place; without, entries are returned as they are and must be replaced, not changed.
 * Invariant: `base` is untouched until `commit`; a failed transaction just drops the overlay.
 * Cost: O(entries read or written), not O(size of base) (listing keys is O(base), as a copy would be).
 */
export function cowRecord<T>(base: Record<string, T>, clone: boolean): CowRecord<T> {
  const overlay = new Map<string, T | typeof DELETED>();
  const read = (k: string): T | undefined => {
    const o = overlay.get(k);
    if (o !== undefined) return o === DELETED ? undefined : o;
    if (!Object.hasOwn(base, k)) return undefined;
    const v = base[k] as T;
    if (!clone) return v;
    const copy = structuredClone(v);
    overlay.set(k, copy);
    return copy;
  };
  const has = (k: string): boolean => (overlay.has(k) ? overlay.get(k) !== DELETED : Object.hasOwn(base, k));
  const proxy = new Proxy({} as Record<string, T>, {
    get: (_t, k) => (typeof k === 'string' ? read(k) : undefined),
    set: (_t, k, v: T) => {
      if (typeof k !== 'string') return false;
      overlay.set(k, v);
      return true;
    },
    deleteProperty: (_t, k) => {
      if (typeof k === 'string') overlay.set(k, DELETED);
      return true;
    },
    has: (_t, k) => typeof k === 'string' && has(k),
    ownKeys: () => {
      const keys = Object.keys(base).filter((k) => overlay.get(k) !== DELETED);
      for (const [k, v] of overlay) if (v !== DELETED && !Object.hasOwn(base, k)) keys.push(k);
      return keys;
    },
    getOwnPropertyDescriptor: (_t, k) => (typeof k === 'string' && has(k)
      ? { value: read(k), writable: true, enumerable: true, configurable: true }
      : undefined),
  });
  return {
    proxy,
    touched: () => [...overlay.keys()],
    commit: () => {
      for (const [k, v] of overlay) {
        if (v === DELETED) delete base[k];
        else base[k] = v;
      }
    },
  };
}
