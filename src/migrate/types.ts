import type { OptionColor } from '../model/property-types.js';

/**
 * Data migrations: changes the Notion API cannot make to a schema in place without losing
 * values, made by rewriting page values (docs/migrations.md). These are the inputs and outputs of
 * the engine; the planner builds the specs, the applier runs them.
 */

/** Property types whose options can be renamed or recoloured by a migration. */
export type OptionPropertyType = 'select' | 'multi_select' | 'status';

/**
 * Rename and/or recolour one option of a select, multi_select or status property.
 * Invariants: `from` is the exact live option name; `to.name` differs from `from`, or
 * `to.color` differs from the live colour (else there is nothing to migrate).
 * Names follow Notion's rules: 1–100 characters, no commas.
 */
export interface OptionMigrationSpec {
  readonly kind: 'option';
  readonly dataSourceId: string;
  /** The live property id (not its name: a person may rename the property meanwhile). */
  readonly propertyId: string;
  readonly propertyType: OptionPropertyType;
  /** The live option name being replaced. */
  readonly from: string;
  /** The final option. `color` absent: keep the colour of `from`. */
  readonly to: { readonly name: string; readonly color?: OptionColor };
}

/** Property types a conversion can read from or write to. */
export const CONVERTIBLE_TYPES = ['rich_text', 'select', 'multi_select', 'number', 'date', 'checkbox'] as const;
export type ConvertibleType = (typeof CONVERTIBLE_TYPES)[number];

/** What to do with a value that does not convert. */
export type OnUnconvertible = 'fail' | 'empty';

/**
 * How values convert (docs/migrations.md, "Conversions").
 * - `map`: source value (its text form) → target text form, or null for "empty"; applied first,
 *   per item for multi_select sources. A mapped value must itself convert.
 * - `checkbox`: for checkbox ↔ select, the option meaning checked and the one (or null: empty)
 *   meaning unchecked. Required for those two conversions.
 * - `onUnconvertible`: `fail` (the default) refuses the whole migration before any write when a
 *   value does not convert; `empty` writes an empty value for it.
 */
export interface ConversionRules {
  readonly map?: Readonly<Record<string, string | null>>;
  readonly checkbox?: { readonly checked: string; readonly unchecked: string | null };
  readonly onUnconvertible: OnUnconvertible;
}

/** A declared option of a select / multi_select conversion target. */
export interface TargetOption {
  readonly name: string;
  readonly color?: OptionColor;
}

/**
 * Convert a property to another type without losing values: a temporary property of the new
 * type receives every converted value, then the old property is removed and the temporary one
 * takes its name (and description). The property id changes.
 * Supported pairs (`CONVERSIONS` in core/convert.ts): rich_text → select; select ↔ multi_select;
 * number ↔ rich_text; date ↔ rich_text; checkbox ↔ select.
 */
export interface ConvertMigrationSpec {
  readonly kind: 'convert';
  readonly dataSourceId: string;
  /** The live property id. */
  readonly propertyId: string;
  readonly from: ConvertibleType;
  readonly to: ConvertibleType;
  /** For select / multi_select targets: options to create first (in this order, with their colours). */
  readonly options?: readonly TargetOption[];
  /** For number targets. */
  readonly numberFormat?: string;
  readonly rules: ConversionRules;
}

export type MigrationSpec = OptionMigrationSpec | ConvertMigrationSpec;

/** A value that does not convert, found by the preflight before anything is written. */
export interface UnconvertibleValue {
  readonly pageId: string;
  /** The page title, for the message. */
  readonly title: string;
  /** The source value's text form. */
  readonly value: string;
  readonly reason: string;
}

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
