import type { SourceLocation } from '../model/common.js';

/**
 * A text's UTF-8 bytes as a one-byte string (each byte one character, latin1), for the fast YAML
 * reader. V8 keeps a string with any character above U+00FF in two bytes per character, and so
 * every substring cut from it: one emoji in a 19 MB schema made every key and value of the parse
 * two-byte (a quarter more CPU and memory for validate). YAML's syntax is ASCII, so the reader
 * reads the bytes as they are and decodes only the strings that hold a byte of 0x80 or more.
 * Invariant: `s` is the UTF-8 encoding of a well-formed text; `runs` holds, in order, the
 * [start, end) offsets of its runs of bytes ≥ 0x80 (non-empty: an ASCII text needs none of this).
 */
export interface ByteText {
  readonly s: string;
  readonly runs: Int32Array;
}

const HIGH_RUN = /[\x80-\xff]+/g;

/** The byte text of `text`, or null when it is ASCII (read as it is) or holds a lone surrogate (no UTF-8 form: read as it is). */
export function toByteText(text: string): ByteText | null {
  // eslint-disable-next-line no-control-regex -- ASCII is the point
  if (!/[^\x00-\x7f]/.test(text) || !(text as unknown as { isWellFormed(): boolean }).isWellFormed()) return null;
  return byteTextOf(Buffer.from(text, 'utf8'));
}

/** The byte text of valid UTF-8 bytes holding at least one byte ≥ 0x80. */
export function byteTextOf(bytes: Buffer): ByteText {
  const s = bytes.toString('latin1');
  const runs: number[] = [];
  HIGH_RUN.lastIndex = 0;
  for (let m = HIGH_RUN.exec(s); m !== null; m = HIGH_RUN.exec(s)) runs.push(m.index, m.index + m[0].length);
  return { s, runs: Int32Array.from(runs) };
}

/** The UTF-8 text of a byte string cut from a ByteText (whole characters). */
export const decodeBytes = (raw: string): string => Buffer.from(raw, 'latin1').toString('utf8');

/**
 * Whether [p, end) of a ByteText holds a byte ≥ 0x80. Amortised O(1) for ranges asked in
 * increasing order (as a reader asks), a binary search otherwise.
 */
export class HighBytes {
  private i = 0;

  constructor(readonly runs: Int32Array) {}

  has(p: number, end: number): boolean {
    const r = this.runs;
    let i = this.i;
    // Run i is the first whose end is past p.
    if (i > 0 && (r[2 * i - 1] as number) > p) {
      let low = 0;
      let high = i;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((r[2 * mid + 1] as number) > p) high = mid;
        else low = mid + 1;
      }
      i = low;
    } else {
      while (2 * i < r.length && (r[2 * i + 1] as number) <= p) i++;
    }
    this.i = i;
    return p < end && 2 * i < r.length && (r[2 * i] as number) < end;
  }
}

/** The string of [p, end) of a byte text, decoded when it holds a byte ≥ 0x80. */
export function cut(s: string, high: HighBytes, p: number, end: number): string {
  const raw = s.slice(p, end);
  return high.has(p, end) ? decodeBytes(raw) : raw;
}

/** C0 controls but tab and LF, DEL, and the lead bytes of C1 controls (C2) and of U+FEFF, U+FFFE, U+FFFF (EF): checked further. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT_BYTES = /[\x00-\x08\x0b-\x1f\x7f\xc2\xef]/g;

/**
 * `printable` (fast-yaml-scan.ts) on a byte text: no control character but tab and line breaks
 * (C1 controls are C2 80–9F in UTF-8), no U+FEFF, U+FFFE or U+FFFF, every CR followed by LF.
 * A well-formed text has no surrogate to check.
 */
export function printableBytes(s: string, from: number): boolean {
  SUSPECT_BYTES.lastIndex = from;
  for (let m = SUSPECT_BYTES.exec(s); m !== null; m = SUSPECT_BYTES.exec(s)) {
    const i = m.index;
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if (c === 0xc2 ? d >= 0xa0 : c === 0xef ? !(d === 0xbb && s.charCodeAt(i + 2) === 0xbf) && !(d === 0xbf && s.charCodeAt(i + 2) >= 0xbe) : c === 0x0d && d === 0x0a) continue;
    return false;
  }
  return true;
}

/**
 * Byte offsets of a byte text → 1-based line and column in UTF-16 units of the text (as
 * line-index.ts counts them): a line holding bytes ≥ 0x80 before the offset is decoded to count.
 */
export function byteLineIndex(bt: ByteText, file: string, lines: (offset: number) => SourceLocation): (offset: number) => SourceLocation {
  const high = new HighBytes(bt.runs);
  return (offset) => {
    const loc = lines(offset);
    const start = offset - (loc.col - 1);
    return high.has(start, offset) ? { file, line: loc.line, col: decodeBytes(bt.s.slice(start, offset)).length + 1 } : loc;
  };
}
