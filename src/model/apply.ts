import type { Diagnostic } from './common.js';

/** The outcome of one plan step after `apply`. */
export interface StepResult {
  readonly step: string;
  readonly status: 'applied' | 'failed' | 'skipped';
  /** Why it failed or was skipped (e.g. "manual step", "dependency r3 failed"). */
  readonly message?: string;
}

/** What `apply` returns (and prints with `--json`). Plain data. */
export interface ApplyResult {
  readonly ok: boolean;
  readonly steps: readonly StepResult[];
  /** Objects created: kind, logical key, new id. */
  readonly created: readonly { readonly kind: 'database' | 'data_source'; readonly key: string; readonly id: string }[];
  /** HTTP requests issued, retries included. */
  readonly requests: number;
  readonly elapsed_ms: number;
  /** Differences that remain after re-reading (verification); empty on success. */
  readonly verification: readonly Diagnostic[];
  /** Set when a signal interrupted the apply: requests not yet started were skipped (never half-sent). */
  readonly interrupted?: true;
  /** Path of the journal written under `.notion-schema/`. */
  readonly journal?: string;
}
