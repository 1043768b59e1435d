import { Agent, request as undiciRequest } from 'undici';
import { NetworkError, type NotionApiError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { apiErrorFrom } from './api-error.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { createRateLimiter, realSleep, type RateLimiter } from './rate-limiter.js';
import { redact } from './redact.js';
import type { ClientOptions, ClientStats, NotionClient, NotionRequest } from './types.js';

export const DEFAULT_NOTION_VERSION = '2025-09-03';
export const DEFAULT_BASE_URL = 'https://api.notion.com';
export const DEFAULT_RATE_LIMIT = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Notion answers every request within 60 s (a request running longer gets 503, notion-api.md
 * §5.1). A write that is not idempotent (a create) waits a little longer than that, so a slow
 * success is never mistaken for a lost request that would then be sent again.
 */
export const NOTION_SERVER_LIMIT_MS = 60_000;
export const DEFAULT_WRITE_TIMEOUT_MS = NOTION_SERVER_LIMIT_MS + 5_000;
export const DEFAULT_MAX_RETRIES = 6;
export const DEFAULT_MAX_RETRY_TOTAL_MS = 120_000;

/** Statuses retried whatever the method: the server did not process the request. */
const ALWAYS_RETRIED = new Set([429, 529]);
/** Statuses retried only for idempotent requests. */
const IDEMPOTENT_RETRIED = new Set([500, 502, 503, 504]);
/** Network error codes meaning the request never reached the server: safe to retry for any method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** Mutable counters behind the read-only `ClientStats` view. */
interface MutableStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

type Attempt =
  | { readonly ok: true; readonly body: unknown }
  | {
      readonly ok: false;
      readonly error: NotionApiError | NetworkError;
      readonly retryable: boolean;
      readonly delayMs: number;
      readonly throttle: boolean;
      /** Caps the retries for this kind of failure below `maxRetries`. */
      readonly retryCap?: number;
    };

/** A refused connection is retried a few times only: the server is most likely not there at all. */
const REFUSED_RETRIES = 3;

/**
 * True for an error that every other request of the run would meet too, so the run must end at
 * once: a rejected token (401), a missing capability (403), a blocked integration, or a token
 * an HTTP header cannot carry.
 */
export function isFatal(err: NotionApiError | NetworkError): boolean {
  if (err instanceof NetworkError) return err.cause_code === 'UND_ERR_INVALID_ARG';
  return err.status === 401 || err.status === 403 || err.additional_data?.['rate_limit_reason'] === 'public_api_request_blocked';
}

/**
 * Once tripped by a fatal error: aborts every request on the wire, wakes every request waiting
 * for the rate limiter or a backoff, and makes every later `check()` throw that same error.
 */
function createFatalLatch(): {
  readonly error: NotionApiError | NetworkError | null;
  readonly signal: AbortSignal;
  trip(err: NotionApiError | NetworkError): void;
  check(): void;
  race<T>(p: Promise<T>): Promise<T | void>;
} {
  let error: NotionApiError | NetworkError | null = null;
  const controller = new AbortController();
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

/** Strips credentials and trailing slashes from a base URL (for display and joining). */
export function cleanBaseUrl(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    throw new Error(`invalid API URL ${JSON.stringify(baseUrl)}: expected an http(s) URL such as https://api.notion.com`);
  }
}

function buildPath(req: NotionRequest): string {
  if (!req.query) return req.path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query)) {
    if (typeof v === 'string') qs.append(k, v);
    else for (const item of v) qs.append(k, item);
  }
  const s = qs.toString();
  return s === '' ? req.path : `${req.path}${req.path.includes('?') ? '&' : '?'}${s}`;
}

function errorCode(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.name : 'UNKNOWN';
}

/**
 * Creates the HTTP client: undici with a keep-alive pool, one shared token-bucket rate limiter,
 * retries (429/529 always, honouring Retry-After exactly; 5xx and network errors only when
 * idempotent), a per-request timeout, typed errors, and a token-free trace.
 */
export function createNotionClient(opts: ClientOptions): NotionClient {
  const base = cleanBaseUrl(opts.baseUrl);
  const origin = (() => {
    const u = new URL(opts.baseUrl);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  })();
  const notionVersion = opts.notionVersion ?? DEFAULT_NOTION_VERSION;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const writeTimeoutMs = opts.writeTimeoutMs ?? Math.max(timeoutMs, DEFAULT_WRITE_TIMEOUT_MS);
  const fatal = createFatalLatch();
  const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxRetryTotalMs = opts.maxRetryTotalMs ?? DEFAULT_MAX_RETRY_TOTAL_MS;
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? (() => performance.now());
  const random = opts.random ?? Math.random;
  const secrets = [opts.token];
  const limiter: RateLimiter = createRateLimiter({
    rate: opts.rateLimit ?? DEFAULT_RATE_LIMIT,
    ...(opts.burst !== undefined ? { burst: opts.burst } : {}),
    now,
    sleep,
  });
  const agent = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 64 });
  const stats: MutableStats = { requests: 0, retries: 0, rateLimited: 0 };
  const trace = opts.trace;
  const headers: Record<string, string> = {
    authorization: `Bearer ${opts.token}`,
    'notion-version': notionVersion,
    'user-agent': `notion-schema/${TOOL_VERSION}`,
    accept: 'application/json',
  };

  const attemptOnce = async (req: NotionRequest, path: string, idempotent: boolean, attempt: number): Promise<Attempt> => {
    const started = now();
    const emit = (status: string, rid: string | null): void => {
      if (!trace) return;
      const ms = Math.round(now() - started);
      const retry = attempt > 0 ? ` (retry ${attempt})` : '';
      trace(redact(`${req.method} ${path} ${status} ${ms}ms${rid ? ` request_id=${rid}` : ''}${retry}`, secrets));
    };
    const reqTimeout = req.timeoutMs ?? (idempotent ? timeoutMs : writeTimeoutMs);
    try {
      const res = await undiciRequest(`${origin}${path}`, {
        method: req.method,
        headers: req.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: req.body === undefined ? null : JSON.stringify(req.body),
        dispatcher: agent,
        headersTimeout: reqTimeout,
        bodyTimeout: reqTimeout,
        signal: AbortSignal.any([AbortSignal.timeout(reqTimeout), fatal.signal]),
      });
      const text = await res.body.text();
      const ridHeader = res.headers['x-notion-request-id'];
      const headerRid = typeof ridHeader === 'string' ? ridHeader : null;
      if (res.statusCode >= 200 && res.statusCode < 300) {
        let body: unknown = {};
        if (text.trim() !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            emit(String(res.statusCode), headerRid);
            return {
              ok: false,
              error: new NetworkError(redact(`${req.method} ${path}: the server answered ${res.statusCode} with a body that is not JSON`, secrets), 'INVALID_JSON'),
              retryable: idempotent,
              delayMs: backoffDelay(attempt, random),
              throttle: false,
            };
          }
        }
        const rid = body !== null && typeof body === 'object' && typeof (body as { request_id?: unknown }).request_id === 'string'
          ? (body as { request_id: string }).request_id
          : headerRid;
        emit(String(res.statusCode), rid);
        return { ok: true, body };
      }
      const error = apiErrorFrom(res.statusCode, text, headerRid, req.method, path, secrets);
      emit(`${res.statusCode} ${error.code}`, error.request_id);
      const retryAfter = parseRetryAfter(res.headers['retry-after']);
      const blocked = error.additional_data?.['rate_limit_reason'] === 'public_api_request_blocked';
      if (ALWAYS_RETRIED.has(res.statusCode) && !blocked) {
        if (res.statusCode === 429) stats.rateLimited++;
        return { ok: false, error, retryable: true, delayMs: retryAfter ?? backoffDelay(attempt, random), throttle: true };
      }
      if (IDEMPOTENT_RETRIED.has(res.statusCode)) {
        return { ok: false, error, retryable: idempotent, delayMs: retryAfter ?? backoffDelay(attempt, random), throttle: false };
      }
      return { ok: false, error, retryable: false, delayMs: 0, throttle: false };
    } catch (err) {
      const stop = fatal.error;
      if (stop !== null) return { ok: false, error: stop, retryable: false, delayMs: 0, throttle: false };
      const code = errorCode(err);
      const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'TimeoutError' || code === 'ABORT_ERR' || code === 'AbortError';
      emit(timedOut ? 'timeout' : `network-error ${code}`, null);
      const what = timedOut ? `timed out after ${reqTimeout} ms` : `network error (${code})`;
      const rawMessage = err instanceof Error ? err.message : String(err);
      const badToken = code === 'UND_ERR_INVALID_ARG' && /authorization/i.test(rawMessage);
      const advice = badToken
        ? 'The token holds characters an HTTP header cannot carry: check NOTION_TOKEN or the --token-file for stray control characters or line breaks.'
        : `Check the API URL (${base}) and your connection, then retry.`;
      const error = new NetworkError(
        redact(`${req.method} ${path}: ${what}: ${rawMessage}. ${advice}`, secrets),
        code,
        timedOut,
      );
      if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_URL') {
        // A malformed request (e.g. a token with characters a header cannot carry): retrying cannot help.
        return { ok: false, error, retryable: false, delayMs: 0, throttle: false };
      }
      const notSent = NOT_SENT_CODES.has(code);
      return {
        ok: false, error, retryable: idempotent || notSent, delayMs: backoffDelay(attempt, random), throttle: false,
        ...(notSent ? { retryCap: REFUSED_RETRIES } : {}),
      };
    }
  };

  const client: NotionClient = {
    get stats(): ClientStats {
      return { ...stats };
    },
    target: opts.targetLabel ?? base,
    notionVersion,
    rateLimit: opts.rateLimit ?? DEFAULT_RATE_LIMIT,
    get fatalError() {
      return fatal.error;
    },
    async request<T>(req: NotionRequest): Promise<T> {
      if (!req.path.startsWith('/v1/')) throw new Error(`request path must start with /v1/, got ${req.path}`);
      fatal.check();
      const idempotent = req.idempotent ?? req.method === 'GET';
      const path = buildPath(req);
      let waited = 0;
      for (let attempt = 0; ; attempt++) {
        await fatal.race(limiter.acquire());
        fatal.check();
        stats.requests++;
        const result = await attemptOnce(req, path, idempotent, attempt);
        if (result.ok) return result.body as T;
        fatal.check();
        if (isFatal(result.error)) fatal.trip(result.error);
        const budgetLeft = maxRetryTotalMs - waited;
        if (!result.retryable || attempt >= Math.min(maxRetries, result.retryCap ?? maxRetries) || result.delayMs > budgetLeft) {
          if (result.retryable && attempt > 0) {
            trace?.(redact(`${req.method} ${path}: giving up after ${attempt + 1} attempts`, secrets));
          }
          throw result.error;
        }
        stats.retries++;
        waited += result.delayMs;
        if (result.throttle) {
          // A 429/529 slows everyone: the whole bucket pauses; this request waits for it in acquire().
          limiter.pause(result.delayMs);
          trace?.(`${result.error instanceof NetworkError ? 'throttled' : `${(result.error as NotionApiError).status}`}: pausing all requests for ${result.delayMs} ms, then ${limiter.rate.toFixed(2)} requests/s`);
        } else {
          await fatal.race(sleep(result.delayMs));
        }
      }
    },
    async close() {
      await agent.close();
    },
  };
  return client;
}
