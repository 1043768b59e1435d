import type { Dispatcher } from 'undici';
import { NetworkError, type NotionApiError } from '../errors.js';
import { apiErrorFrom, saysDoNotRepeat } from './api-error.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { exchange } from './exchange.js';
import { redact } from './redact.js';
import type { NotionRequest } from './types.js';

/** Statuses retried whatever the method: the server did not process the request. */
const ALWAYS_RETRIED = new Set([429, 529]);
/** Statuses retried only for idempotent requests. */
const IDEMPOTENT_RETRIED = new Set([500, 502, 503, 504]);
/** Network error codes meaning the request never reached the server: safe to retry for any method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'TimeoutError', 'ABORT_ERR', 'AbortError']);
/** A conflicting write is retried a few times only: a lasting conflict is someone else's work. */
const CONFLICT_RETRIES = 3;
/** A refused connection is retried a few times only: the server is most likely not there at all. */
const REFUSED_RETRIES = 3;

/**
 * The outcome of one HTTP attempt. A failure says whether it may be retried, after how long, and
 * whether it throttles the whole client (429/529) rather than only this request.
 */
export type Attempt =
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

/** What one attempt needs from its client: fixed for the client's life. */
export interface AttemptContext {
  readonly origin: string;
  /** The cleaned base URL, shown in advice. */
  readonly base: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly dispatcher: Dispatcher;
  readonly secrets: readonly string[];
  readonly random: () => number;
  readonly now: () => number;
  /** Aborted when the client's run ends on a fatal error; one listener per request on the wire (no listener limit). */
  readonly fatalSignal: AbortSignal;
  /** The fatal error, when the run has ended on one. */
  readonly fatalError: () => NotionApiError | NetworkError | null;
  readonly onRateLimited: () => void;
  readonly trace?: ((line: string) => void) | undefined;
}

/** One attempt of `req` at `path`, classified; never throws. */
export async function attemptOnce(
  ctx: AttemptContext, req: NotionRequest, path: string, idempotent: boolean, attempt: number, timeoutMs: number,
): Promise<Attempt> {
  const started = ctx.now();
  const emit = (status: string, rid: string | null): void => {
    if (!ctx.trace) return;
    const ms = Math.round(ctx.now() - started);
    const retry = attempt > 0 ? ` (retry ${attempt})` : '';
    ctx.trace(redact(`${req.method} ${path} ${status} ${ms}ms${rid ? ` request_id=${rid}` : ''}${retry}`, ctx.secrets));
  };
  try {
    const url = new URL(`${ctx.origin}${path}`);
    const res = await exchange(ctx.dispatcher, {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers: req.body === undefined ? ctx.headers : { ...ctx.headers, 'content-type': 'application/json' },
      body: req.body === undefined ? null : JSON.stringify(req.body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    }, timeoutMs, ctx.fatalSignal);
    if (res.status >= 200 && res.status < 300) return success(ctx, req, path, res.status, res.text, res.requestId, idempotent, attempt, emit);
    const error = apiErrorFrom(res.status, res.text, res.requestId, req.method, path, ctx.secrets);
    emit(`${res.status} ${error.code}`, error.request_id);
    return classifyStatus(ctx, res.status, error, parseRetryAfter(res.retryAfter), idempotent && !doNotResend(req, error), attempt);
  } catch (err) {
    const stop = ctx.fatalError();
    if (stop !== null) return { ok: false, error: stop, retryable: false, delayMs: 0, throttle: false };
    return networkFailure(ctx, req, path, err, idempotent, attempt, timeoutMs, emit);
  }
}

function success(
  ctx: AttemptContext, req: NotionRequest, path: string, status: number, text: string, headerRid: string | null,
  idempotent: boolean, attempt: number, emit: (status: string, rid: string | null) => void,
): Attempt {
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      emit(String(status), headerRid);
      return {
        ok: false,
        error: new NetworkError(redact(`${req.method} ${path}: the server answered ${status} with a body that is not JSON`, ctx.secrets), 'INVALID_JSON'),
        retryable: idempotent,
        delayMs: backoffDelay(attempt, ctx.random),
        throttle: false,
      };
    }
  }
  const rid = body !== null && typeof body === 'object' && typeof (body as { request_id?: unknown }).request_id === 'string'
    ? (body as { request_id: string }).request_id
    : headerRid;
  emit(String(status), rid);
  return { ok: true, body };
}

/**
 * A write the client must not send again whatever its idempotence: a 409 the caller re-derives
 * itself (`rederive`), or a 5xx whose `retry_guidance` says to re-read rather than repeat it
 * (notion-api.md §5.1: the change may have been saved; the caller checks the state first).
 */
function doNotResend(req: NotionRequest, error: NotionApiError): boolean {
  if (req.method === 'GET') return false;
  if (error.status === 409) return req.rederive === true;
  return error.status >= 500 && saysDoNotRepeat(error);
}

function classifyStatus(
  ctx: AttemptContext, status: number, error: NotionApiError, retryAfter: number | null | undefined, idempotent: boolean, attempt: number,
): Attempt {
  const blocked = error.additional_data?.['rate_limit_reason'] === 'public_api_request_blocked';
  if (ALWAYS_RETRIED.has(status) && !blocked) {
    if (status === 429) ctx.onRateLimited();
    return { ok: false, error, retryable: true, delayMs: retryAfter ?? backoffDelay(attempt, ctx.random), throttle: true };
  }
  if (status === 409 && error.code === 'conflict_error') {
    // A data collision with another write (notion-api.md §5.1: "try again"): an idempotent write
    // is sent again a few times, after a short backoff; anything else fails at once.
    return { ok: false, error, retryable: idempotent, delayMs: backoffDelay(attempt, ctx.random), throttle: false, retryCap: CONFLICT_RETRIES };
  }
  if (IDEMPOTENT_RETRIED.has(status)) {
    return { ok: false, error, retryable: idempotent, delayMs: retryAfter ?? backoffDelay(attempt, ctx.random), throttle: false };
  }
  return { ok: false, error, retryable: false, delayMs: 0, throttle: false };
}

function networkFailure(
  ctx: AttemptContext, req: NotionRequest, path: string, err: unknown, idempotent: boolean, attempt: number,
  timeoutMs: number, emit: (status: string, rid: string | null) => void,
): Attempt {
  const code = errorCode(err);
  const timedOut = TIMEOUT_CODES.has(code);
  emit(timedOut ? 'timeout' : `network-error ${code}`, null);
  const what = timedOut ? `timed out after ${timeoutMs} ms` : `network error (${code})`;
  const rawMessage = err instanceof Error ? err.message : String(err);
  const badToken = code === 'UND_ERR_INVALID_ARG' && /authorization/i.test(rawMessage);
  const advice = badToken
    ? 'The token holds characters an HTTP header cannot carry: check NOTION_TOKEN or the --token-file for stray control characters or line breaks.'
    : `Check the API URL (${ctx.base}) and your connection, then retry.`;
  const error = new NetworkError(redact(`${req.method} ${path}: ${what}: ${rawMessage}. ${advice}`, ctx.secrets), code, timedOut);
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_URL') {
    // A malformed request (e.g. a token with characters a header cannot carry): retrying cannot help.
    return { ok: false, error, retryable: false, delayMs: 0, throttle: false };
  }
  const notSent = NOT_SENT_CODES.has(code);
  return {
    ok: false, error, retryable: idempotent || notSent, delayMs: backoffDelay(attempt, ctx.random), throttle: false,
    ...(notSent ? { retryCap: REFUSED_RETRIES } : {}),
  };
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
