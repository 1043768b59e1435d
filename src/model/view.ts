import type { SourceLocation } from './common.js';
import type { PropertyType } from './property-types.js';

/** Every view type of the Views API (SDK 5.26 `ViewTypeRequest`). */
export const VIEW_TYPES = ['table', 'board', 'list', 'calendar', 'timeline', 'gallery', 'form', 'chart', 'map', 'dashboard'] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

/** View types the file can declare. A dashboard holds widgets of other views and has no data source: not managed. */
export const MANAGED_VIEW_TYPES = ['table', 'board', 'list', 'calendar', 'timeline', 'gallery', 'form', 'chart', 'map'] as const satisfies readonly ViewType[];
export type ManagedViewType = (typeof MANAGED_VIEW_TYPES)[number];

/** View types whose configuration takes `group_by` (board: required). */
export const GROUPING_VIEW_TYPES: readonly ViewType[] = ['table', 'board'];
/** View types whose configuration takes a date property (required). */
export const DATED_VIEW_TYPES: readonly ViewType[] = ['calendar', 'timeline'];
/** View types whose configuration lists visible properties. */
export const PROPERTY_LIST_VIEW_TYPES: readonly ViewType[] = ['table', 'board', 'list', 'calendar', 'timeline', 'gallery', 'map'];
/** Chart kinds (SDK `ChartViewConfigRequest.chart_type`). */
export const CHART_TYPES = ['column', 'bar', 'line', 'donut', 'number'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** Property types a view can group by, and the `group_by.type` the API takes for each. */
export const GROUP_BY_TYPE: Partial<Record<PropertyType, string>> = {
  select: 'select', multi_select: 'multi_select', status: 'status', people: 'person', created_by: 'created_by',
  last_edited_by: 'last_edited_by', relation: 'relation', date: 'date', created_time: 'created_time',
  last_edited_time: 'last_edited_time', title: 'title', rich_text: 'text', url: 'url', email: 'email',
  phone_number: 'phone_number', number: 'number', checkbox: 'checkbox',
};

export type SortDirection = 'ascending' | 'descending';

/** A view sort: by property (a name in the desired state, an id in the live state) or by timestamp. */
export type ViewSort =
  | { readonly property: string; readonly direction: SortDirection }
  | { readonly timestamp: 'created_time' | 'last_edited_time'; readonly direction: SortDirection };

/**
 * A view filter in Notion's data source query shape (`{property, <type>: {<op>: value}}`, `and`/`or`
 * of those, or a timestamp condition). `property` is a name in the desired state, an id in the live state.
 */
export type ViewFilter = Readonly<Record<string, unknown>>;

/**
 * What a view shows, comparable between the file and Notion. Property references are names in the
 * desired state and ids in the live state. Fields a view type does not take are null (or empty).
 */
export interface ViewSpec {
  readonly type: ViewType;
  /** Visible properties, in column/card order; null: not managed (Notion's choice). */
  readonly properties: readonly string[] | null;
  readonly sorts: readonly ViewSort[];
  readonly filter: ViewFilter | null;
  /** table (optional), board (required). */
  readonly group_by: string | null;
  /** calendar and timeline (required). */
  readonly date_property: string | null;
  /** timeline only. */
  readonly end_date_property: string | null;
  /** chart only (required). */
  readonly chart_type: ChartType | null;
  /** map only: the place property the map plots. */
  readonly map_by: string | null;
}

/**
 * A declared view. Invariants (the loader guarantees them): names are unique within the data
 * source; every property reference names a property the data source declares; the type-specific
 * fields are set only on the types that take them (see ViewSpec).
 */
export interface DesiredView extends ViewSpec {
  /** The view's name: its key within the data source. */
  readonly name: string;
  /** Earlier names, newest first. */
  readonly renamed_from: readonly string[];
  readonly location?: SourceLocation;
}

/** A view as Notion holds it, property references as ids. `position` is its tab index. */
export interface LiveView extends ViewSpec {
  readonly id: string;
  readonly name: string;
  readonly position: number;
}
