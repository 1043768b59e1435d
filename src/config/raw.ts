/**
 * The schema file's shape after JSON Schema validation and `${VAR}` expansion,
 * before normalisation. Internal to config/: later stages consume `DesiredState` only.
 */
import type { ChartType, ManagedViewType } from '../model/view.js';
import type { NumberFormat, OptionColor, PropertyType, RollupFunction, StatusGroupName } from '../model/property-types.js';

export interface RawOption {
  readonly name: string;
  readonly color?: OptionColor;
  readonly description?: string;
  readonly group?: StatusGroupName;
  readonly renamed_from?: readonly string[];
}

export interface RawProperty {
  readonly type: PropertyType;
  readonly description?: string;
  readonly renamed_from?: readonly string[];
  readonly format?: NumberFormat;
  readonly options?: readonly RawOption[];
  readonly expression?: string;
  readonly data_source?: string;
  readonly dual?: boolean | { readonly property?: string };
  readonly relation?: string;
  readonly property?: string;
  readonly function?: RollupFunction;
  readonly prefix?: string | null;
  readonly convert?: true | RawConvert;
}

export interface RawConvert {
  readonly map?: Readonly<Record<string, string | null>>;
  readonly on_unconvertible?: 'fail' | 'empty';
  readonly checked?: string;
  readonly unchecked?: string | null;
}

export interface RawDataSource {
  readonly id?: string;
  readonly title: string;
  readonly description?: string;
  readonly icon?: string;
  readonly properties: Readonly<Record<string, RawProperty>>;
  readonly views?: readonly RawView[];
  readonly views_exclusive?: boolean;
}

export interface RawViewSort {
  readonly property?: string;
  readonly timestamp?: 'created_time' | 'last_edited_time';
  readonly direction: 'ascending' | 'descending';
}

export interface RawView {
  readonly name: string;
  readonly type: ManagedViewType;
  readonly renamed_from?: readonly string[];
  readonly properties?: readonly string[];
  readonly sorts?: readonly RawViewSort[];
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly group_by?: string;
  readonly date_property?: string;
  readonly end_date_property?: string;
  readonly chart_type?: ChartType;
  readonly map_by?: string;
}

export interface RawDatabase {
  readonly id?: string;
  readonly title: string;
  readonly description?: string;
  readonly icon?: string;
  readonly parent: { readonly page_id?: string; readonly workspace?: true };
  readonly is_inline?: boolean;
  readonly data_sources: Readonly<Record<string, RawDataSource>>;
}

export interface RawFile {
  readonly version?: 1;
  readonly databases: Readonly<Record<string, RawDatabase>>;
}

/** A path into the file: map keys and sequence indexes. */
export type Path = readonly (string | number)[];
