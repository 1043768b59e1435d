import { isMap, isScalar, isSeq, parseDocument, YAMLMap } from 'yaml';
import type { Node, Pair, YAMLSeq } from 'yaml';
import { UserInputError } from '../errors.js';
import type { Diagnostic, LockFile } from '../model/index.js';
import type { EmitOptions } from './emit.js';
import { emitSchema, headerComment, pulledLine, TO_STRING } from './emit.js';
import type { KeyAssignment } from './keys.js';
import { assignKeys } from './keys.js';
import { existingBindings } from './bindings.js';
import type { PulledWorkspace } from './types.js';

/** Marker text of the comment put above entries that are no longer in Notion. */
export const GONE_MARK = 'pull: not found in Notion';

/** Keys a user may add that pull never writes: kept when the live side lacks them. */
const USER_KEYS = new Set(['renamed_from']);

export interface MergeOptions extends EmitOptions {
  /**
   * True when every database the token can see was pulled (`--all`): databases of the file
   * that were not found are then marked as gone. Otherwise they are out of scope and left alone.
   */
  readonly complete: boolean;
  /** The lock file beside the schema file: binds keys the file itself does not give ids for. */
  readonly lock?: LockFile;
}

export interface MergeResult {
  readonly yaml: string;
  readonly lock: LockFile;
  readonly keys: KeyAssignment;
  readonly warnings: readonly Diagnostic[];
}

/**
 * Updates an existing schema file in place from a pulled workspace: comments and key order
 * are kept, new databases / data sources / properties / options are appended, changed values
 * are updated, and entries no longer in Notion are kept but marked with a `# pull: not found…`
 * comment. Keys already bound (by `id:` or the lock file) are reused.
 */
export function mergeSchema(existingText: string, file: string, ws: PulledWorkspace, opts: MergeOptions): MergeResult {
  const doc = parseDocument(existingText, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    const diagnostics: Diagnostic[] = doc.errors.map((e) => ({
      severity: 'error',
      code: 'yaml-syntax',
      message: e.message.split('\n')[0] ?? e.message,
      location: { file, line: e.linePos?.[0].line ?? 1, col: e.linePos?.[0].col ?? 1 },
    }));
    throw new UserInputError(`${file} is not valid YAML, so pull --merge cannot update it. Fix it, or pull into a new file with --out.`, diagnostics);
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new UserInputError(`${file} does not hold a mapping at the top level, so pull --merge cannot update it.`);
  }
  const pulledDbIds = new Set(ws.databases.map((d) => d.database.id));
  const bindings = existingBindings(doc, opts.lock);
  const reserved = new Set<string>();
  for (const [key, id] of bindings.databaseIdByKey) if (!pulledDbIds.has(id)) reserved.add(key);
  const keys = assignKeys(ws, {
    databases: bindings.databaseKeyById,
    dataSources: bindings.dataSourceKeyById,
    reservedDatabaseKeys: reserved,
  });
  const fresh = emitSchema(ws, opts, keys);
  const merger = new Merger(opts.date);

  if (doc.contents === null) doc.contents = new YAMLMap() as never;
  const root = doc.contents as unknown as YAMLMap;
  const freshRoot = fresh.doc.contents as YAMLMap;
  const freshDbs = freshRoot.get('databases', true) as unknown as YAMLMap;
  const existingDbs = root.get('databases', true);
  if (!isMap(existingDbs)) {
    root.set('databases', freshDbs);
  } else {
    merger.collection(existingDbs, freshDbs, 'database', (existingPair) => opts.complete || pulledKey(existingPair, keys));
  }
  updateHeader(doc, root, opts);
  return { yaml: doc.toString(TO_STRING), lock: fresh.lock, keys, warnings: fresh.warnings };
}

const PULLED_LINE = /^ Pulled from .*$/m;
const MODELINE = /^ ?yaml-language-server:.*$/m;

/**
 * Refreshes the "Pulled from" line of the file's leading comment, or adds the header. A leading
 * comment with no blank line before the first key belongs to that key in the yaml Document API,
 * so both places are looked at: the header is updated in place, never added twice, and a
 * `yaml-language-server` line the user already has (with their own `$schema` path) is kept.
 */
function updateHeader(doc: ReturnType<typeof parseDocument>, root: YAMLMap, opts: MergeOptions): void {
  const firstKey = root.items[0]?.key;
  const holders: { get: () => string | null | undefined; set: (c: string) => void }[] = [
    { get: () => doc.commentBefore, set: (c) => { doc.commentBefore = c; } },
    { get: () => root.commentBefore, set: (c) => { root.commentBefore = c; } },
    ...(firstKey !== null && typeof firstKey === 'object' && 'commentBefore' in (firstKey as object)
      ? [{ get: () => (firstKey as Node).commentBefore, set: (c: string) => { (firstKey as Node).commentBefore = c; } }]
      : []),
  ];
  for (const h of holders) {
    const c = h.get();
    if (c && PULLED_LINE.test(c)) { h.set(c.replace(PULLED_LINE, pulledLine(opts))); return; }
  }
  for (const h of holders) {
    const c = h.get();
    const m = c ? MODELINE.exec(c) : null;
    if (c && m) {
      const end = m.index + m[0].length;
      h.set(`${c.slice(0, end)}\n${pulledLine(opts)}${c.slice(end)}`);
      return;
    }
  }
  const existing = doc.commentBefore;
  doc.commentBefore = existing ? `${headerComment(opts)}\n\n${existing}` : headerComment(opts);
}

function pulledKey(pair: Pair, keys: KeyAssignment): boolean {
  const k = keyOf(pair);
  return [...keys.database.values()].includes(k);
}

/** The string form of a pair's key. */
export function keyOf(pair: Pair): string {
  const k = isScalar(pair.key) ? pair.key.value : pair.key;
  return String(k);
}

/**
 * Walks the fresh map's pairs in order: a key missing from `existing` is inserted after the
 * previous key (keeping live order around the user's), a key in both goes to `both`.
 * Returns the fresh keys.
 */
function mergePairs(existing: YAMLMap, fresh: YAMLMap, both: (ep: Pair, fp: Pair, key: string) => void): Set<string> {
  const freshKeys = new Set<string>();
  let previous: Pair | undefined;
  for (const fp of fresh.items as Pair[]) {
    const k = keyOf(fp);
    freshKeys.add(k);
    const ep = findPair(existing, k);
    if (ep === undefined) {
      insertAfter(existing.items as Pair[], previous, fp);
      previous = fp;
      continue;
    }
    previous = ep;
    both(ep, fp, k);
  }
  return freshKeys;
}

class Merger {
  constructor(private readonly date: string) {}

  /**
   * Merges a keyed collection (databases, data sources, properties): entries in both are merged,
   * new ones appended, missing ones marked (when `canMark` says the entry was in scope).
   */
  collection(existing: YAMLMap, fresh: YAMLMap, what: string, canMark: (pair: Pair) => boolean = () => true): void {
    const freshKeys = mergePairs(existing, fresh, (ep, fp) => {
      unmark(ep.key);
      ep.value = this.entity(ep.value as Node, fp.value as Node);
    });
    for (const ep of existing.items as Pair[]) {
      if (!freshKeys.has(keyOf(ep)) && canMark(ep)) this.mark(ep.key, what);
    }
  }

  /** Merges one entity (a database, data source, property or option map). */
  private entity(existing: Node, fresh: Node): Node {
    if (!isMap(existing) || !isMap(fresh)) return this.value(existing, fresh);
    // A short flow map that now needs a block (e.g. it gained options) becomes a block map.
    if (existing.flow === true && fresh.flow !== true) existing.flow = false;
    const freshKeys = mergePairs(existing, fresh, (ep, fp, k) => {
      const ev = ep.value as Node;
      const fv = fp.value as Node;
      if (k === 'data_sources' && isMap(ev) && isMap(fv)) this.collection(ev, fv, 'data source');
      else if (k === 'properties' && isMap(ev) && isMap(fv)) this.collection(ev, fv, 'property');
      else if (k === 'options' && isSeq(ev) && isSeq(fv)) this.options(ev, fv);
      else ep.value = this.value(ev, fv);
    });
    existing.items = (existing.items as Pair[]).filter((ep) => {
      const k = keyOf(ep);
      return freshKeys.has(k) || USER_KEYS.has(k);
    });
    if (fresh.comment !== undefined && fresh.comment !== null && existing.comment == null) existing.comment = fresh.comment;
    return existing;
  }

  /** Options: matched by name; new ones appended; missing ones kept and marked. */
  private options(existing: YAMLSeq, fresh: YAMLSeq): void {
    const nameOf = (n: unknown): string | undefined => (isMap(n) ? String((n.get('name') as unknown) ?? '') : undefined);
    const freshNames = new Set<string>();
    let previous: Node | undefined;
    for (const fo of fresh.items as Node[]) {
      const name = nameOf(fo);
      if (name === undefined) continue;
      freshNames.add(name);
      const idx = (existing.items as Node[]).findIndex((eo) => nameOf(eo) === name);
      if (idx < 0) {
        insertAfter(existing.items as Node[], previous, fo);
        previous = fo;
      } else {
        const eo = existing.items[idx] as Node;
        previous = eo;
        unmark(eo);
        existing.items[idx] = this.entity(eo, fo);
      }
    }
    for (const eo of existing.items as Node[]) {
      const name = nameOf(eo);
      if (name !== undefined && !freshNames.has(name)) this.mark(eo, 'option');
    }
  }

  /** Leaf values: equal or `${…}` values are kept as written; others take the live value. */
  private value(existing: Node, fresh: Node): Node {
    if (isScalar(existing) && isScalar(fresh)) {
      const ev = existing.value;
      if (typeof ev === 'string' && ev.includes('${')) return existing;
      if (sameValue(ev, fresh.value)) return existing;
      existing.value = fresh.value;
      return existing;
    }
    if (isMap(existing) && isMap(fresh)) {
      if (JSON.stringify(existing.toJSON()) === JSON.stringify(fresh.toJSON())) return existing;
      return this.entity(existing, fresh);
    }
    return fresh;
  }

  private mark(node: unknown, what: string): void {
    if (!isNode(node)) return;
    const text = ` ${GONE_MARK} on ${this.date}: delete this ${what} if it was removed on purpose`;
    if (node.commentBefore?.includes(GONE_MARK)) return;
    node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${text}` : text;
  }
}

function isNode(n: unknown): n is Node {
  return isScalar(n) || isMap(n) || isSeq(n);
}

function unmark(node: unknown): void {
  if (!isNode(node) || !node.commentBefore?.includes(GONE_MARK)) return;
  const rest = node.commentBefore.split('\n').filter((l) => !l.includes(GONE_MARK)).join('\n');
  node.commentBefore = rest === '' ? undefined : rest;
}

/** Inserts `item` right after `previous` (or first when there is none), so new entries follow the live order. */
function insertAfter<T>(items: T[], previous: T | undefined, item: T): void {
  const at = previous === undefined ? 0 : items.indexOf(previous) + 1;
  items.splice(at, 0, item);
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((p) => keyOf(p) === key);
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string' && UUID.test(a) && UUID.test(b)) {
    return a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();
  }
  return false;
}
