import type { MigrationEvent } from '../migrate/types.js';
import type { Diagnostic } from '../model/common.js';

/**
 * Progress events emitted by `applyPlan` through `onEvent`. The CLI renders them
 * (a progress bar on a TTY, one line per request otherwise); tests record them.
 */
export type ApplyEvent =
  | { readonly type: 'phase'; readonly phase: 'staleness' | 'execute' | 'verify' }
  /** Execution begins: how many requests will be sent (at most). */
  | { readonly type: 'start'; readonly requests: number; readonly steps: number }
  | { readonly type: 'request-start'; readonly request: string; readonly label: string }
  | {
      readonly type: 'request-end';
      readonly request: string;
      readonly label: string;
      readonly status: 'applied' | 'failed' | 'skipped';
      readonly message?: string;
    }
  /** An ambiguous create failure resolved without a duplicate. */
  | {
      readonly type: 'recovered';
      readonly request: string;
      readonly kind: 'database' | 'data_source';
      readonly id: string;
      readonly via: 'committed_resource_id' | 'lookup';
    }
  | { readonly type: 'created'; readonly kind: 'database' | 'data_source'; readonly key: string; readonly id: string }
  | { readonly type: 'verified'; readonly problems: readonly Diagnostic[] }
  /** A data migration (`migrate_values` step) starts; `pages`/`writes` as counted at plan time. */
  | { readonly type: 'migration-start'; readonly step: string; readonly label: string; readonly pages?: number; readonly writes?: number }
  /** Progress of the running migration (src/migrate/ events: passes, rounds, pages done and ETA). */
  | { readonly type: 'migration'; readonly step: string; readonly event: MigrationEvent }
  | { readonly type: 'migration-end'; readonly step: string; readonly status: 'applied' | 'failed' | 'skipped'; readonly message?: string };

export type ApplyEventListener = (event: ApplyEvent) => void;
