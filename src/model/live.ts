import type { DatabaseParent, Icon } from './common.js';
import type { PropertyConfig } from './property.js';
import type { LiveView } from './view.js';

/**
 * Live objects: what Notion holds, normalised to the same shapes as the desired
 * state so that `diff` compares them directly.
 *
 * Invariants:
 * - ids are lowercase dashed UUIDs (property ids excepted: they are the API's short ids, URL-encoded as returned);
 * - relation targets are `{kind:'id'}` refs (the diff maps keys to ids through the resolution);
 * - options carry `id`, `color` and `description`; status configs carry `groups`;
 * - rollups carry both names and ids.
 */
export interface LiveDatabase {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly icon: Icon | null;
  readonly parent: DatabaseParent | { readonly type: 'other'; readonly raw: unknown };
  readonly is_inline: boolean;
  readonly in_trash: boolean;
  /** All data sources of the database (ids and names), whether or not the file names them. */
  readonly data_source_ids: readonly { readonly id: string; readonly name: string }[];
  /** Fingerprint of the API response (see `fingerprint`), for staleness checks. */
  readonly fingerprint: string;
}

export interface LiveDataSource {
  readonly id: string;
  readonly database_id: string;
  readonly title: string;
  readonly description: string | null;
  readonly icon: Icon | null;
  readonly in_trash: boolean;
  /** In the API's order (the title property first). */
  readonly properties: readonly LiveProperty[];
  /**
   * Fingerprint of the normalised object (see `fingerprint`), for staleness checks; `''` only
   * when the reader was told not to compute it (`fingerprints: false`: a plan that is shown,
   * never saved, and post-apply verification). A plan holding one cannot be written (renderJson).
   */
  readonly fingerprint: string;
}

export interface LiveProperty {
  /** The API's property id, exactly as returned (URL-encoded). `"title"` for the title. */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly config: PropertyConfig;
}

/** How a logical key was bound to a Notion object. */
export type BindingSource = 'file' | 'lock' | 'adopted' | 'none';

/**
 * The live state: which Notion objects the schema file's logical keys denote, and what they hold.
 * Produced by the live-state reader (`src/notion/`), consumed by `diff`.
 */
export interface LiveState {
  /** Keyed by database key. A key absent here does not exist yet (it will be created). */
  readonly databases: ReadonlyMap<string, { readonly source: BindingSource; readonly live: LiveDatabase }>;
  /** Keyed by data source ref (`db.ds`). */
  readonly data_sources: ReadonlyMap<string, { readonly source: BindingSource; readonly live: LiveDataSource }>;
  /**
   * Data sources read because a relation targets them by id (outside the file), keyed by id.
   * Used to check rollup targets and two-way relation far sides.
   */
  readonly external: ReadonlyMap<string, LiveDataSource>;
  /**
   * Objects the lock file binds under keys the schema file no longer declares: planned for removal.
   * A data source of a removed database is listed with it (`data_sources`), never on its own.
   * Absent when nothing is.
   */
  readonly removed?: {
    readonly databases: ReadonlyMap<string, { readonly live: LiveDatabase; readonly data_sources: readonly string[]; readonly data_source_ids: readonly string[] }>;
    readonly data_sources: ReadonlyMap<string, LiveDataSource>;
  };
  /**
   * Property (and option) ids the lock file recorded at the last apply or pull, by data source ref,
   * then by the property's desired name. A live property holding a recorded id under another name
   * was renamed in Notion (drift). Absent when the lock records none.
   */
  readonly recorded?: ReadonlyMap<string, Readonly<Record<string, RecordedProperty>>>;
  /**
   * The views of each bound data source whose file declares `views:`, in tab order, by data source ref.
   * Absent when no data source declares views.
   */
  readonly views?: ReadonlyMap<string, readonly LiveView[]>;
  /** View ids the lock file recorded, by data source ref, then by declared view name. */
  readonly recorded_views?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** What the lock file recorded of one managed property: its id, and its options' ids by name. */
export interface RecordedProperty {
  readonly id: string;
  readonly options?: Readonly<Record<string, string>>;
}
