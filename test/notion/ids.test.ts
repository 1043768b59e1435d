import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDashedId } from '../../src/notion/ids.js';

/** The definition: trimmed and lowercased; 32 hex digits (dashes ignored) dashed 8-4-4-4-12. */
function reference(id: string): string {
  const compact = id.trim().toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(compact)) return id.trim().toLowerCase();
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

describe('toDashedId', () => {
  it('matches its definition on UUIDs in every form, near misses and random strings', () => {
    const hex = fc.stringMatching(/^[0-9a-fA-F]{32}$/);
    const forms = hex.chain((h) => fc.constantFrom(
      h, h.toLowerCase(), reference(h), reference(h).toUpperCase(), ` ${reference(h)}`, `${reference(h)}\n`, `${reference(h)}-`,
      reference(h).replace('-', ''), `-${h}`, h.slice(1), `${reference(h).slice(0, 8)}--${reference(h).slice(9)}`,
    ));
    fc.assert(fc.property(fc.oneof(forms, fc.string()), (id) => { expect(toDashedId(id)).toBe(reference(id)); }), { numRuns: 3000 });
  });
});
