import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../src/config/suggest.js';

describe('editDistance / did you mean', () => {
  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('format', 'formt')).toBe(1);
    expect(editDistance('grene', 'green')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('is zero on equal strings, symmetric and bounded by the longer length (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
      expect(editDistance(a, a)).toBe(0);
      expect(editDistance(a, b)).toBe(editDistance(b, a));
      expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
    }));
  });

  it('suggests close candidates only', () => {
    expect(didYouMean('databse', ['version', 'databases'])).toBe('did you mean "databases"?');
    expect(closest('GRENE', ['green', 'red'])).toBe('green');
    expect(closest('zzzzzz', ['format', 'type'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});
