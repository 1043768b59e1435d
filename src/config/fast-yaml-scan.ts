import { decodeBytes, type HighBytes } from './byte-text.js';
import { BOOL_RE, constructFloat, constructInt, FLOAT_RE, INT_RE, NULL_RE } from './yaml-core-schema.js';

/** Thrown when the text leaves the subset fast-yaml.ts reads: the caller then takes the js-yaml path. */
export class YamlBail extends Error {}

/** Sets obj[key] as js-yaml does (`__proto__` as an own property). */
export function store(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { configurable: true, enumerable: true, writable: true, value });
  else obj[key] = value;
}

export const SP = 0x20;
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const HASH = 0x23;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const DASH = 0x2d;
export const DQ = 0x22;
export const SQ = 0x27;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;

/** How the last plain scalar of a block ended: at the line end, at `: ` (a key), at ` #`. */
export const STOP_EOL = 0;
export const STOP_KEY = 1;
export const STOP_COMMENT = 2;

/** Characters that cannot start a plain scalar here (indicators, tab, line ends, `?` and `:`). */
const NOT_FIRST = new Uint8Array(128);
for (const ch of ',[]{}#&*!|>\'"%@`?:\t\n\r') NOT_FIRST[ch.charCodeAt(0)] = 1;

/** Characters after a `-` that make it an indicator rather than a plain scalar's first character. */
const NOT_AFTER_DASH = new Uint8Array(128);
for (const ch of ' \t\n\r,[]{}') NOT_AFTER_DASH[ch.charCodeAt(0)] = 1;

/** Character classes of plain scalars (ASCII; others are ordinary): in flow collections and in blocks. */
const ORDINARY = 0;
const SPACE = 1;
const FLOW_END = 2;
const COLON_CLASS = 3;
const LINE_END = 4;
const REFUSED = 5;
const FLOW_CLASS = new Uint8Array(128);
const BLOCK_CLASS = new Uint8Array(128);
for (const [table, chars, cls] of [
  [FLOW_CLASS, ' ', SPACE], [FLOW_CLASS, ',[]{}', FLOW_END], [FLOW_CLASS, ':', COLON_CLASS], [FLOW_CLASS, '\t\n\r', REFUSED],
  [BLOCK_CLASS, ' ', SPACE], [BLOCK_CLASS, ':', COLON_CLASS], [BLOCK_CLASS, '\n\r', LINE_END], [BLOCK_CLASS, '\t', REFUSED],
] as const) {
  for (const ch of chars) table[ch.charCodeAt(0)] = cls;
}

/** Characters YAML (or js-yaml) does not allow in a stream, CR (checked for a following LF) and surrogates (checked for pairs). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/g;

/** True when every character from `from` on is printable YAML, every CR is followed by LF and every surrogate is paired. */
export function printable(s: string, from: number): boolean {
  SUSPECT.lastIndex = from;
  for (let m = SUSPECT.exec(s); m !== null; m = SUSPECT.exec(s)) {
    const i = m.index;
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if (c === CR && d === LF) continue;
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      SUSPECT.lastIndex = i + 2;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * A plain scalar's value as the js-yaml core schema (yaml-core-schema.ts, `coreSchema`) resolves it: null,
 * boolean, integer, float, else the string itself. `raw` is never empty.
 */
export function resolvePlain(raw: string): unknown {
  const c = raw.charCodeAt(0);
  // Only `+,-./`, digits, `~` and t/T/f/F/n/N can start a null, boolean or number.
  if (!(c >= 0x2b && c <= 0x39) && c !== 0x7e && c !== 0x74 && c !== 0x54 && c !== 0x66 && c !== 0x46 && c !== 0x6e && c !== 0x4e) return raw;
  if (NULL_RE.test(raw)) return null;
  if (BOOL_RE.test(raw)) return c === 0x74 || c === 0x54;
  if (INT_RE.test(raw)) return constructInt(raw);
  if (FLOAT_RE.test(raw)) return constructFloat(raw);
  return raw;
}

/** Double-quoted escapes with one character (YAML 1.2, as js-yaml and `yaml` read them). */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The character-level half of the fast YAML reader: line navigation, plain and quoted scalars.
 * Positions are UTF-16 indexes into `s`; with `high` set, `s` is a byte text (byte-text.ts):
 * positions are byte offsets, and every string cut from it that holds a byte ≥ 0x80 is decoded. Invariant: `ls` is the start of the line holding the
 * position being read; after a node, `pos` is the next content line's first non-space character
 * (`n` at the end) and `ind` its indentation (-1 at the end).
 */
export class Scanner {
  pos = 0;
  ind = -1;
  ls = 0;
  /** How the last plainBlock ended (STOP_*), and where its `:` is for STOP_KEY. */
  stop = STOP_EOL;
  colon = 0;
  /** Just past the last quoted scalar or flow collection. */
  after = 0;

  constructor(readonly s: string, readonly n: number, protected readonly high: HighBytes | null = null) {}

  /** The text of [p, end), decoded when `s` is a byte text and the range holds a byte ≥ 0x80. */
  protected cut(p: number, end: number): string {
    const raw = this.s.slice(p, end);
    return this.high !== null && this.high.has(p, end) ? decodeBytes(raw) : raw;
  }

  protected bail(reason: string): never {
    throw new YamlBail(reason);
  }

  protected spaces(p: number): number {
    const s = this.s;
    while (s.charCodeAt(p) === SP) p++;
    return p;
  }

  /** True when position p ends a token: a space, a line end or the end of the text. */
  protected sep(p: number): boolean {
    const c = this.s.charCodeAt(p);
    return c === SP || c === LF || c === CR || p >= this.n;
  }

  /** True when p is a block sequence's `-` indicator. */
  protected isDash(p: number): boolean {
    return this.s.charCodeAt(p) === DASH && this.sep(p + 1);
  }

  /** Bails unless c (followed by d) can start a plain scalar. */
  protected plainStart(c: number, d: number): void {
    if (c !== c || (c < 128 && NOT_FIRST[c] === 1) || (c === DASH && (d !== d || (d < 128 && NOT_AFTER_DASH[d] === 1)))) {
      this.bail('not a plain scalar');
    }
  }

  /** From p (after a node on its line): spaces, an optional comment, the line end. Returns the next line's start. */
  protected endLine(p: number): number {
    const s = this.s;
    const q = this.spaces(p);
    const c = s.charCodeAt(q);
    if (c === LF) return q + 1;
    if (q >= this.n) return q;
    if (c === HASH && q > 0 && s.charCodeAt(q - 1) === SP) {
      const e = s.indexOf('\n', q);
      return e < 0 ? this.n : e + 1;
    }
    if (c === CR && s.charCodeAt(q + 1) === LF) return q + 2;
    return this.bail('unexpected text after a node');
  }

  /**
   * From a line start: past blank and comment-only lines to the next content. Sets ind and ls;
   * returns the content's position (n at the end). A `---` or `...` line bails unless `marker`.
   */
  protected content(p: number, marker = false): number {
    const s = this.s;
    for (;;) {
      const start = p;
      while (s.charCodeAt(p) === SP) p++;
      const c = s.charCodeAt(p);
      if (c === LF) p++;
      else if (c === HASH) {
        const e = s.indexOf('\n', p);
        p = e < 0 ? this.n : e + 1;
      } else if (c === CR && s.charCodeAt(p + 1) === LF) p += 2;
      else if (p >= this.n) {
        this.ind = -1;
        return this.n;
      } else {
        if (c === TAB) this.bail('a tab in indentation');
        this.ind = p - start;
        this.ls = start;
        // `---` and `...` at a line start are document markers (and `---x` is left to js-yaml too).
        if (!marker && p === start && (c === DASH || c === 0x2e) && s.charCodeAt(p + 1) === c && s.charCodeAt(p + 2) === c) {
          this.bail('a document marker');
        }
        return p;
      }
    }
  }

  /** True when p starts `---` or `...` followed by a separator. */
  protected isMarker(p: number): boolean {
    const c = this.s.charCodeAt(p);
    return this.s.charCodeAt(p + 1) === c && this.s.charCodeAt(p + 2) === c && this.sep(p + 3);
  }

  /** A plain scalar in block context from p (first character checked): sets stop and colon, returns its end without trailing spaces. */
  protected plainBlock(p: number): number {
    const s = this.s;
    const n = this.n;
    let end = p;
    for (; p < n; p++) {
      const c = s.charCodeAt(p);
      const k = c < 128 ? BLOCK_CLASS[c] : ORDINARY;
      if (k === ORDINARY) end = p + 1;
      else if (k === SPACE) {
        if (s.charCodeAt(p + 1) === HASH) {
          this.stop = STOP_COMMENT;
          return end;
        }
      } else if (k === COLON_CLASS) {
        if (this.sep(p + 1)) {
          this.stop = STOP_KEY;
          this.colon = p;
          return end;
        }
        end = p + 1;
      } else if (k === LINE_END) break;
      else this.bail('a tab in a plain scalar');
    }
    this.stop = STOP_EOL;
    return end;
  }

  /** A plain scalar in a flow collection from p (first character checked): its end without trailing spaces. */
  protected plainFlow(p: number): number {
    const s = this.s;
    let end = p;
    for (; p < this.n; p++) {
      const c = s.charCodeAt(p);
      const k = c < 128 ? FLOW_CLASS[c] : ORDINARY;
      if (k === ORDINARY) end = p + 1;
      else if (k === SPACE) {
        if (s.charCodeAt(p + 1) === HASH) this.bail('a comment in a flow collection');
      } else if (k === FLOW_END) return end;
      else if (k === COLON_CLASS) {
        const d = s.charCodeAt(p + 1);
        if (d === SP || (d < 128 && FLOW_CLASS[d] === FLOW_END)) return end;
        if (d !== d || d === LF || d === CR || d === TAB) this.bail('a flow collection over several lines');
        end = p + 1;
      } else this.bail('a flow collection over several lines');
    }
    return this.bail('an unclosed flow collection');
  }

  /** A single-line single-quoted scalar at p (the quote); sets after. */
  protected single(p: number): string {
    const s = this.s;
    let out = '';
    let from = p + 1;
    for (let i = from; ; i++) {
      const c = s.charCodeAt(i);
      if (c === SQ) {
        if (s.charCodeAt(i + 1) !== SQ) {
          this.after = i + 1;
          const value = out + s.slice(from, i);
          return this.high !== null && this.high.has(p + 1, i) ? decodeBytes(value) : value;
        }
        out += s.slice(from, i + 1);
        from = ++i + 1;
      } else if (c === LF || c === CR || i >= this.n) this.bail('a multi-line quoted scalar');
    }
  }

  /** A single-line double-quoted scalar at p (the quote), escapes resolved; sets after. */
  protected double(p: number): string {
    const s = this.s;
    let out = '';
    let from = p + 1;
    for (let i = from; ; i++) {
      const c = s.charCodeAt(i);
      if (c === DQ) {
        this.after = i + 1;
        return out + this.cut(from, i);
      }
      if (c === 0x5c) {
        out += this.cut(from, i);
        const e = s[i + 1] ?? '';
        const simple = ESCAPES[e];
        if (simple !== undefined) i++;
        else {
          const len = HEX_LENGTH[e];
          const hex = s.slice(i + 2, i + 2 + (len ?? 0));
          if (len === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.bail('an escape');
          const code = parseInt(hex, 16);
          if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.bail('an escape of no character');
          out += String.fromCodePoint(code);
          i += 1 + len;
        }
        if (simple !== undefined) out += simple;
        from = i + 1;
      } else if (c === LF || c === CR || i >= this.n) this.bail('a multi-line quoted scalar');
    }
  }
}
