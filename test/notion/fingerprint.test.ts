import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint, VOLATILE_KEYS } from '../../src/notion/fingerprint.js';

/** The definition: JSON.stringify of a copy with keys sorted, volatile keys and undefined dropped. */
function reference(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (v instanceof Map) return canonical(Object.fromEntries(v));
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : canonical(x)));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        if (VOLATILE_KEYS.has(key)) continue;
        const x = (v as Record<string, unknown>)[key];
        // An own `__proto__` key stays a key (a plain assignment would set the prototype).
        if (x !== undefined) Object.defineProperty(out, key, { value: canonical(x), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(canonical(value)) ?? 'null';
}

const keys = fc.oneof(fc.string(), fc.constantFrom('fingerprint', 'request_id', 'a', 'b', 'B', 'é', '__proto__', '1', '10', '2'));
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonicalJson', () => {
  it('is JSON.stringify of the sorted copy, for random values (strings, odd numbers, undefined, volatile and numeric keys)', () => {
    fc.assert(fc.property(values, (v) => { expect(canonicalJson(v)).toBe(reference(v)); }), { numRuns: 3000 });
  });

  it('sorts keys at every level and leaves out volatile ones and undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [undefined, 2], c: undefined }, fingerprint: 'x', last_edited_time: 't' })).toBe('{"a":{"d":[null,2]},"b":1}');
    expect(canonicalJson(new Map([['z', 1], ['y', NaN]]))).toBe('{"y":null,"z":1}');
  });

  it('gives equal fingerprints regardless of key order, different ones for different values', () => {
    expect(fingerprint({ a: 1, b: [1, 2] })).toBe(fingerprint({ b: [1, 2], a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });
});
