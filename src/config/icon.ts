import type { Icon } from '../model/common.js';

const EMOJI_CHAR = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
/** One pictographic code point, optionally with the emoji presentation selector: one grapheme, no segmenter needed. */
const ONE_PICTOGRAPH = /^\p{Extended_Pictographic}\uFE0F?$/u;

let segmenter: Intl.Segmenter | undefined;

/** How many user-perceived characters (grapheme clusters) `value` has: "👩‍💻" and "🇫🇷" are one. */
function graphemes(value: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(value)) n++;
  return n;
}

/**
 * Reads an icon string: an http(s) URL becomes an external icon, a single emoji an emoji icon (exactly one
 * emoji: one grapheme cluster). Returns null for anything else (e.g. a word, or a URL of another scheme). Pure.
 */
export function parseIcon(value: string): Icon | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:' ? { type: 'external', url: value } : null;
    } catch {
      return null;
    }
  }
  if (value.length > 32 || /[A-Za-z\s]/.test(value) || !EMOJI_CHAR.test(value)) return null;
  // The segmenter costs ~20 ms to start: most icons are one pictograph and need none.
  if (!ONE_PICTOGRAPH.test(value) && graphemes(value) !== 1) return null;
  return { type: 'emoji', emoji: value };
}
