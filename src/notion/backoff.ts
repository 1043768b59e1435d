/** Retry timing: `Retry-After` parsing and jittered exponential backoff. */

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 20_000;

/**
 * Parses a `Retry-After` header: Notion sends integer seconds; an HTTP date is accepted too.
 * Returns milliseconds, or null when absent or unparsable.
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, nowMs: number = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const t = v.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const date = Date.parse(t);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/**
 * Delay before retry number `attempt` (0-based): uniformly between half and the whole of
 * `base × 2^attempt`, capped. `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
