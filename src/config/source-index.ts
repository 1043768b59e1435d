import type { SourceLocation } from '../model/common.js';
import type { MapInfo, NodeIndex, SeqInfo } from './fast-load.js';
import type { Path } from './raw.js';
import type { SourceMap } from './source-map.js';

/** Large mappings get a key → entry Map on first lookup; small ones are scanned. */
const SCAN_LIMIT = 12;

function find(info: MapInfo, key: string): number {
  if (info.keys.length <= SCAN_LIMIT) return info.keys.indexOf(key);
  if (info.lookup === undefined) {
    info.lookup = new Map();
    for (const [i, k] of info.keys.entries()) info.lookup.set(k, i);
  }
  return info.lookup.get(key) ?? -1;
}

const infoOf = (index: NodeIndex, node: unknown): MapInfo | SeqInfo | undefined =>
  (node !== null && typeof node === 'object' ? index.infos.get(node) : undefined);

/** An object the index does not describe: a collection left out of a partial index. */
const unindexed = (index: NodeIndex, node: unknown): boolean =>
  node !== null && typeof node === 'object' && !index.infos.has(node);

/**
 * The source map of a fast parse (fast-load.ts): each path segment is one O(1) look-up, and a
 * location (line and column) is computed only when asked for, i.e. when a diagnostic is made.
 * Same answers as the `yaml` Document source map (source-map.ts), which a test checks on every
 * path of every fixture: only keys written in a mapping are followed (not keys merged in with
 * `<<`), and a path that leaves the file stops at the last node found. A partial index (deep
 * collections left out, NodeIndex.full) is completed the first time a path goes into one.
 * `offset` locates the index's offsets; `textOffset` (the map's own `offset`) offsets into the
 * text, the same unless the index counts bytes (FastLoad `bytes`).
 */
export function createIndexedSourceMap(
  value: unknown, index: NodeIndex, offset: (pos: number) => SourceLocation, textOffset: (pos: number) => SourceLocation = offset,
): SourceMap {
  let cur = { value, index };
  let resolver = resumingResolver(cur.value, cur.index);
  /** Switches to the complete index; false when this one is complete already. */
  const complete = (): boolean => {
    if (cur.index.full === undefined) return false;
    cur = cur.index.full();
    resolver = resumingResolver(cur.value, cur.index);
    return true;
  };
  const nodeAt = (path: Path): unknown => {
    let node = cur.value;
    for (const seg of path) {
      const info = infoOf(cur.index, node);
      if (info === undefined && unindexed(cur.index, node) && complete()) return nodeAt(path);
      if (info?.kind !== 'map') return undefined;
      const i = find(info, String(seg));
      if (i < 0) return undefined;
      node = (node as Record<string, unknown>)[info.keys[i] as string];
    }
    return node;
  };
  const listed = new WeakMap<object, { readonly path: readonly (string | number)[]; readonly out: readonly unknown[] }>();
  const resolve = (path: Path): number => {
    const n = resolver.resolve(path);
    return n < 0 ? (complete() ? resolve(path) : -n - 1) : n;
  };
  return {
    offset: textOffset,
    entries(obj, path) {
      // The checks and the normaliser both list every data source's properties: asked once.
      const known = listed.get(obj);
      if (known !== undefined && known.path.length === path.length && known.path.every((s, i) => s === path[i])) return known.out as [string, (typeof obj)[string]][];
      const out = entriesOf(obj, path);
      listed.set(obj, { path: [...path], out });
      return out;
    },
    keyLocations(obj, path) {
      // The mapping itself, without merge keys: entries lists its keys in file order (entriesOf).
      const info = infoOf(cur.index, obj);
      return info?.kind === 'map' && info.merges.length === 0 && nodeAt(path) === obj ? keyOffsets(info).map((o) => offset(o)) : undefined;
    },
    at(path, target = 'value') {
      const n = resolve(path);
      if (n === 0) return offset(cur.index.root);
      const { last } = resolver;
      return offset((target === 'key' ? last.keyAt[n - 1] : last.valueAt[n - 1]) as number);
    },
  };

  function entriesOf<T>(obj: Readonly<Record<string, T>>, path: Path): [string, T][] {
    let node = nodeAt(path);
    if (unindexed(cur.index, node) && complete()) node = nodeAt(path);
    const info = infoOf(cur.index, node);
    // The mapping itself (not a pruned copy): its keys are its own, in file order.
    if (info?.kind === 'map' && info.merges.length === 0 && node === obj) return info.keys.map((k) => [k, obj[k] as T]);
    if (info?.kind === 'map' && info.merges.length === 0) {
      // No merge keys: the object's own keys are the mapping's (fewer when pruned), in file order.
      const out: [string, T][] = [];
      for (const k of info.keys) if (Object.hasOwn(obj, k)) out.push([k, obj[k] as T]);
      let own = 0;
      for (const k in obj) if (Object.hasOwn(obj, k)) own++;
      if (own === out.length) return out;
    }
    const order: string[] = [];
    const seen = new Set<string>();
    const add = (k: string): void => {
      if (!seen.has(k) && Object.hasOwn(obj, k)) {
        seen.add(k);
        order.push(k);
      }
    };
    if (info?.kind === 'map') for (const k of info.keys) add(k);
    for (const k of Object.keys(obj)) add(k);
    return order.map((k) => [k, obj[k] as T]);
  }
}

/** The offset of each key of a mapping, in its order. */
function keyOffsets(info: MapInfo): number[] {
  const out: number[] = [];
  for (let i = 0; i < info.keys.length; i++) out.push(info.at[2 * i] as number);
  return out;
}

/**
 * Resolves paths node by node, keeping the last one: diagnostics and the normaliser ask for
 * siblings one after another (every property of a data source), so a look-up resumes where the
 * paths part. `resolve` returns how many segments were found, or -(found + 1) when the next one
 * goes into a collection the index left out; `last` holds their nodes and offsets.
 */
function resumingResolver(value: unknown, index: NodeIndex): {
  readonly resolve: (path: Path) => number;
  readonly last: { readonly keyAt: readonly number[]; readonly valueAt: readonly number[] };
} {
  const last: { path: (string | number)[]; nodes: unknown[]; keyAt: number[]; valueAt: number[] } = { path: [], nodes: [], keyAt: [], valueAt: [] };
  const resolve = (path: Path): number => {
    let k = 0;
    const max = Math.min(path.length, last.nodes.length);
    while (k < max && last.path[k] === path[k]) k++;
    let node = k > 0 ? last.nodes[k - 1] : value;
    // A copy: callers may pass one array they keep changing (a walk's path stack).
    last.path.length = k;
    last.nodes.length = k;
    last.keyAt.length = k;
    last.valueAt.length = k;
    for (let d = k; d < path.length; d++) {
      const seg = path[d] as string | number;
      const info = infoOf(index, node);
      let keyAt: number;
      let valueAt: number;
      if (info?.kind === 'map') {
        const i = find(info, String(seg));
        if (i < 0) break;
        node = (node as Record<string, unknown>)[info.keys[i] as string];
        keyAt = info.at[2 * i] as number;
        valueAt = info.at[2 * i + 1] as number;
      } else if (info?.kind === 'seq') {
        const i = Number(seg);
        const at = info.at[i];
        if (at === undefined) break;
        node = (node as unknown[])[i];
        keyAt = valueAt = at;
      } else {
        if (unindexed(index, node)) return -last.nodes.length - 1;
        break;
      }
      last.path.push(seg);
      last.nodes.push(node);
      last.keyAt.push(keyAt);
      last.valueAt.push(valueAt);
    }
    return last.nodes.length;
  };
  return { resolve, last };
}

/** The object children of `node` in the index, each with whether it is reached through an alias. */
function childSlots(index: NodeIndex, node: object, info: MapInfo | SeqInfo): { readonly child: unknown; readonly alias: boolean }[] {
  if (info.kind === 'seq') return (node as unknown[]).map((child, i) => ({ child, alias: info.alias[i] === true }));
  const out = info.keys.map((k, i) => ({ child: (node as Record<string, unknown>)[k], alias: info.alias[i] === true }));
  for (const m of info.merges) {
    const targets = Array.isArray(m.target) && !m.alias ? m.target as unknown[] : [m.target];
    const seq = targets === m.target ? infoOf(index, m.target) : undefined;
    for (const [i, t] of targets.entries()) out.push({ child: t, alias: seq?.kind === 'seq' ? seq.alias[i] === true : m.alias });
  }
  return out;
}

/**
 * The most often an anchored mapping or sequence is copied by aliases (and `<<` merges) when
 * the value is written out in full, expansions inside expansions included: `b: &b [*a, *a]`
 * used 10 times expands `a` 20 times. Scalars are not counted (an alias of one copies nothing).
 * Linear in the index. Capping every anchor at N keeps the expanded value within about N
 * times the file, whatever the nesting (an alias bomb expands one anchor exponentially often).
 */
export function maxAliasExpansions(value: unknown, index: NodeIndex): number {
  const order: object[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    const info = infoOf(index, node);
    if (info === undefined || seen.has(node as object)) return;
    seen.add(node as object);
    for (const { child } of childSlots(index, node as object, info)) visit(child);
    order.push(node as object);
  };
  visit(value);
  const times = new Map<object, number>();
  const copies = new Map<object, number>();
  if (order.length > 0) times.set(order[order.length - 1] as object, 1);
  let max = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as object;
    const n = times.get(node) ?? 0;
    for (const { child, alias } of childSlots(index, node, index.infos.get(node) as MapInfo | SeqInfo)) {
      if (infoOf(index, child) === undefined) continue;
      times.set(child as object, (times.get(child as object) ?? 0) + n);
      if (alias) {
        const c = (copies.get(child as object) ?? 0) + n;
        copies.set(child as object, c);
        if (c > max) max = c;
      }
    }
  }
  return max;
}
