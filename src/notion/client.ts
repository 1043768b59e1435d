import { Agent } from 'undici';
import { NetworkError, type NotionApiError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { attemptOnce, type Attempt, type AttemptContext } from './attempt.js';
import { createFatalLatch, isFatal, type FatalLatch } from './fatal-latch.js';
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

export { isFatal } from './fatal-latch.js';

/** Mutable counters behind the read-only `ClientStats` view. */
interface MutableStats {
  requests: number;
  retries: number;
  rateLimited: number;
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

  const ctx: AttemptContext = {
    origin, base, headers, dispatcher: agent, secrets, random, now, trace,
    fatalSignal: fatal.signal,
    fatalError: () => fatal.error,
    onRateLimited: () => { stats.rateLimited++; },
  };
  const loop: RetryLoop = {
    ctx, fatal, limiter, stats, sleep, maxRetries, maxRetryTotalMs, trace, secrets,
    timeoutFor: (req, idempotent) => req.timeoutMs ?? (idempotent ? timeoutMs : writeTimeoutMs),
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
      return (await sendWithRetries(loop, req)) as T;
    },
    async close() {
      await agent.close();
    },
  };
  return client;
}

/** Everything the retry loop of one client shares across requests. */
interface RetryLoop {
  readonly ctx: AttemptContext;
  readonly fatal: FatalLatch;
  readonly limiter: RateLimiter;
  readonly stats: MutableStats;
  readonly sleep: (ms: number) => Promise<void>;
  readonly maxRetries: number;
  readonly maxRetryTotalMs: number;
  readonly trace?: ((line: string) => void) | undefined;
  readonly secrets: readonly string[];
  timeoutFor(req: NotionRequest, idempotent: boolean): number;
}

/** Sends `req` through the rate limiter, retrying what may be retried within the budget. */
async function sendWithRetries(loop: RetryLoop, req: NotionRequest): Promise<unknown> {
  if (!req.path.startsWith('/v1/')) throw new Error(`request path must start with /v1/, got ${req.path}`);
  const { fatal, limiter, stats, trace } = loop;
  fatal.check();
  const idempotent = req.idempotent ?? req.method === 'GET';
  const path = buildPath(req);
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    await fatal.race(limiter.acquire());
    fatal.check();
    stats.requests++;
    const result: Attempt = await attemptOnce(loop.ctx, req, path, idempotent, attempt, loop.timeoutFor(req, idempotent));
    if (result.ok) return result.body;
    fatal.check();
    if (isFatal(result.error)) fatal.trip(result.error);
    const budgetLeft = loop.maxRetryTotalMs - waited;
    if (!result.retryable || attempt >= Math.min(loop.maxRetries, result.retryCap ?? loop.maxRetries) || result.delayMs > budgetLeft) {
      if (result.retryable && attempt > 0) trace?.(redact(`${req.method} ${path}: giving up after ${attempt + 1} attempts`, loop.secrets));
      throw result.error;
    }
    stats.retries++;
    waited += result.delayMs;
    if (result.throttle) {
      // A 429/529 slows everyone: the whole bucket pauses; this request waits for it in acquire().
      limiter.pause(result.delayMs);
      trace?.(`${result.error instanceof NetworkError ? 'throttled' : `${(result.error as NotionApiError).status}`}: pausing all requests for ${result.delayMs} ms, then ${limiter.rate.toFixed(2)} requests/s`);
    } else {
      await fatal.race(loop.sleep(result.delayMs));
    }
  }
}
