import { ApiError } from './errors.js';

/**
 * Seeded, deterministic fault injection. Spec syntax (comma-separated `kind=probability`):
 * `429=0.1,500=0.05,502=0.02,503=0.02,504=0.01,529=0.02,409=0.01,reset=0.02,slow=0.01,commit-then-503=0.02`,
 * `late-commit=0.01,commit-then-reset=0.01,502-html=0.01`, plus the settings `slow_ms=N` (delay of a
 * slow response, default 3000), `late_ms=N` (how long a late commit is held, default 33000) and
 * `retry_after=N` (seconds for injected 429/529, default 1). One draw per request picks at most one fault.
 */

export type FaultKind =
  | { readonly type: 'status'; readonly status: number }
  /** A 502 with the HTML body of a proxy in front of the API (not Notion's JSON envelope). */
  | { readonly type: 'html-502' }
  | { readonly type: 'reset' }
  | { readonly type: 'slow' }
  | { readonly type: 'commit-then'; readonly status: number }
  /** The write commits, then the connection is destroyed with no answer. */
  | { readonly type: 'commit-then-reset' }
  /** The write is held `lateMs`, then committed (and answered if the client is still there). */
  | { readonly type: 'late-commit' };

/**
 * One fault of a spec. `only` restricts it to requests with exactly this method and path
 * (spec syntax `kind@METHOD/path=p`, e.g. `late-commit@POST/v1/databases=1`); a path ending in `*`
 * is a prefix (`409@PATCH/v1/data_sources/*=1`).
 */
export interface SpecFault {
  readonly kind: FaultKind;
  readonly p: number;
  readonly only?: { readonly method: string; readonly path: string };
}

export interface FaultSpec {
  readonly faults: readonly SpecFault[];
  readonly slowMs: number;
  /** How long a `late-commit` write is held before it commits. */
  readonly lateMs: number;
  readonly retryAfter: number;
}

/** Default hold of a late commit: past the 30 s a naive client waits, within Notion's 60 s limit. */
export const DEFAULT_LATE_MS = 33_000;

const STATUSES = [409, 429, 500, 502, 503, 504, 529];

/** Parses a fault spec; throws an Error with a precise message on bad input. */
export function parseFaultSpec(spec: string): FaultSpec {
  const faults: SpecFault[] = [];
  let slowMs = 3000;
  let lateMs = DEFAULT_LATE_MS;
  let retryAfter = 1;
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^([a-z0-9_-]+)(?:@([A-Za-z]+)(\/[^=\s]*))?=([0-9.]+)$/i.exec(part);
    if (m === null) throw new Error(`Bad fault "${part}": expected kind=probability, e.g. "429=0.1", or kind@METHOD/path=probability, e.g. "reset@POST/v1/databases=1".`);
    const key = m[1]!.toLowerCase();
    const value = Number(m[4]);
    if (!Number.isFinite(value)) throw new Error(`Bad fault "${part}": ${m[4]} is not a number.`);
    const only = m[2] === undefined ? undefined : { method: m[2].toUpperCase(), path: m[3]! };
    if (only !== undefined && /_(ms|after)$/.test(key)) throw new Error(`Bad fault "${part}": the setting ${key} cannot be restricted to a path.`);
    if (key === 'slow_ms') { slowMs = value; continue; }
    if (key === 'late_ms') { lateMs = value; continue; }
    if (key === 'retry_after') { retryAfter = Math.max(1, Math.round(value)); continue; }
    if (value < 0 || value > 1) throw new Error(`Bad fault "${part}": the probability must be between 0 and 1.`);
    let kind: FaultKind;
    const commit = /^commit-then-(\d{3})$/.exec(key);
    if (key === 'reset') kind = { type: 'reset' };
    else if (key === 'slow') kind = { type: 'slow' };
    else if (key === 'late-commit') kind = { type: 'late-commit' };
    else if (key === 'commit-then-reset') kind = { type: 'commit-then-reset' };
    else if (key === '502-html') kind = { type: 'html-502' };
    else if (commit !== null && ['500', '502', '503', '504'].includes(commit[1]!)) kind = { type: 'commit-then', status: Number(commit[1]) };
    else if (/^\d{3}$/.test(key) && STATUSES.includes(Number(key))) kind = { type: 'status', status: Number(key) };
    else throw new Error(`Unknown fault "${key}": use one of ${STATUSES.join(', ')}, 502-html, reset, slow, late-commit, commit-then-reset, commit-then-500|502|503|504, slow_ms, late_ms, retry_after.`);
    faults.push(only === undefined ? { kind, p: value } : { kind, p: value, only });
  }
  const general = faults.filter((f) => f.only === undefined).reduce((a, f) => a + f.p, 0);
  const targets = new Set(faults.flatMap((f) => (f.only === undefined ? [] : [`${f.only.method} ${f.only.path}`])));
  for (const target of [null, ...targets]) {
    const total = general + faults.filter((f) => f.only !== undefined && `${f.only.method} ${f.only.path}` === target).reduce((a, f) => a + f.p, 0);
    if (total > 1 + 1e-9) throw new Error(`Fault probabilities add up to ${total}${target === null ? '' : ` for ${target}`}, more than 1.`);
  }
  return { faults, slowMs, lateMs, retryAfter };
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fault's path matches exactly, or by prefix when it ends with `*` (`/v1/data_sources/*`). */
function pathMatches(pattern: string, path: string | undefined): boolean {
  if (path === undefined) return false;
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

/** Draws one fault (or none) per request, deterministically for a given seed and request order. */
export class FaultInjector {
  private readonly random: () => number;
  constructor(readonly spec: FaultSpec, seed: number) {
    this.random = mulberry32(seed);
  }

  /** One draw for a request; faults restricted to another method or path do not apply to it. */
  draw(method?: string, path?: string): FaultKind | null {
    const u = this.random();
    let acc = 0;
    for (const f of this.spec.faults) {
      if (f.only !== undefined && (f.only.method !== method || !pathMatches(f.only.path, path))) continue;
      acc += f.p;
      if (u < acc) return f.kind;
    }
    return null;
  }
}

/**
 * `additional_data.retry_guidance` of a write that may have been saved: an array of strings, as
 * notion-api.md §5.1 describes it (docs/emulator.md, "Error bodies").
 */
export const COMMITTED_RETRY_GUIDANCE: readonly string[] = [
  'The request may have been committed. Re-read the resource before retrying the write.',
];

/** The body of a proxy's 502 (`502-html`): HTML, not JSON. */
export const HTML_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** The error answer of an injected status fault (`extra` becomes `additional_data`). */
export function faultError(status: number, retryAfter: number, extra?: Record<string, unknown>): ApiError {
  const wait = String(retryAfter);
  switch (status) {
    case 409: return new ApiError('conflict_error', 'Conflict occurred while saving. Please try again.');
    case 429: return new ApiError('rate_limited', 'You have been rate limited. Please try again in a few minutes.',
      { rate_limit_reason: 'public_api_request_rate_limit', retry_after: wait }, { 'retry-after': wait });
    case 500: return new ApiError('internal_server_error', 'Unexpected error occurred.', extra);
    case 502: return new ApiError('bad_gateway',
      'Notion encountered an issue while attempting to complete this request (e.g., failed to establish a connection with an upstream server). Please try again.', extra);
    case 504: return new ApiError('gateway_timeout', 'Notion timed out while attempting to complete this request. Please try again later.', extra);
    case 529: return new ApiError('service_overload', 'Notion is temporarily overloaded. Please try again later.',
      { retry_after: wait }, { 'retry-after': wait });
    default: return new ApiError('service_unavailable', 'Notion is unavailable, please try again later.', extra);
  }
}
