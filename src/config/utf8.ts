import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../model/common.js';

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return i;
    if (n > 1 && !isUtf8(bytes.subarray(i, i + n))) return i;
    i += n;
  }
  return -1;
}

/**
 * The one error for a file that is not UTF-8, at the first bad byte (line and column counted in
 * the valid text before it). Null for a valid file.
 */
export function invalidUtf8(bytes: Uint8Array, file: string): Diagnostic | null {
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return null;
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const col = Buffer.from(bytes.subarray(lineStart, at)).toString('utf8').length + 1;
  return {
    severity: 'error', code: 'invalid-utf8',
    message: `the file is not valid UTF-8: byte 0x${(bytes[at] as number).toString(16).padStart(2, '0')} at line ${line}, col ${col}`,
    hint: 'schema files are UTF-8; re-save it as UTF-8 (e.g. from Latin-1 or Windows-1252) and check the characters there',
    location: { file, line, col },
  };
}
