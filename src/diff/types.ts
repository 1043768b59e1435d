import type { MigrationSpec } from '../model/migration.js';
import type { ViewChange } from './views.js';
import type {
  BindingSource, DesiredDatabase, DesiredDataSource, DesiredProperty, Diagnostic, FieldChange,
  LiveDatabase, LiveDataSource, LiveProperty, ManualCause, OptionSpec, PropertyConfig, PropertyType,
} from '../model/index.js';

/**
 * The result of `diff(desired, live)`: every difference between the two states,
 * grouped by database and data source, in desired-file order. Pure data.
 *
 * Invariants:
 * - every difference appears in exactly one `PropertyChange` or `FieldChange`;
 * - a property rename is never expressed as a removal plus an addition;
 * - `diagnostics` holds errors (the plan must not be applied) and warnings.
 */
export interface DiffResult {
  readonly databases: readonly DatabaseDiff[];
  /** Objects the lock file binds and the schema file no longer declares: moved to the trash. */
  readonly removals: readonly Removal[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface DatabaseDiff {
  readonly key: string;
  readonly desired: DesiredDatabase;
  /** null: the database does not exist yet and is created. */
  readonly live: LiveDatabase | null;
  readonly source: BindingSource;
  /** Changed database fields (`title`, `description`, `icon`, `is_inline`, `parent`: a move); empty for creates. */
  readonly changes: readonly FieldChange[];
  /** True when the live database is in the trash (moved there in Notion): the plan restores it. */
  readonly restore: boolean;
  readonly data_sources: readonly DataSourceDiff[];
}

/**
 * A removal: a database (covering every data source the lock binds under it), or one data source
 * of a database the file still declares.
 */
export type Removal =
  | { readonly kind: 'database'; readonly key: string; readonly id: string; readonly title: string; readonly data_sources: readonly string[]; readonly data_source_ids: readonly string[] }
  | { readonly kind: 'data_source'; readonly ref: string; readonly database: string; readonly id: string; readonly title: string };

export interface DataSourceDiff {
  readonly ref: string;
  readonly database: string;
  readonly desired: DesiredDataSource;
  /** null: created by this plan. */
  readonly live: LiveDataSource | null;
  readonly source: BindingSource;
  /** True for the first data source of a database created by this plan (created with it). */
  readonly initial: boolean;
  /** Changed writable data source fields (`title`, `icon`). */
  readonly changes: readonly FieldChange[];
  /** Desired/live pairs of properties that exist on both sides (after rename matching). */
  readonly matched: readonly MatchedProperty[];
  readonly properties: readonly PropertyChange[];
  /** View changes, in file order then removals; absent when the file declares no `views:` for it. */
  readonly views?: readonly ViewChange[];
  /** Desired property name → live id (the properties that exist), for encoding view requests. */
  readonly property_ids?: Readonly<Record<string, string>>;
}

export interface MatchedProperty {
  readonly desired: DesiredProperty;
  readonly live: LiveProperty;
}

/** Identifies a property of a data source: its name after the change, and its live id when it exists. */
interface PropertyTarget {
  readonly property: string;
  readonly property_id?: string;
}

/**
 * The whole desired configuration of a changed property (options kept from the live list carry
 * their live id), so planning never re-runs the differ.
 */
export interface PropertySettings {
  readonly config: PropertyConfig;
  readonly description: string | null;
}

/** One property-level difference. */
export type PropertyChange =
  | (PropertyTarget & { readonly kind: 'add'; readonly desired: DesiredProperty })
  | (PropertyTarget & {
      readonly kind: 'rename';
      readonly property_id: string;
      readonly from: string;
      /** The live name differs from the name the lock file recorded for this id: renamed in Notion, renamed back. */
      readonly drift?: boolean;
    })
  | (PropertyTarget & {
      readonly kind: 'update';
      readonly property_id: string;
      readonly changes: readonly FieldChange[];
      /** A relation target change: existing values are lost. */
      readonly destructive: boolean;
    } & PropertySettings)
  | (PropertyTarget & {
      readonly kind: 'change_type';
      readonly property_id: string;
      readonly from_type: PropertyType;
      readonly to_type: PropertyType;
    } & PropertySettings)
  | (PropertyTarget & { readonly kind: 'remove'; readonly property_id: string; readonly property_type: PropertyType })
  | (PropertyTarget & { readonly kind: 'add_options'; readonly property_id: string; readonly options: readonly OptionSpec[] } & PropertySettings)
  | (PropertyTarget & { readonly kind: 'remove_options'; readonly property_id: string; readonly options: readonly OptionSpec[] } & PropertySettings)
  | (PropertyTarget & {
      /**
       * A data migration (option rename / recolour, type conversion): page values are rewritten by
       * src/migrate/, never by a schema request. Also produced for a migration under way (its
       * temporary option or property is live), so a new plan resumes it.
       */
      readonly kind: 'migrate';
      readonly property_id: string;
      readonly migration: MigrationSpec;
      /** An option renamed in Notion, renamed back. */
      readonly drift?: boolean;
    })
  | (PropertyTarget & {
      /** The two-way relation's synced property on the far side needs another name, once the relation exists. */
      readonly kind: 'rename_synced';
      /** Data source ref (or id, for a data source outside the file) holding the synced property. */
      readonly far_data_source: string;
      /** The relation property (in this data source) that owns the synced property. */
      readonly relation: string;
      /** Current name of the synced property, null when the relation is created by this plan. */
      readonly from: string | null;
    })
  | (Partial<PropertyTarget> & {
      readonly kind: 'manual';
      /** What is forbidden and why, as a code with parameters (worded by render/manual-cause.ts). */
      readonly cause: ManualCause;
      /** Data source level manual changes (e.g. the description) set this. */
      readonly field?: string;
    });

export type PropertyChangeKind = PropertyChange['kind'];
