import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanName } from '../../src/config/formula-parse.js';

/** The definition: a letter, `_` or `$`, then letters, digits, `_` or `$` (Unicode classes). */
const NAME = /^[\p{L}_$][\p{L}\p{N}_$]*/u;

describe('formula names are scanned as the Unicode definition says', () => {
  it('agrees with the regex on random text (ASCII and other letters, digits, operators)', () => {
    const piece = fc.constantFrom('a', 'Z', '_', '$', '0', '9', 'é', 'Ж', '٣', '名', ' ', '(', '+', '.', '"', '🏢');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), fc.nat(40), (text, at) => {
      const i = Math.min(at, text.length);
      expect(scanName(text, i)).toBe(i + (NAME.exec(text.slice(i))?.[0].length ?? 0));
    }), { numRuns: 2000 });
  });
});
