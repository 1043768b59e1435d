/**
 * The closed vocabularies of the Notion API 2025-09-03 property model
 * (notion-api.md §2.2). Runtime constants live here because the JSON Schema,
 * the validator, the emulator and codegen all need the same lists.
 */

/** Every property type a schema file may declare. */
export const PROPERTY_TYPES = [
  'title', 'rich_text', 'number', 'select', 'multi_select', 'status', 'date', 'people', 'files',
  'checkbox', 'url', 'email', 'phone_number', 'formula', 'relation', 'rollup', 'unique_id',
  'created_time', 'created_by', 'last_edited_time', 'last_edited_by', 'place', 'button', 'verification',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** Types whose configuration object is always `{}`. */
export const EMPTY_CONFIG_TYPES = [
  'title', 'rich_text', 'date', 'people', 'files', 'checkbox', 'url', 'email', 'phone_number',
  'created_time', 'created_by', 'last_edited_time', 'last_edited_by', 'place', 'button', 'verification',
] as const satisfies readonly PropertyType[];
export type EmptyConfigType = (typeof EMPTY_CONFIG_TYPES)[number];

/** Types whose page values Notion computes; they can never be written on a page. */
export const READ_ONLY_VALUE_TYPES = [
  'formula', 'rollup', 'unique_id', 'created_time', 'created_by', 'last_edited_time', 'last_edited_by',
  'button', 'verification',
] as const satisfies readonly PropertyType[];

/** Types the API cannot create or change through a schema write (notion-api.md §2.2). */
export const UNMANAGEABLE_TYPES = ['button', 'verification'] as const satisfies readonly PropertyType[];

/** The 45 number formats (notion-api.md §2.2). */
export const NUMBER_FORMATS = [
  'number', 'number_with_commas', 'percent', 'dollar', 'australian_dollar', 'canadian_dollar',
  'singapore_dollar', 'euro', 'pound', 'yen', 'ruble', 'rupee', 'won', 'yuan', 'real', 'lira', 'rupiah',
  'franc', 'hong_kong_dollar', 'new_zealand_dollar', 'krona', 'norwegian_krone', 'mexican_peso', 'rand',
  'new_taiwan_dollar', 'danish_krone', 'zloty', 'baht', 'forint', 'koruna', 'shekel', 'chilean_peso',
  'philippine_peso', 'dirham', 'colombian_peso', 'riyal', 'ringgit', 'leu', 'argentine_peso',
  'uruguayan_peso', 'peruvian_sol', 'vietnamese_dong', 'pakistani_rupee', 'nigerian_naira', 'bitcoin',
] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

/** Option and status-group colours. */
export const OPTION_COLORS = [
  'default', 'gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red',
] as const;
export type OptionColor = (typeof OPTION_COLORS)[number];

/** The 24 rollup functions. */
export const ROLLUP_FUNCTIONS = [
  'count', 'count_values', 'empty', 'not_empty', 'unique', 'show_unique', 'percent_empty',
  'percent_not_empty', 'sum', 'average', 'median', 'min', 'max', 'range', 'earliest_date', 'latest_date',
  'date_range', 'checked', 'unchecked', 'percent_checked', 'percent_unchecked', 'count_per_group',
  'percent_per_group', 'show_original',
] as const;
export type RollupFunction = (typeof ROLLUP_FUNCTIONS)[number];

/** The three fixed status groups; the API cannot create, rename or reorder groups. */
export const STATUS_GROUPS = ['To-do', 'In progress', 'Complete'] as const;
export type StatusGroupName = (typeof STATUS_GROUPS)[number];
