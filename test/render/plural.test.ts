import { describe, expect, it } from 'vitest';
import { applyCountsLine } from '../../src/render/index.js';
import { counted } from '../../src/render/plural.js';

describe('counted', () => {
  it('puts the noun in the right number', () => {
    expect(counted(1, 'page')).toBe('1 page');
    expect(counted(0, 'page')).toBe('0 pages');
    expect(counted(1234, 'request')).toBe('1,234 requests');
  });
  it('the apply summary says "1 request"', () => {
    const r = { ok: true, steps: [{ step: 's1', status: 'applied' as const }], created: [], requests: 1, elapsed_ms: 1200, verification: [] };
    expect(applyCountsLine(r)).toBe('1 applied, 0 skipped, 0 failed; 1 request in 1.2 s.');
  });
});
