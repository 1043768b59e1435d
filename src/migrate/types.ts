import type { UnconvertibleValue } from '../model/migration.js';

/**
 * Data migrations: the engine's inputs (specs, in src/model/migration.ts: they travel in plan
 * files) and outputs.
 */
export {
  CONVERTIBLE_TYPES, type ConvertibleType, type ConversionRules, type ConvertMigrationSpec, type MigrationSpec,
  type OnUnconvertible, type OptionMigrationSpec, type OptionPropertyType, type TargetOption, type UnconvertibleValue,
} from '../model/migration.js';

/**
 * What a migration will cost, counted with the same queries the run makes.
 * Invariant: `requests` ≥ `writes` + `queries`; `seconds` = `requests` / rate.
 */
export interface MigrationCount {
  readonly id: string;
  /** Pages whose value will be rewritten, over every pass (a recolour counts each page twice). */
  readonly writes: number;
  /** Distinct pages holding a value to migrate. */
  readonly pages: number;
  /** Page rewrite passes (1, or 2 for a recolour / a case-only rename, or 1 copy for a conversion). */
  readonly passes: number;
  /** Queries the run makes (pagination, then one verification round per pass). */
  readonly queries: number;
  /** Schema reads and writes (GET/PATCH data source). */
  readonly schemaRequests: number;
  readonly requests: number;
  /** At the given rate limit, without retries. */
  readonly seconds: number;
  /** Conversions only: values that do not convert (empty for option migrations). */
  readonly unconvertible: readonly UnconvertibleValue[];
  /** Conversions only: options a select / multi_select target will have, in order. */
  readonly targetOptions: readonly string[];
  /** Human notes, e.g. "formula X refers to this property". */
  readonly warnings: readonly string[];
}

/** Progress of a run, for a progress bar and the journal. */
export type MigrationEvent =
  | { readonly type: 'start'; readonly id: string; readonly journal: string; readonly resumed: boolean; readonly doneBefore: number }
  | { readonly type: 'pass'; readonly pass: number; readonly passes: number; readonly label: string }
  | { readonly type: 'round'; readonly pass: number; readonly round: number; readonly found: number; readonly toWrite: number }
  | {
      readonly type: 'progress';
      readonly pass: number;
      /** Pages rewritten in this pass, earlier runs included (from the journal). */
      readonly done: number;
      readonly total: number;
      /** Estimated seconds left, from the measured rate of this run (null until measurable). */
      readonly etaSeconds: number | null;
    }
  | { readonly type: 'schema'; readonly action: string }
  | { readonly type: 'skipped-page'; readonly pageId: string; readonly reason: string }
  | { readonly type: 'done'; readonly id: string; readonly writes: number };

export type MigrationEventListener = (event: MigrationEvent) => void;

/** The outcome of `runMigration`. */
export interface MigrationResult {
  readonly id: string;
  readonly journal: string;
  /** Page writes made by this run. */
  readonly writes: number;
  /** Page writes recorded by earlier (interrupted) runs of the same migration. */
  readonly writesBefore: number;
  /** Query rounds per pass (the last one found nothing left to rewrite). */
  readonly rounds: readonly number[];
  /** Pages skipped because they disappeared (404) between the query and the write. */
  readonly skipped: readonly string[];
  /** Conversions: the id of the new property (it replaced the old one). */
  readonly newPropertyId?: string;
}
