import type { FastLoad, MapInfo, NodeIndex, SeqInfo } from './fast-load.js';
import {
  COLON, COMMA, CR, DASH, DQ, HASH, LBRACE, LBRACKET, LF, printable, RBRACE, RBRACKET, resolvePlain, Scanner, SQ,
  STOP_KEY, store, YamlBail,
} from './fast-yaml-scan.js';
import { blockScalar } from './fast-yaml-block.js';
import { decodeBytes, HighBytes, printableBytes, type ByteText } from './byte-text.js';
import { EAGER_INDEX_DEPTH, falses, NO_MERGES, take } from './fast-yaml-index.js';

export { EAGER_INDEX_DEPTH } from './fast-yaml-index.js';

/** Nesting depth past which this reader gives up (js-yaml then reports anything past MAX_DEPTH exactly). */
const DEPTH_LIMIT = 64;

/** Longest implicit key `yaml` accepts is 1024 characters up to its `:`; stay well below. */
const KEY_LIMIT = 1000;

/**
 * The structural half of the fast YAML reader: block mappings and sequences (by indentation),
 * single-line flow collections, and the position index of every collection (MapInfo/SeqInfo).
 */
class Parser extends Scanner {
  readonly infos = new Map<object, MapInfo | SeqInfo>();
  depth = 0;
  root = 0;
  /** Whether a collection was left out of `infos` (nested deeper than indexDepth). */
  partial = false;
  /** Scratch stacks of the open collections' keys, offsets and items (`*Top`: in use), sliced to exact size when one closes. */
  private readonly keyStack: string[] = [];
  private readonly atStack: number[] = [];
  private readonly itemStack: unknown[] = [];
  private keyTop = 0;
  private atTop = 0;
  private itemTop = 0;
  /** Recent short plain scalars and their values, by a hash of length and characters: repeated keys and words share one string. */
  private readonly words: string[] = new Array<string>(1024).fill('');
  private readonly wordValues: unknown[] = new Array<unknown>(1024).fill(null);
  /** By length: the keys array of the last mapping closed with that many keys. */
  private readonly lastKeys: (string[] | undefined)[] = [];
  /** The text of the last plainValue. */
  private raw = '';

  /** `indexDepth`: collections nested deeper are left out of `infos` (EAGER_INDEX_DEPTH; Infinity: all). */
  constructor(s: string, n: number, private readonly indexDepth: number, high: HighBytes | null) {
    super(s, n, high);
  }

  /** The value of the plain scalar from p to end (resolvePlain); sets raw. Shares the strings of recent equal short scalars. */
  private plainValue(p: number, end: number): unknown {
    const s = this.s;
    const len = end - p;
    if (len > 32 || (this.high !== null && this.high.has(p, end))) return resolvePlain((this.raw = this.cut(p, end)));
    const h = (len * 61 + s.charCodeAt(p) * 7 + s.charCodeAt(end - 1) * 3 + s.charCodeAt(p + (len >> 1))) & 1023;
    const w = this.words[h] as string;
    if (w.length === len) {
      let i = 0;
      while (i < len && w.charCodeAt(i) === s.charCodeAt(p + i)) i++;
      if (i === len) {
        this.raw = w;
        return this.wordValues[h];
      }
    }
    const raw = (this.raw = this.words[h] = s.slice(p, end));
    return (this.wordValues[h] = resolvePlain(raw));
  }

  /** Records an entry of the mapping obj whose keys start at keyBase on the stack; bails on a duplicate key. */
  private pushKey(obj: Record<string, unknown>, keyBase: number, key: string, keyAt: number, valueAt: number): void {
    const stack = this.keyStack;
    if (this.keyTop - keyBase < 16) {
      for (let i = keyBase; i < this.keyTop; i++) if (stack[i] === key) this.bail('a duplicate key');
    } else if (Object.hasOwn(obj, key)) this.bail('a duplicate key');
    this.keyStack[this.keyTop++] = key;
    this.atStack[this.atTop++] = keyAt;
    this.atStack[this.atTop++] = valueAt;
  }

  private pushItem(item: unknown, itemAt: number): void {
    this.itemStack[this.itemTop++] = item;
    this.atStack[this.atTop++] = itemAt;
  }

  /** The keys from keyBase on as a frozen array: the last one of that length when it has the same keys (sibling mappings share theirs). */
  private keysFrom(keyBase: number): string[] {
    const k = this.keyTop - keyBase;
    const last = k < 64 ? this.lastKeys[k] : undefined;
    if (last !== undefined) {
      let i = 0;
      while (i < k && last[i] === this.keyStack[keyBase + i]) i++;
      if (i === k) return last;
    }
    const keys = this.keyStack.slice(keyBase, this.keyTop);
    Object.freeze(keys);
    if (k < 64) this.lastKeys[k] = keys;
    return keys;
  }

  /** Indexes a mapping whose entries are on the stacks from keyBase and atBase on, and pops them. */
  private closeMap(obj: Record<string, unknown>, keyBase: number, atBase: number): Record<string, unknown> {
    if (this.depth <= this.indexDepth) {
      const keys = this.keysFrom(keyBase);
      const at = take(this.atStack, atBase, this.atTop - atBase);
      this.infos.set(obj, { kind: 'map', keys, at, alias: falses(keys.length), merges: NO_MERGES });
    } else this.partial = true;
    this.keyTop = keyBase;
    this.atTop = atBase;
    this.depth--;
    return obj;
  }

  /** The sequence whose items are on the stacks from itemBase and atBase on, indexed; pops them. */
  private closeSeq(itemBase: number, atBase: number): unknown[] {
    const arr = take(this.itemStack, itemBase, this.itemTop - itemBase);
    if (this.depth <= this.indexDepth) {
      const at = take(this.atStack, atBase, this.atTop - atBase);
      this.infos.set(arr, { kind: 'seq', at, alias: falses(arr.length) });
    } else this.partial = true;
    this.itemTop = itemBase;
    this.atTop = atBase;
    this.depth--;
    return arr;
  }

  /** The document from `start`: an optional `---` line, then one node, then only blanks and comments. */
  document(start: number): unknown {
    let r = this.content(start, true);
    const s = this.s;
    const c = s.charCodeAt(r);
    if (r < this.n && this.ind === 0 && (c === DASH || c === 0x2e) && s.charCodeAt(r + 1) === c && s.charCodeAt(r + 2) === c) {
      if (c !== DASH || !this.isMarker(r)) this.bail('a document marker');
      r = this.content(this.endLine(r + 3));
    }
    if (r >= this.n) this.bail('an empty document');
    this.root = r;
    const value = this.node(r, this.ind, true);
    if (this.pos < this.n) this.bail('more after the root node');
    return value;
  }

  private enter(): void {
    if (++this.depth > DEPTH_LIMIT) this.bail('deep nesting');
  }

  /**
   * The node at q, in column `col`. `compact`: it may be a block mapping (`k: v`) or sequence
   * (`- x`) starting here (at a line start or after `- `); otherwise (after `k: `) only a scalar or
   * flow collection. Sets pos and ind to the next content line.
   */
  node(q: number, col: number, compact: boolean): unknown {
    const s = this.s;
    const c = s.charCodeAt(q);
    let value: unknown;
    if (c === LBRACE || c === LBRACKET || c === DQ || c === SQ) {
      value = c === LBRACE ? this.flowMap(q) : c === LBRACKET ? this.flowSeq(q) : c === DQ ? this.double(q) : this.single(q);
      const e = this.after;
      const k = this.spaces(e);
      if (s.charCodeAt(k) === COLON) {
        if (compact && (c === DQ || c === SQ) && this.sep(k + 1)) return this.map(q, col);
        this.bail('a complex key or an unexpected `:`');
      }
      this.pos = this.content(this.endLine(e));
      return value;
    }
    if (c === DASH && this.sep(q + 1)) {
      if (compact) return this.seq(q, col);
      this.bail('a sequence after a key');
    }
    if ((c === 0x7c || c === 0x3e) && !compact) {
      const block = blockScalar(s, this.n, q, col);
      this.pos = this.content(block.next);
      return this.high !== null && this.high.has(q, block.next) ? decodeBytes(block.value) : block.value;
    }
    this.plainStart(c, s.charCodeAt(q + 1));
    const end = this.plainBlock(q);
    if (this.stop === STOP_KEY) {
      if (compact) return this.map(q, col);
      this.bail('a mapping after a key on its line');
    }
    const scalar = this.plainValue(q, end);
    if (c === 0x3c && this.raw === '<<') this.bail('a merge indicator as a value');
    this.pos = this.content(this.endLine(end));
    return scalar;
  }

  /** A block mapping key at p; sets colon. */
  private key(p: number): string {
    const s = this.s;
    const c = s.charCodeAt(p);
    let key: string;
    if (c === DQ || c === SQ) {
      key = c === DQ ? this.double(p) : this.single(p);
      const k = this.spaces(this.after);
      if (s.charCodeAt(k) !== COLON || !this.sep(k + 1)) this.bail('a quoted scalar where a key was expected');
      this.colon = k;
    } else {
      this.plainStart(c, s.charCodeAt(p + 1));
      const end = this.plainBlock(p);
      if (this.stop !== STOP_KEY) this.bail('a line without a key');
      key = this.plainKey(p, end);
    }
    if (this.colon - p > KEY_LIMIT) this.bail('a long key');
    if (key === '<<') this.bail('a merge key');
    return key;
  }

  /** The plain key from p to end, named as js-yaml names it (String of its value); null and merge keys bail. */
  private plainKey(p: number, end: number): string {
    const v = this.plainValue(p, end);
    if (typeof v === 'string') {
      if (v === '<<') this.bail('a merge key');
      return v;
    }
    if (v === null) this.bail('a null key');
    return String(v);
  }

  /** A block mapping whose first key is at p, in column ind. */
  map(p: number, ind: number): Record<string, unknown> {
    this.enter();
    const s = this.s;
    const obj: Record<string, unknown> = {};
    const keyBase = this.keyTop;
    const atBase = this.atTop;
    for (;;) {
      const key = this.key(p);
      const q = this.spaces(this.colon + 1);
      const c = s.charCodeAt(q);
      let value: unknown = null;
      let vAt = q;
      if (q >= this.n || c === LF || c === CR || c === HASH) {
        const r = this.content(this.endLine(q));
        if (r < this.n && (this.ind > ind || (this.ind === ind && this.isDash(r)))) {
          vAt = r;
          value = this.node(r, this.ind, true);
        } else this.pos = r;
      } else value = this.node(q, ind, false);
      this.pushKey(obj, keyBase, key, p, vAt);
      store(obj, key, value);
      if (this.ind !== ind) break;
      p = this.pos;
    }
    if (this.ind > ind) this.bail('an indented line after a mapping entry');
    return this.closeMap(obj, keyBase, atBase);
  }

  /** A block sequence whose first `-` is at p, in column ind. */
  seq(p: number, ind: number): unknown[] {
    this.enter();
    const s = this.s;
    const itemBase = this.itemTop;
    const atBase = this.atTop;
    for (;;) {
      const q = this.spaces(p + 1);
      const c = s.charCodeAt(q);
      if (q >= this.n || c === LF || c === CR || c === HASH) {
        const r = this.content(this.endLine(q));
        if (r >= this.n || this.ind <= ind) this.bail('an empty sequence item');
        this.pushItem(this.node(r, this.ind, true), r);
      } else this.pushItem(this.node(q, q - this.ls, true), q);
      if (this.ind !== ind || !this.isDash(this.pos)) break;
      p = this.pos;
    }
    if (this.ind > ind) this.bail('an indented line after a sequence item');
    return this.closeSeq(itemBase, atBase);
  }

  /** A node inside a flow collection at q; sets after. */
  private flowItem(q: number): unknown {
    const s = this.s;
    const c = s.charCodeAt(q);
    if (c === LBRACE) return this.flowMap(q);
    if (c === LBRACKET) return this.flowSeq(q);
    if (c === DQ) return this.double(q);
    if (c === SQ) return this.single(q);
    this.plainStart(c, s.charCodeAt(q + 1));
    const end = this.plainFlow(q);
    this.after = end;
    const value = this.plainValue(q, end);
    if (c === 0x3c && this.raw === '<<') this.bail('a merge indicator as a value');
    return value;
  }

  /** After an item of a flow collection closed by `close`: true at a `,` (then pos is the next item), false at the end (after set). */
  private flowNext(close: number): boolean {
    const s = this.s;
    const q = this.spaces(this.after);
    const c = s.charCodeAt(q);
    if (c === close) {
      this.after = q + 1;
      return false;
    }
    if (c !== COMMA) this.bail('unexpected text in a flow collection');
    this.pos = this.spaces(q + 1);
    const d = s.charCodeAt(this.pos);
    if (d === close || d === COMMA) this.bail('an empty flow entry');
    return true;
  }

  /** A single-line flow sequence at p (`[`); sets after. */
  private flowSeq(p: number): unknown[] {
    this.enter();
    const itemBase = this.itemTop;
    const atBase = this.atTop;
    let q = this.spaces(p + 1);
    if (this.s.charCodeAt(q) === RBRACKET) this.after = q + 1;
    else {
      for (;;) {
        this.pushItem(this.flowItem(q), q);
        if (!this.flowNext(RBRACKET)) break;
        q = this.pos;
      }
    }
    return this.closeSeq(itemBase, atBase);
  }

  /** A flow mapping key at q; sets after. */
  private flowKey(q: number): string {
    const s = this.s;
    const c = s.charCodeAt(q);
    let key: string;
    if (c === DQ || c === SQ) key = c === DQ ? this.double(q) : this.single(q);
    else {
      this.plainStart(c, s.charCodeAt(q + 1));
      const end = this.plainFlow(q);
      this.after = end;
      key = this.plainKey(q, end);
    }
    if (this.after - q > KEY_LIMIT) this.bail('a long key');
    if (key === '<<') this.bail('a merge key');
    return key;
  }

  /** A single-line flow mapping at p (`{`); every entry `key: value`. Sets after. */
  private flowMap(p: number): Record<string, unknown> {
    this.enter();
    const s = this.s;
    const obj: Record<string, unknown> = {};
    const keyBase = this.keyTop;
    const atBase = this.atTop;
    let q = this.spaces(p + 1);
    if (s.charCodeAt(q) === RBRACE) this.after = q + 1;
    else {
      for (;;) {
        const key = this.flowKey(q);
        const k = this.spaces(this.after);
        if (s.charCodeAt(k) !== COLON || s.charCodeAt(k + 1) !== 0x20) this.bail('a flow mapping entry without `: `');
        const v = this.spaces(k + 2);
        const value = this.flowItem(v);
        this.pushKey(obj, keyBase, key, q, v);
        store(obj, key, value);
        if (!this.flowNext(RBRACE)) break;
        q = this.pos;
      }
    }
    return this.closeMap(obj, keyBase, atBase);
  }
}

/**
 * Reads `text` with a hand-written linear YAML reader for the subset schema files use: block
 * mappings and sequences, single-line flow collections, plain scalars (YAML 1.2 core, as
 * yaml-core-schema.ts), single-line quoted scalars, common block scalars (fast-yaml-block.ts),
 * comments, a `---` line, LF/CRLF, a BOM. Its result is the js-yaml path's (jsYamlLoad in
 * fast-load.ts): same value, same NodeIndex. Anything else (multi-line flow scalars or collections,
 * anchors, aliases, tags, merge keys, `?`, null or duplicate keys, tabs, several documents,
 * control characters, an empty document, any syntax doubt) returns `fallback`.
 * With `bytes` (byte-text.ts), it reads `bytes.s` instead of `text`: the value is the same, the
 * index's offsets are byte offsets into `bytes.s`.
 */
export function fastYaml(text: string, indexDepth = EAGER_INDEX_DEPTH, bytes: ByteText | null = null): FastLoad {
  const s = bytes === null ? text : bytes.s;
  const start = bytes === null ? (s.charCodeAt(0) === 0xfeff ? 1 : 0) : s.startsWith('\xef\xbb\xbf') ? 3 : 0;
  if (!(bytes === null ? printable(s, start) : printableBytes(s, start))) return { kind: 'fallback', reason: 'a character outside printable YAML' };
  const parser = new Parser(s, s.length, indexDepth, bytes === null ? null : new HighBytes(bytes.runs));
  try {
    const value = parser.document(start);
    const index: NodeIndex = { infos: parser.infos, aliases: 0, root: parser.root };
    if (!parser.partial) return { kind: 'ok', value, index, printable: true };
    let full: { readonly value: unknown; readonly index: NodeIndex } | undefined;
    const again = (): { readonly value: unknown; readonly index: NodeIndex } => {
      const r = fastYaml(text, Infinity, bytes);
      if (r.kind !== 'ok') throw new Error('internal error: a text read once did not read again');
      return { value: r.value, index: r.index };
    };
    return { kind: 'ok', value, index: { ...index, full: () => (full ??= again()) }, printable: true };
  } catch (err) {
    if (err instanceof YamlBail) return { kind: 'fallback', reason: err.message };
    throw err;
  }
}
