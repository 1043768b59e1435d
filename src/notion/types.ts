/**
 * The HTTP client contract every other module codes against. Implemented by
 * `createNotionClient` (src/notion/client.ts). One client = one shared rate limiter.
 */
export interface NotionRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Starts with `/v1/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: unknown;
  /**
   * Safe to retry on 500/502/503/504 and network errors. Defaults to true for GET,
   * false otherwise. 429 and 529 are retried regardless.
   */
  readonly idempotent?: boolean;
  /** Overrides the client's per-request timeout. */
  readonly timeoutMs?: number;
  /**
   * The caller re-reads the object and derives the write again after a 409 `conflict_error`
   * (src/apply/rederive.ts): the client never sends this body a second time on a 409.
   */
  readonly rederive?: boolean;
}

export interface ClientStats {
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited: number;
}

export interface NotionClient {
  /** Sends one request (with retries and rate limiting); resolves with the parsed JSON body or throws NotionApiError / NetworkError. */
  request<T = unknown>(req: NotionRequest): Promise<T>;
  readonly stats: ClientStats;
  /** The API base URL, or "local" for the embedded workspace. Never contains the token. */
  readonly target: string;
  readonly notionVersion: string;
  /** Average requests per second this client sends at most (plans estimate migration durations with it). */
  readonly rateLimit?: number;
  /**
   * The fatal error (401, 403, a blocked integration) that ended this client's run, if any: once
   * set, every request in flight or queued, and every later one, rejects with this same error.
   */
  readonly fatalError?: Error | null;
  close(): Promise<void>;
}

export interface ClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly notionVersion?: string;
  /** Average requests per second (token bucket). Default 3. */
  readonly rateLimit?: number;
  /** Bucket size. Default: a small burst, `min(rate, 10)` and at least 1. */
  readonly burst?: number;
  /** Per-request timeout of reads and idempotent writes. Default 30 s. */
  readonly timeoutMs?: number;
  /**
   * Per-request timeout of writes that are not idempotent (creates). Default: 65 s, above Notion's
   * own 60 s limit, so a slow success is not mistaken for a lost request (and never below `timeoutMs`).
   */
  readonly writeTimeoutMs?: number;
  readonly maxRetries?: number;
  /** Upper bound on the total time spent backing off for one request. */
  readonly maxRetryTotalMs?: number;
  /** Receives redacted trace lines when --verbose. */
  readonly trace?: (line: string) => void;
  /** For tests: a fake clock/sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Shown as `target`; defaults to baseUrl. */
  readonly targetLabel?: string;
}
