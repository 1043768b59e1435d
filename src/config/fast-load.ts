import type * as JsYaml from 'js-yaml';
import { jsYamlLib } from './lazy-js-yaml.js';
import { toByteText, type ByteText } from './byte-text.js';
import { EAGER_INDEX_DEPTH, fastYaml } from './fast-yaml.js';
import { coreSchema } from './yaml-core-schema.js';

/**
 * Where each entry of one YAML mapping starts, in file order. Offsets are UTF-16 indexes into
 * the text as given (a leading BOM included). Invariant: `keys[i]` is an own key of the parsed
 * object; `at[2i]` is its key's offset, `at[2i+1]` its value's (for an empty value, the place
 * right after the `:` and its spaces, as the `yaml` package reports it). `keys`, `alias` and
 * `merges` are read only: fast-yaml.ts shares (frozen) equal arrays between mappings.
 */
export interface MapInfo {
  readonly kind: 'map';
  readonly keys: string[];
  readonly at: number[];
  /** Bit i set: entry i's value is an alias (`*name`). */
  readonly alias: boolean[];
  /** Values merged in with `<<` (alias targets), for counting alias expansions. */
  readonly merges: { readonly alias: boolean; readonly target: unknown }[];
  /** Built on first lookup of a large mapping: key → entry index. */
  lookup?: Map<string, number>;
}

/** Where each item of one YAML sequence starts; `alias[i]`: item i is an alias (`alias` is read only, maybe shared). */
export interface SeqInfo {
  readonly kind: 'seq';
  readonly at: number[];
  readonly alias: boolean[];
}

/**
 * The position index of a parse: per mapping/sequence object of the value (aliases share one).
 * Complete unless `full` is set: then `infos` holds only the collections nested at most
 * EAGER_INDEX_DEPTH deep (what the normaliser asks for on every load: databases, data sources,
 * property names), and `full()` reads the text again with every collection indexed, returning
 * that parse's value (equal to this one, other objects) with its complete index.
 */
export interface NodeIndex {
  readonly infos: ReadonlyMap<object, MapInfo | SeqInfo>;
  /** How many aliases the file has (0: nothing to count). */
  readonly aliases: number;
  /** Offset of the root node. */
  readonly root: number;
  readonly full?: () => { readonly value: unknown; readonly index: NodeIndex };
}

/** The outcome of the fast path. `fallback`: read it with the `yaml` package instead (same result as before). */
export type FastLoad =
  | {
    readonly kind: 'ok'; readonly value: unknown; readonly index: NodeIndex;
    /** Set by the hand-written reader: every character of the text is printable YAML (no control character but tab and line breaks). */
    readonly printable?: true;
    /** Set when the text was read as its UTF-8 bytes (byte-text.ts): the index's offsets are byte offsets into `bytes.s`. */
    readonly bytes?: ByteText;
  }
  | { readonly kind: 'too-deep'; readonly offset: number }
  | { readonly kind: 'fallback'; readonly reason: string };

/** Deepest nesting of mappings and sequences accepted (a schema file needs about 10). */
export const MAX_DEPTH = 100;

class Bail extends Error {}

const WHITE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Records, through js-yaml's node listener, where every mapping entry and sequence item starts.
 * The children of every open node are kept in one log (columns), each node's from its frame's start on.
 */
class Recorder {
  readonly infos = new Map<object, MapInfo | SeqInfo>();
  aliases = 0;
  /** Rows of the log in use. */
  len = 0;
  private readonly cOpen: number[] = [];
  private readonly cEnd: number[] = [];
  private readonly cKind: (string | null)[] = [];
  private readonly cTag: (string | null)[] = [];
  private readonly cResult: unknown[] = [];
  private readonly frameOpen: number[] = [];
  private readonly frameStart: number[] = [0];

  constructor(private readonly src: string, private readonly shift: number) {}

  private skipBlank(pos: number): number {
    const src = this.src;
    let p = pos;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) p++;
      else if (c === 0x23) { while (p < src.length && src.charCodeAt(p) !== 0x0a) p++; }
      else return p;
    }
  }

  private skipSpaces(pos: number): number {
    let p = pos;
    for (let c = this.src.charCodeAt(p); c === 0x20 || c === 0x09; c = this.src.charCodeAt(++p));
    return p;
  }

  /** Past `&anchor` and `!tag` properties (each followed by white space). */
  private skipProps(pos: number): number {
    const src = this.src;
    let p = pos;
    while (src.charCodeAt(p) === 0x26 || src.charCodeAt(p) === 0x21) {
      while (p < src.length && !WHITE.has(src.charCodeAt(p))) p++;
      p = this.skipBlank(p);
    }
    return p;
  }

  /** Row i's content offset (after blanks and properties), or -1 - offset for an empty node. */
  contentOf(i: number): number {
    const c = this.skipProps(this.skipBlank(this.cOpen[i] as number));
    return this.cKind[i] === null && this.src.charCodeAt(c) !== 0x2a ? -1 - c : c;
  }

  private isAliasAt(i: number, c: number): boolean {
    return c >= 0 && this.cKind[i] === null;
  }

  /** A node's offset as `yaml` reports it: an empty one right after its indicator and spaces. */
  startAt(i: number, c: number): number {
    return (c < 0 ? this.skipSpaces(this.cOpen[i] as number) : c) + this.shift;
  }

  private isKey(i: number): boolean {
    return this.src.charCodeAt(this.skipSpaces(this.cEnd[i] as number)) === 0x3a;
  }

  private indexMap(result: Record<string, unknown>, from: number, to: number): MapInfo {
    const info: MapInfo = { kind: 'map', keys: [], at: [], alias: [], merges: [] };
    for (let i = from; i < to; i++) {
      if (!this.isKey(i)) {
        if (this.contentOf(i) < 0) continue; // the attempt that found the end of the mapping
        throw new Bail('a mapping entry without a value');
      }
      const key = this.cResult[i];
      // `yaml` names a null key "" where js-yaml names it "null"; complex keys are rare: leave both to `yaml`.
      if (key === null || typeof key === 'object') throw new Bail('a null or complex key');
      const v = i + 1;
      if (v >= to || this.isKey(v)) throw new Bail('a key without a value node');
      const vc = this.contentOf(v);
      const alias = this.isAliasAt(v, vc);
      if (alias) this.aliases++;
      if (this.cTag[i] === 'tag:yaml.org,2002:merge') info.merges.push({ alias, target: this.cResult[v] });
      else {
        info.keys.push(String(key));
        info.at.push(this.startAt(i, this.contentOf(i)), this.startAt(v, vc));
        info.alias.push(alias);
      }
      i = v;
    }
    let own = 0;
    for (const k in result) if (Object.hasOwn(result, k)) own++;
    if (info.merges.length === 0 ? own !== info.keys.length : info.keys.some((k) => !Object.hasOwn(result, k))) {
      throw new Bail('mapping keys do not match');
    }
    return info;
  }

  private indexSeq(result: unknown[], from: number, to: number): SeqInfo {
    if (to - from !== result.length) throw new Bail('sequence items do not match');
    const info: SeqInfo = { kind: 'seq', at: [], alias: [] };
    for (let i = from; i < to; i++) {
      const c = this.contentOf(i);
      const alias = this.isAliasAt(i, c);
      if (alias) this.aliases++;
      info.at.push(this.startAt(i, c));
      info.alias.push(alias);
    }
    return info;
  }

  /** js-yaml's listener: on `open` a frame starts; on `close` the node is indexed and logged. */
  readonly listener = (event: string, state: JsYaml.State): void => {
    if (event === 'open') {
      this.frameOpen.push(state.position);
      this.frameStart.push(this.len);
      return;
    }
    const open = this.frameOpen.pop() as number;
    const from = this.frameStart.pop() as number;
    const r = state.result as unknown;
    const kind = state.kind ?? null;
    if (r !== null && typeof r === 'object' && (kind === 'mapping' || kind === 'sequence') && !this.infos.has(r)) {
      this.infos.set(r, Array.isArray(r) ? this.indexSeq(r, from, this.len) : this.indexMap(r as Record<string, unknown>, from, this.len));
    }
    // The loader re-reads from an earlier position after a failed attempt: drop what it undid.
    let n = from;
    const parentFrom = this.frameStart[this.frameStart.length - 1] as number;
    while (n > parentFrom && (this.cOpen[n - 1] as number) >= open) n--;
    this.cOpen[n] = open;
    this.cEnd[n] = state.position;
    this.cKind[n] = kind;
    this.cTag[n] = (state as JsYaml.State & { tag: string | null }).tag;
    this.cResult[n] = r;
    this.len = n + 1;
  };
}

/**
 * Parses `text` with js-yaml (YAML 1.2 core schema, see yaml-core-schema.ts) and records, through
 * its node listener, where every mapping entry and sequence item starts. Linear in the text.
 * Anything the index cannot describe exactly (explicit `?` keys, keys without values in flow
 * mappings, empty sequence items, complex keys), and every parse error, asks for the fallback:
 * the `yaml` package then reports it exactly as before.
 */
export function jsYamlLoad(text: string): FastLoad {
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0; // js-yaml drops a leading BOM
  const src = shift ? text.slice(1) : text;
  const rec = new Recorder(src, shift);
  try {
    const value = jsYamlLib().load(src, { schema: coreSchema(), listener: rec.listener, maxDepth: MAX_DEPTH } as JsYaml.LoadOptions);
    const top = rec.len - 1;
    const c = top >= 0 ? rec.contentOf(top) : -1;
    // An empty document has no root node: `yaml` reports it at offset 0.
    const root = c >= 0 ? rec.startAt(top, c) : 0;
    return { kind: 'ok', value: value ?? null, index: { infos: rec.infos, aliases: rec.aliases, root } };
  } catch (err) {
    if (err instanceof Bail) return { kind: 'fallback', reason: err.message };
    const message = err instanceof Error ? err.message : String(err);
    if (/exceeded maxDepth/.test(message)) {
      const mark = (err as { mark?: { position?: number } }).mark;
      return { kind: 'too-deep', offset: (mark?.position ?? 0) + shift };
    }
    return { kind: 'fallback', reason: message };
  }
}

/**
 * The fast path: the hand-written reader (fast-yaml.ts) for the subset schema files use, else
 * js-yaml with its position index (jsYamlLoad); both give the same result where both read.
 */
export function fastLoad(text: string, bytes: ByteText | null = toByteText(text)): FastLoad {
  // A text with a character above U+007F is read as its bytes (null: as it is, e.g. ASCII): every
  // string cut from it is then one byte per character in memory unless it holds such a character itself.
  const fast = fastYaml(text, EAGER_INDEX_DEPTH, bytes);
  if (fast.kind !== 'ok') return jsYamlLoad(text);
  return bytes === null ? fast : { ...fast, bytes };
}

/** fastLoad of a text given as its byte text (byte-text.ts); the text itself is decoded only for the js-yaml path. */
export function fastLoadBytes(bytes: ByteText, text: () => string): FastLoad {
  const fast = fastYaml('', EAGER_INDEX_DEPTH, bytes);
  return fast.kind === 'ok' ? { ...fast, bytes } : jsYamlLoad(text());
}
