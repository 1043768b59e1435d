import type { MapInfo } from './fast-load.js';

/** Building blocks of fast-yaml.ts's position index (NodeIndex in fast-load.ts). */

/**
 * Collections nested deeper than this are indexed only on demand (NodeIndex.full): the root is 1,
 * `databases` 2, a database 3, `data_sources` 4, a data source 5, its `properties` 6. Deeper ones
 * (property configs, options) are most of a large file and need a position only for a diagnostic.
 */
export const EAGER_INDEX_DEPTH = 6;

/**
 * st[from, from + k) as a new exact-size array. Small ones are array literals: V8 then sees them
 * survive and allocates them straight in the old generation (no copying by the young GC).
 */
export function take<T>(st: T[], from: number, k: number): T[] {
  switch (k) {
    case 1: return [st[from] as T];
    case 2: return [st[from] as T, st[from + 1] as T];
    case 3: return [st[from] as T, st[from + 1] as T, st[from + 2] as T];
    case 4: return [st[from] as T, st[from + 1] as T, st[from + 2] as T, st[from + 3] as T];
    case 6: return [st[from] as T, st[from + 1] as T, st[from + 2] as T, st[from + 3] as T, st[from + 4] as T, st[from + 5] as T];
    default: return st.slice(from, from + k);
  }
}

const FALSES: boolean[][] = [];

/** An array of k `false`s (frozen, shared by every index of that size: no alias anywhere). */
export function falses(k: number): boolean[] {
  let f = FALSES[k];
  if (f === undefined) {
    f = [];
    for (let i = 0; i < k; i++) f.push(false);
    Object.freeze(f);
    if (k < 256) FALSES[k] = f;
  }
  return f;
}

/** The `merges` of every mapping here (no merge keys): one frozen empty array. */
export const NO_MERGES: MapInfo['merges'] = Object.freeze([]) as unknown as MapInfo['merges'];
