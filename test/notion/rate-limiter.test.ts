import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/notion/rate-limiter.js';
import { fakeClock } from './helpers/fake-server.js';

async function startTimes(n: number, rate: number, burst: number, clock = fakeClock()): Promise<number[]> {
  const limiter = createRateLimiter({ rate, burst, now: clock.now, sleep: clock.sleep });
  const times: number[] = [];
  await Promise.all(Array.from({ length: n }, () => limiter.acquire().then(() => times.push(clock.now()))));
  return times;
}

describe('createRateLimiter', () => {
  it('lets a burst through at once, then paces at the configured rate', async () => {
    const times = await startTimes(13, 3, 3);
    expect(times.slice(0, 3)).toEqual([0, 0, 0]);
    // 10 more at 3/s take 10/3 s.
    expect(times.at(-1)).toBeGreaterThanOrEqual(3300);
    expect(times.at(-1)).toBeLessThanOrEqual(3400);
    // Average rate over any window never exceeds rate (+ burst).
    for (let i = 0; i < times.length; i++) {
      for (let j = i + 1; j < times.length; j++) {
        const window = (times[j] ?? 0) - (times[i] ?? 0);
        expect(j - i + 1).toBeLessThanOrEqual(3 + (window * 3) / 1000 + 1e-9);
      }
    }
  });

  it('is FIFO', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ rate: 10, burst: 1, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('pause() holds every caller for the whole pause, then releases one token, with no burst', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ rate: 10, burst: 10, now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    limiter.pause(2000);
    const times: number[] = [];
    await Promise.all([0, 1, 2].map(() => limiter.acquire().then(() => times.push(clock.now()))));
    expect(times[0]).toBe(2000);
    expect(times[1]).toBeGreaterThanOrEqual(2100);
    expect(times[2]).toBeGreaterThanOrEqual(2200);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createRateLimiter({ rate: 0 })).toThrow(/positive/);
  });
});

describe('createRateLimiter: a pause slows the rate, which then recovers', () => {
  it('cuts the rate by 30% per pause (floor: a quarter) and recovers linearly', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ rate: 10, now: clock.now, sleep: clock.sleep });
    expect(limiter.rate).toBe(10);
    limiter.pause(1000);
    expect(limiter.rate).toBeCloseTo(7);
    clock.advance(1000);
    expect(limiter.rate).toBeCloseTo(7);
    clock.advance(1000);
    expect(limiter.rate).toBeCloseTo(8);
    clock.advance(10_000);
    expect(limiter.rate).toBe(10);
    for (let i = 0; i < 10; i++) limiter.pause(0);
    expect(limiter.rate).toBeCloseTo(2.5);
  });
});
