import { setMaxListeners } from 'node:events';
import { NetworkError, type NotionApiError } from '../errors.js';

/**
 * True for an error that every other request of the run would meet too, so the run must end at
 * once: a rejected token (401), a missing capability (403), a blocked integration, or a token
 * an HTTP header cannot carry.
 */
export function isFatal(err: NotionApiError | NetworkError): boolean {
  if (err instanceof NetworkError) return err.cause_code === 'UND_ERR_INVALID_ARG';
  return err.status === 401 || err.status === 403 || err.additional_data?.['rate_limit_reason'] === 'public_api_request_blocked';
}

/** A latch tripped once by the first fatal error of a client's run. */
export interface FatalLatch {
  readonly error: NotionApiError | NetworkError | null;
  /** Aborted when the latch trips. */
  readonly signal: AbortSignal;
  trip(err: NotionApiError | NetworkError): void;
  /** Throws the fatal error once tripped. */
  check(): void;
  /** Resolves with `p`, or early (with nothing) when the latch trips. */
  race<T>(p: Promise<T>): Promise<T | void>;
}

/**
 * Once tripped by a fatal error: aborts every request on the wire, wakes every request waiting
 * for the rate limiter or a backoff, and makes every later `check()` throw that same error.
 */
export function createFatalLatch(): FatalLatch {
  let error: NotionApiError | NetworkError | null = null;
  const controller = new AbortController();
  // Every request on the wire listens to it (attempt.ts): no "possible leak" warning past 10.
  setMaxListeners(0, controller.signal);
  let wake: () => void = () => {};
  const woken = new Promise<void>((resolve) => { wake = resolve; });
  return {
    get error() { return error; },
    signal: controller.signal,
    trip(err) {
      if (error !== null) return;
      error = err;
      controller.abort();
      wake();
    },
    check() {
      if (error !== null) throw error;
    },
    race: (p) => Promise.race([p, woken]),
  };
}

