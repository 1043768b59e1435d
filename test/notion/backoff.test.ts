import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay, parseRetryAfter } from '../../src/notion/backoff.js';
import { createRateLimiter } from '../../src/notion/rate-limiter.js';
import { fakeClock } from './helpers/fake-server.js';

describe('parseRetryAfter', () => {
  it('reads integer seconds exactly, HTTP dates relative to now, and nothing else', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(['7'])).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('stays within [base·2^n / 2, base·2^n], capped (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
      const d = backoffDelay(attempt, () => r, 500);
      const ceiling = Math.min(BACKOFF_CAP_MS, 500 * 2 ** attempt);
      expect(d).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
      expect(d).toBeLessThanOrEqual(ceiling);
    }));
  });
});

describe('rate limiter (property)', () => {
  it('never starts more than burst + rate·t requests in any window of t seconds', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 60 }),
      async (rate, burst, n) => {
        const clock = fakeClock();
        const limiter = createRateLimiter({ rate, burst, now: clock.now, sleep: clock.sleep });
        const times: number[] = [];
        await Promise.all(Array.from({ length: n }, () => limiter.acquire().then(() => times.push(clock.now()))));
        for (let i = 0; i < times.length; i++) {
          for (let j = i; j < times.length; j++) {
            const window = (times[j] ?? 0) - (times[i] ?? 0);
            expect(j - i + 1).toBeLessThanOrEqual(burst + (window * rate) / 1000 + 1e-6);
          }
        }
        // …and does not dawdle: n requests take no longer than the bucket requires.
        expect(times.at(-1) ?? 0).toBeLessThanOrEqual((Math.max(0, n - burst) * 1000) / rate + n + 1);
      },
    ), { numRuns: 60 });
  });
});
