/**
 * A token bucket shared by every request of one client. Requests wait in FIFO order.
 *
 * Invariants:
 * - on average at most `rate` requests start per second, with bursts of at most `burst`;
 * - `pause(ms)` (a 429 or 529) stops the whole bucket until `now + ms` and empties it:
 *   one token is ready when the pause ends (so a retry honours Retry-After exactly), then
 *   tokens accrue at `rate` again, so nothing bursts out;
 * - after a pause the rate itself is cut (×0.7 per pause, never below a quarter of `rate`) and
 *   recovers linearly to `rate` (+10% of `rate` per second), so repeated 429s slow the whole client
 *   down rather than just the request that got one;
 * - retries take tokens like first attempts.
 */
export interface RateLimiter {
  /** Resolves when the caller may send one request (one token taken). */
  acquire(): Promise<void>;
  /** Holds every caller back for at least `ms` from now. */
  pause(ms: number): void;
  /** Requests per second currently allowed (the configured rate, or less just after a pause). */
  readonly rate: number;
}

export interface RateLimiterOptions {
  readonly rate: number;
  readonly burst?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Multiplier applied to the rate on each pause, its floor, and its recovery per millisecond. */
const SLOWDOWN = 0.7;
const MIN_FACTOR = 0.25;
const RECOVERY_PER_MS = 0.1 / 1000;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  if (!(opts.rate > 0)) throw new RangeError(`rate limit must be positive, got ${opts.rate}`);
  const rate = opts.rate;
  const burst = Math.max(1, opts.burst ?? Math.max(1, Math.min(rate, 10)));
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? realSleep;
  let tokens = burst;
  let last = now();
  let pausedUntil = -Infinity;
  /** After a pause, exactly one token is ready at its end (the retry goes out on time; no burst). */
  let resumeToken = false;
  let queue: Promise<void> = Promise.resolve();
  /** Rate multiplier at the end of the last pause; recovers from there. */
  let factorAtResume = 1;

  const factor = (t: number): number =>
    t < pausedUntil ? factorAtResume : Math.min(1, factorAtResume + (t - pausedUntil) * RECOVERY_PER_MS);
  const currentRate = (t: number): number => rate * factor(t);

  const refill = (): void => {
    const t = now();
    if (resumeToken && t >= pausedUntil) {
      tokens = Math.max(tokens, 1);
      resumeToken = false;
    }
    if (t > last) {
      // Tokens accrue only outside pauses.
      const from = Math.max(last, pausedUntil);
      if (t > from) tokens = Math.min(burst, tokens + ((t - from) * currentRate(t)) / 1000);
      last = t;
    }
  };

  const take = async (): Promise<void> => {
    for (;;) {
      refill();
      const t = now();
      if (t < pausedUntil) {
        await sleep(pausedUntil - t);
        continue;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(Math.max(1, ((1 - tokens) * 1000) / currentRate(t)));
    }
  };

  return {
    get rate() {
      return currentRate(now());
    },
    acquire() {
      const turn = queue.then(take);
      queue = turn.catch(() => undefined);
      return turn;
    },
    pause(ms) {
      refill();
      const t = now();
      factorAtResume = Math.max(MIN_FACTOR, factor(t) * SLOWDOWN);
      const until = t + ms;
      if (until > pausedUntil) pausedUntil = until;
      tokens = 0;
      resumeToken = true;
    },
  };
}
