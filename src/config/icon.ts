import type { Icon } from '../model/common.js';

const EMOJI_CHAR = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/**
 * Reads an icon string: an http(s) URL becomes an external icon, a single emoji an emoji icon.
 * Returns null for anything else (e.g. a word, or a URL of another scheme). Pure.
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
  return { type: 'emoji', emoji: value };
}
