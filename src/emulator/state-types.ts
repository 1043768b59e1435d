/**
 * The emulator's stored state: plain JSON-serialisable data, persisted as one file.
 * Invariants: every id is a dashed lower-case UUID except property ids (raw, decoded,
 * unique within their data source, `title` for the title property); page property
 * values are keyed by property id; references between objects are by id only.
 */

/** A normalised rich-text item as returned by the API. */
export interface RichTextItem {
  readonly type: 'text' | 'mention' | 'equation';
  readonly text?: { readonly content: string; readonly link: { readonly url: string } | null };
  readonly mention?: Readonly<Record<string, unknown>>;
  readonly equation?: { readonly expression: string };
  readonly annotations: Readonly<Record<string, unknown>>;
  readonly plain_text: string;
  readonly href: string | null;
}

/** A select, multi-select or status option. */
export interface StoredOption {
  id: string;
  name: string;
  color: string;
  description: string | null;
}

/** A status group. */
export interface StoredGroup {
  id: string;
  name: string;
  color: string;
  option_ids: string[];
}

/**
 * Type configuration as stored (references by id, not name):
 * number `{format}`; select/multi_select `{options}`; status `{options, groups}`;
 * formula `{expression}` with `{{notion:block_property:<encoded id>}}` references;
 * relation `{data_source_id, type, synced_property_id?}`;
 * rollup `{relation_property_id, rollup_property_id, function}`; unique_id `{prefix}`; else `{}`.
 */
export type StoredConfig = Record<string, unknown>;

/** One property of a data source schema. */
export interface StoredProperty {
  id: string;
  name: string;
  description: string | null;
  type: string;
  config: StoredConfig;
}

/** Who can see an object: token digests, or absent for "inherit from the parent" (root: everyone). */
export type SharedWith = string[] | undefined;

export type DatabaseParent = { type: 'page_id'; page_id: string } | { type: 'workspace'; workspace: true };

export interface StoredDatabase {
  id: string;
  parent: DatabaseParent;
  title: RichTextItem[];
  description: RichTextItem[];
  icon: unknown;
  cover: unknown;
  is_inline: boolean;
  in_trash: boolean;
  is_locked: boolean;
  created_time: string;
  last_edited_time: string;
  created_by: string;
  last_edited_by: string;
  data_source_ids: string[];
  /** Tab order of the database's views (absent in older state files: none). */
  view_ids?: string[];
  shared_with?: string[];
}

export interface StoredDataSource {
  id: string;
  database_id: string;
  title: RichTextItem[];
  icon: unknown;
  in_trash: boolean;
  created_time: string;
  last_edited_time: string;
  created_by: string;
  last_edited_by: string;
  /** Property ids in creation order. */
  property_order: string[];
  properties: Record<string, StoredProperty>;
  /** Next number handed out per unique_id property id. */
  unique_counters: Record<string, number>;
  shared_with?: string[];
}

/**
 * A view (a tab of a database). Property references inside `filter`, `sorts` and `configuration`
 * are stored as raw (decoded) property ids of `data_source_id`, so renames never break them.
 */
export interface StoredView {
  id: string;
  database_id: string;
  data_source_id: string;
  name: string;
  type: string;
  filter: Record<string, unknown> | null;
  sorts: Record<string, unknown>[] | null;
  quick_filters: Record<string, unknown> | null;
  configuration: Record<string, unknown> | null;
  created_time: string;
  last_edited_time: string;
  created_by: string;
  last_edited_by: string;
}

export type PageParent =
  | { type: 'data_source_id'; data_source_id: string }
  | { type: 'page_id'; page_id: string }
  | { type: 'workspace'; workspace: true };

export interface StoredPage {
  id: string;
  parent: PageParent;
  /** Values keyed by property id (for non-data-source pages only `title`). */
  values: Record<string, unknown>;
  icon: unknown;
  cover: unknown;
  in_trash: boolean;
  is_locked: boolean;
  created_time: string;
  last_edited_time: string;
  created_by: string;
  last_edited_by: string;
  shared_with?: string[];
}

export interface StoredUser {
  id: string;
  type: 'person' | 'bot';
  name: string;
  email?: string;
}

/** The whole persisted state. */
export interface EmulatorState {
  format: 1;
  root_page_id: string;
  workspace_name: string;
  databases: Record<string, StoredDatabase>;
  data_sources: Record<string, StoredDataSource>;
  /** Absent in state files written before views existed (read as empty). */
  views?: Record<string, StoredView>;
  pages: Record<string, StoredPage>;
  users: Record<string, StoredUser>;
  /** Bot user id per token digest. */
  bots: Record<string, string>;
  /** The token of the journal that continues this snapshot (journal.ts); absent: no journal. */
  journal?: string;
}
