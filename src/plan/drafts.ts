import type { Step } from '../model/index.js';

/** A step without its id and dependencies: what `buildPlan` assembles before numbering. */
export type StepFields = Step extends infer S ? (S extends Step ? Omit<S, 'id' | 'depends_on'> : never) : never;

/** Where a step's effect is sent. */
export type RequestSlot =
  | { readonly type: 'create_database'; readonly database: string }
  | { readonly type: 'update_database'; readonly database: string }
  | { readonly type: 'create_data_source'; readonly data_source: string }
  /** A PATCH of data source `data_source` (ref or external id). Level 1 first; higher levels after their dependencies. */
  | { readonly type: 'patch_data_source'; readonly data_source: string };

/**
 * Ordering phases of steps (the plan's reading order): databases → data sources → plain properties →
 * relations → dependent rollups/formulas → synced renames → removals → manual actions.
 */
export const PHASE = {
  database: 0, data_source: 1, plain: 2, relation: 3, dependent: 4, synced: 5, removal: 6, manual: 7,
} as const;

/** One planned step before numbering, with what it contributes to a request body. */
export interface Draft {
  readonly fields: StepFields;
  phase: number;
  /** The request slot at a given level (a new data source's level 0 is its create request); null for manual steps. */
  readonly slotAt: (level: number) => RequestSlot | null;
  /** 0: rides in a create request; 1+: PATCH levels. */
  level: number;
  readonly deps: Draft[];
  /** Writes this step's share of the request body (`stepId` resolves synced placeholders). */
  readonly contribute?: (body: Record<string, unknown>, self: (d: Draft) => string) => void;
  /** Data source create draft this property step belongs to, when the data source is new. */
  readonly owner?: Draft;
}

/** The request slot a draft lands in, at its final level. */
export function slotOf(d: Draft): RequestSlot | null {
  return d.slotAt(d.level);
}
