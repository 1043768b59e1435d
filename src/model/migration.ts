import type { OptionColor } from './property-types.js';

/**
 * Data migrations (docs/migrations.md): the changes the Notion API cannot make to a schema in
 * place without losing values, made by rewriting page values. These specs travel in plan files
 * (`migrate_values` steps) and are run by src/migrate/. Plain JSON.
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

/** The supported conversion pairs `[from, to]` (docs/migrations.md, "Conversions"). */
export const CONVERSIONS: readonly (readonly [ConvertibleType, ConvertibleType])[] = [
  ['rich_text', 'select'], ['select', 'multi_select'], ['multi_select', 'select'],
  ['number', 'rich_text'], ['rich_text', 'number'], ['date', 'rich_text'], ['rich_text', 'date'],
  ['checkbox', 'select'], ['select', 'checkbox'],
];

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
 * Supported pairs (`CONVERSIONS` in src/migrate/core/convert.ts): rich_text → select;
 * select ↔ multi_select; number ↔ rich_text; date ↔ rich_text; checkbox ↔ select.
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

/**
 * The temporary option or property of a migration ends with this: ` (migrating <last 8 hex of
 * the migration id>)`. The planner recognises it, so a plan made while a migration is under way
 * (or after one was killed) resumes it instead of removing the temporary object.
 */
export const MIGRATION_TEMP_SUFFIX = / \(migrating [0-9a-f]{8}\)$/;

/** A value that does not convert, found before anything is written. */
export interface UnconvertibleValue {
  readonly pageId: string;
  /** The page title, for the message. */
  readonly title: string;
  /** The source value's text form. */
  readonly value: string;
  readonly reason: string;
}

/**
 * What a `migrate_values` step costs, counted at plan time with the same queries the run makes.
 * Invariant: `requests` ≥ `writes` + `queries`; `seconds` = `requests` / `rate`.
 */
export interface MigrationCountSummary {
  /** Distinct pages holding a value to migrate. */
  readonly pages: number;
  /** Page writes over every pass (a recolour writes each page twice). */
  readonly writes: number;
  readonly passes: number;
  readonly queries: number;
  readonly schema_requests: number;
  readonly requests: number;
  /** The rate limit (requests per second) the duration assumes. */
  readonly rate: number;
  readonly seconds: number;
  /** Conversions to select / multi_select: the options the property will have, in order. */
  readonly target_options?: readonly string[];
}
