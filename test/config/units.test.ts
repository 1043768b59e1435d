import { describe, expect, it } from 'vitest';
import { formulaRefs } from '../../src/config/formula-refs.js';
import { parseIcon } from '../../src/config/icon.js';
import { isUuid, normalizeUuid } from '../../src/config/uuid.js';

describe('parseIcon', () => {
  it('reads emoji (with modifiers, flags, keycaps, ZWJ sequences) and http(s) URLs', () => {
    for (const e of ['🏢', '👍🏽', '🇯🇵', '1️⃣', '👩‍💻', '☕', '🗂️']) expect(parseIcon(e), e).toEqual({ type: 'emoji', emoji: e });
    expect(parseIcon('https://example.com/a.png')).toEqual({ type: 'external', url: 'https://example.com/a.png' });
    expect(parseIcon('http://example.com/a.png')).toEqual({ type: 'external', url: 'http://example.com/a.png' });
  });

  it('rejects words, other schemes and broken URLs', () => {
    for (const bad of ['building', 'ftp://x.org/i.png', 'javascript:alert(1)', 'https://', '🏢 CRM', '123', '-']) expect(parseIcon(bad), bad).toBeNull();
  });
});

describe('formulaRefs', () => {
  it('finds prop("…") references with escapes and spacing', () => {
    expect(formulaRefs('prop("A") + prop( "B c" ) * prop("Say \\"hi\\"") + myprop("X")').map((r) => r.name)).toEqual(['A', 'B c', 'Say "hi"']);
    expect(formulaRefs('now()')).toEqual([]);
  });
});

describe('uuid', () => {
  it('accepts dashed and dashless UUIDs in any case and normalises to lowercase dashed', () => {
    expect(isUuid('0C5E1B2A3D4F4A5B8C9D0E1F2A3B4C5D')).toBe(true);
    expect(isUuid('0c5e1b2a-3d4f-4a5b-8c9d-0e1f2a3b4c5d')).toBe(true);
    expect(isUuid('0c5e1b2a-3d4f4a5b-8c9d-0e1f2a3b4c5d')).toBe(false);
    expect(isUuid('0c5e1b2a3d4f4a5b8c9d0e1f2a3b4c5')).toBe(false);
    expect(isUuid('zc5e1b2a3d4f4a5b8c9d0e1f2a3b4c5d')).toBe(false);
    expect(normalizeUuid('0C5E1B2A3D4F4A5B8C9D0E1F2A3B4C5D')).toBe('0c5e1b2a-3d4f-4a5b-8c9d-0e1f2a3b4c5d');
  });
});
