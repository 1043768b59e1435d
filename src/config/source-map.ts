import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './lazy-yaml.js';
import type { SourceLocation } from '../model/common.js';
import type { Path } from './raw.js';

/**
 * Maps paths in the parsed value back to positions in the YAML source.
 * `key` points at a map entry's key (`Stage:`), `value` at its value.
 */
export interface SourceMap {
  at(path: Path, target?: 'key' | 'value'): SourceLocation;
  /** Location of a byte offset. */
  offset(pos: number): SourceLocation;
  /**
   * The entries of `obj` (the value at `path`) in file order. Plain objects put integer-like keys
   * first (a property named "2024"), so order is taken from the YAML mapping; keys it does not
   * list directly (merged in with `<<`) follow in object order.
   */
  entries<T>(obj: Readonly<Record<string, T>>, path: Path): [string, T][];
  /**
   * The location of each key `entries(obj, path)` lists, in its order (`at([...path, key], 'key')`
   * of each), when the map knows them all without a look-up per key; else undefined (ask `at`).
   */
  keyLocations?<T>(obj: Readonly<Record<string, T>>, path: Path): readonly SourceLocation[] | undefined;
  /** Location of character `index` of the string scalar at `path` (set by readYaml; else use `at`). */
  within?(path: Path, index: number): SourceLocation;
}

/** Splits an ajv `instancePath` (JSON pointer) into segments. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function createSourceMap(doc: Document, lineCounter: LineCounter, file: string): SourceMap {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLib();
  const offset = (pos: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(pos);
    return { file, line, col };
  };
  const start = (node: unknown): number | undefined => {
    if (node && typeof node === 'object' && 'range' in node) {
      const r = (node as Node).range;
      if (r) return r[0];
    }
    return undefined;
  };

  const nodeAt = (path: Path): unknown => {
    let node: unknown = doc.contents;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (!isMap(node)) return undefined;
      node = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg))?.value;
    }
    return isAlias(node) ? node.resolve(doc) : node;
  };

  return {
    offset,
    entries(obj, path) {
      const node = nodeAt(path);
      const order: string[] = [];
      const seen = new Set<string>();
      const add = (k: string): void => {
        if (!seen.has(k) && Object.hasOwn(obj, k)) {
          seen.add(k);
          order.push(k);
        }
      };
      if (isMap(node)) for (const p of node.items) if (isScalar(p.key)) add(String(p.key.value));
      for (const k of Object.keys(obj)) add(k);
      return order.map((k) => [k, obj[k] as (typeof obj)[string]]);
    },
    at(path, target = 'value') {
      let node: unknown = doc.contents;
      let best = start(node) ?? 0;
      for (const seg of path) {
        if (isAlias(node)) node = node.resolve(doc);
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
          if (!pair) break;
          node = pair.value;
          best = start(pair.value) ?? start(pair.key) ?? best;
          if (target === 'key' || pair.value === null) best = start(pair.key) ?? best;
        } else if (isSeq(node)) {
          const item = node.items[Number(seg)];
          if (item === undefined) break;
          node = item;
          best = start(item) ?? best;
        } else {
          break;
        }
      }
      return offset(best);
    },
  };
}
