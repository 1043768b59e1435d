import type { DataSourceRef } from './common.js';
import type { EmptyConfigType, NumberFormat, OptionColor, RollupFunction, StatusGroupName } from './property-types.js';

/**
 * One select / multi_select / status option.
 * - Desired state: `id` is absent; `color` absent means "any colour" (Notion picks one for new options);
 *   `renamed_from` lists earlier names (a hint, never applied by the API: option renames are manual).
 * - Live state: `id`, `color` and `description` are always present (`description` may be null).
 * - `group` is only meaningful for status options.
 */
export interface OptionSpec {
  readonly id?: string;
  readonly name: string;
  readonly color?: OptionColor;
  readonly description?: string | null;
  readonly group?: StatusGroupName;
  readonly renamed_from?: readonly string[];
}

/** A status group as the API returns it. Live state only. */
export interface StatusGroupSpec {
  readonly id?: string;
  readonly name: string;
  readonly color?: OptionColor;
  /** Option names (not ids), so desired and live compare directly. */
  readonly options: readonly string[];
}

/**
 * A property's type and type-specific settings, flattened as in the schema file.
 * The same shape serves the desired state (ids absent) and the live state (ids filled in),
 * so the two compare directly.
 */
export type PropertyConfig =
  | { readonly type: EmptyConfigType }
  | { readonly type: 'number'; readonly format: NumberFormat }
  | { readonly type: 'select' | 'multi_select'; readonly options: readonly OptionSpec[] }
  | {
      readonly type: 'status';
      readonly options: readonly OptionSpec[];
      /** Live state: the groups as returned. Desired state: absent (membership comes from `OptionSpec.group`). */
      readonly groups?: readonly StatusGroupSpec[];
    }
  | { readonly type: 'formula'; readonly expression: string }
  | {
      readonly type: 'relation';
      readonly target: DataSourceRef;
      /**
       * null: one-way (`single_property`). Otherwise two-way (`dual_property`);
       * `property` is the synced property's name on the target (desired: optional, absent = let Notion name it),
       * `property_id` its id (live only).
       */
      readonly dual: { readonly property?: string; readonly property_id?: string } | null;
    }
  | {
      readonly type: 'rollup';
      /** Name of a relation property of the same data source. */
      readonly relation: string;
      readonly relation_id?: string;
      /** Name of a property of the relation's target data source. */
      readonly property: string;
      readonly property_id?: string;
      readonly function: RollupFunction;
    }
  | { readonly type: 'unique_id'; readonly prefix: string | null };

/** Picks the config variant for one type: `ConfigOf<'number'>` is `{type:'number', format}`. */
export type ConfigOf<T extends PropertyConfig['type']> = Extract<PropertyConfig, { readonly type: T }>;
