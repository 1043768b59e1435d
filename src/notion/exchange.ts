import type { Dispatcher } from 'undici';

/** What attempt.ts reads of one HTTP response: its status, the two headers it uses, and the whole body as text. */
export interface Exchange {
  readonly status: number;
  /** `x-notion-request-id`, when the response has one. */
  readonly requestId: string | null;
  /** `retry-after`, raw. */
  readonly retryAfter: string | string[] | undefined;
  /** The body decoded as UTF-8 (`''` when empty). */
  readonly text: string;
}

/** The request of one exchange: the dispatcher's own options, without a signal (the deadline is exchange's). */
export type ExchangeRequest = Omit<Dispatcher.DispatchOptions, 'signal'>;

/**
 * One request and its whole response, through the dispatcher's handler interface: the body is
 * collected as chunks and decoded once, with no stream, AbortController or abort listener per
 * request (undici's `request()` costs all three: about a tenth of a plan's HTTP time at scale).
 *
 * Invariants: it settles exactly once. It rejects with a "TimeoutError" DOMException when the
 * whole exchange (queueing, headers and body) takes longer than `timeoutMs`, however the body
 * trickles, and with `fatal`'s reason as soon as `fatal` aborts (at once when it already has);
 * either way the request is aborted on the wire. Any other failure rejects with undici's error.
 */
export function exchange(dispatcher: Dispatcher, opts: ExchangeRequest, timeoutMs: number, fatal: AbortSignal): Promise<Exchange> {
  if (fatal.aborted) return Promise.reject(fatal.reason);
  return new Promise<Exchange>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | null = null;
    let pending: unknown = null;
    let settled = false;
    // Aborted on the wire, the request fails with `reason` (onResponseError). A request still
    // queued for a connection is failed now and aborted when it reaches one.
    const stop = (reason: unknown): void => {
      if (settled) return;
      if (controller !== null) {
        controller.abort(reason as Error);
        return;
      }
      pending = reason;
      settle();
      reject(reason);
    };
    const timer = setTimeout(() => stop(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
    timer.unref();
    const unlisten = onAbort(fatal, () => stop(fatal.reason));
    const settle = (): void => {
      settled = true;
      clearTimeout(timer);
      unlisten();
    };
    let status = 0;
    let requestId: string | null = null;
    let retryAfter: string | string[] | undefined;
    const chunks: Buffer[] = [];
    dispatcher.dispatch(opts as Dispatcher.DispatchOptions, {
      onRequestStart(c) {
        controller = c;
        if (pending !== null) c.abort(pending as Error);
      },
      onResponseStart(_c, statusCode, headers) {
        status = statusCode;
        const rid = headers['x-notion-request-id'];
        requestId = typeof rid === 'string' ? rid : null;
        retryAfter = headers['retry-after'];
      },
      onResponseData(_c, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        if (settled) return;
        settle();
        const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
        resolve({ status, requestId, retryAfter, text });
      },
      onResponseError(_c, err) {
        if (settled) return;
        settle();
        reject(err);
      },
    });
  });
}

/** Listeners of each fatal signal, called by the one abort listener it gets. */
const listeners = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `fn` when `signal` (not aborted yet) aborts; returns the unsubscribe. */
function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let set = listeners.get(signal);
  if (set === undefined) {
    const fns = new Set<() => void>();
    signal.addEventListener('abort', () => { for (const f of [...fns]) f(); fns.clear(); }, { once: true });
    listeners.set(signal, fns);
    set = fns;
  }
  const own = set;
  own.add(fn);
  return () => { own.delete(fn); };
}
