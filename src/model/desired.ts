import type { ConversionRules } from './migration.js';
import type { DatabaseParent, Icon, SourceLocation } from './common.js';
import type { PropertyConfig } from './property.js';
import type { DesiredView } from './view.js';

/**
 * The desired state: what the schema file declares, after `${VAR}` expansion,
 * validation and normalisation. Immutable. Every stage after `config/` consumes only this.
 *
 * Invariants (guaranteed by the loader; a value violating them is never returned):
 * - database keys are unique; data source keys are unique within their database;
 * - each data source has exactly one `title` property;
 * - property names are unique case-insensitively within a data source;
 * - relation targets with `kind: 'key'` name a data source of this desired state;
 * - rollup `relation` names a relation property of the same data source;
 * - every id is a lowercase dashed UUID.
 * Arrays keep file order.
 */
export interface DesiredState {
  /** Path of the schema file as given by the user. */
  readonly file: string;
  /** sha256 (hex) of the raw file bytes, before env expansion; `''` when not computed (a text given in memory, or `hash: false`). */
  readonly hash: string;
  readonly databases: readonly DesiredDatabase[];
}

export interface DesiredDatabase {
  /** Logical key, `[A-Za-z0-9_-]+`. */
  readonly key: string;
  /** Bound Notion id from the file's `id:`, if any. */
  readonly id?: string;
  readonly title: string;
  /** Absent in the file means "no description": null. */
  readonly description: string | null;
  readonly icon: Icon | null;
  readonly parent: DatabaseParent;
  readonly is_inline: boolean;
  /** At least one. */
  readonly data_sources: readonly DesiredDataSource[];
  readonly location?: SourceLocation;
}

export interface DesiredDataSource {
  /** Logical key within the database, `[A-Za-z0-9_-]+`. */
  readonly key: string;
  /** `<database key>.<data source key>`: the reference used by relations, lock files and plans. */
  readonly ref: string;
  readonly id?: string;
  readonly title: string;
  readonly description: string | null;
  readonly icon: Icon | null;
  /** File order; the title property is not necessarily first. */
  readonly properties: readonly DesiredProperty[];
  /**
   * The declared views, in tab order; absent when the file has no `views:` (views are then not
   * managed: none is read, planned or reported).
   */
  readonly views?: readonly DesiredView[];
  /** `views_exclusive: true`: views Notion holds that the file does not declare are removed (default: reported, left alone). */
  readonly views_exclusive?: boolean;
  readonly location?: SourceLocation;
}

export interface DesiredProperty {
  /** The Notion property name (the YAML key). */
  readonly name: string;
  readonly description: string | null;
  /** Earlier names of this property, newest first; empty when none. */
  readonly renamed_from: readonly string[];
  readonly config: PropertyConfig;
  /**
   * `convert:` in the file: when the live property has another (convertible) type, migrate its
   * values into this type (a `migrate_values` step) instead of a lossy type change. Absent: no opt-in.
   */
  readonly convert?: ConversionRules;
  readonly location?: SourceLocation;
}
