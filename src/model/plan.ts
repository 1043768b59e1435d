import type { DatabaseParent, Diagnostic, Icon } from './common.js';
import type { OptionSpec, PropertyConfig } from './property.js';
import type { PropertyType } from './property-types.js';
import type { BindingSource } from './live.js';
import type { IdOrRef, RefKeyedEntry } from './ref.js';
import type { ManualCause } from './manual.js';
import type { MigrationCountSummary, MigrationSpec } from './migration.js';
import type { ViewSpec, ViewType } from './view.js';

/**
 * The plan file: versioned plain JSON data (no classes, no functions), the only
 * input of every renderer and of the applier. JSON Schema: `schemas/plan.schema.json`.
 *
 * Invariants:
 * - `steps` are in execution order; every `depends_on` id names an earlier step;
 * - every step id appears in exactly one request's `steps`, except `manual` steps (never in a request),
 *   `migrate_values` steps (run by the migration engine after every request) and steps whose effect
 *   Notion performs implicitly (none today);
 * - `requests` are in a valid execution order; every request `depends_on` names an earlier request;
 * - request targets and bodies may hold reference nodes (`IdRef`, src/model/ref.ts) for ids known
 *   only after apply; no string is ever a reference, and the applier never rewrites text.
 */
export interface Plan {
  readonly format_version: typeof PLAN_FORMAT_VERSION;
  readonly tool_version: string;
  /** The schema file path as given, or null for plans not made from a file. */
  readonly schema_file: string | null;
  /** sha256 hex of the schema file bytes; apply refuses when the file on disk differs. */
  readonly schema_hash: string | null;
  readonly notion_version: string;
  /** `"local"` for the embedded workspace, otherwise the API base URL. Never a token. */
  readonly target: string;
  /**
   * The workspace the token reached at plan time (`GET /v1/users/me`). `apply --plan` refuses a plan
   * without it, or made for another workspace (the same URL may lead to another workspace).
   * Absent only on plans built without a client (library use, golden tests).
   */
  readonly workspace?: WorkspaceIdentity;
  /** How each logical key resolved. The applier writes these (and created ids) to the lock file. */
  readonly bindings: readonly Binding[];
  /** Fingerprints of every live object read; apply re-reads and compares them before the first write. */
  readonly basis: readonly BasisEntry[];
  readonly steps: readonly Step[];
  readonly requests: readonly PlanRequest[];
  /** Non-fatal findings, e.g. "possible rename: add `renamed_from`". */
  readonly warnings: readonly Diagnostic[];
  readonly summary: PlanSummary;
}

export const PLAN_FORMAT_VERSION = 2 as const;

/** Which workspace a token reaches: the bot's `workspace_id` (the identity) and `workspace_name` (for people). */
export interface WorkspaceIdentity {
  readonly id: string;
  readonly name: string | null;
}

export interface Binding {
  readonly kind: 'database' | 'data_source';
  /** Database key, or data source ref `db.ds`. */
  readonly key: string;
  readonly id: string;
  readonly source: Exclude<BindingSource, 'none'>;
}

export interface BasisEntry {
  readonly kind: 'database' | 'data_source';
  readonly key: string;
  readonly id: string;
  /** `fingerprint()` of the normalised live object (src/notion/fingerprint.ts). */
  readonly fingerprint: string;
}

export type Risk = 'safe' | 'destructive' | 'forbidden';

/** One changed field: `before`/`after` are JSON values; null means unset. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

interface StepBase {
  /** `s1`, `s2`, … unique within the plan. */
  readonly id: string;
  readonly risk: Risk;
  /** One human sentence: what and why. For forbidden steps, what to do in the Notion app. */
  readonly reason: string;
  readonly depends_on: readonly string[];
  /** Database key. */
  readonly database: string;
  /** Data source ref `db.ds`, when the step targets a data source or a property. */
  readonly data_source?: string;
  /** Property name (after the step), when the step targets a property. */
  readonly property?: string;
  /** Live property id, when the property exists already. */
  readonly property_id?: string;
  /** Rows whose values the step removes, when `plan --impact` counted them. */
  readonly impact?: { readonly pages: number; readonly capped: boolean };
  /** True when the step undoes an edit made in Notion (drift): a rename, a move or a trashing done there. */
  readonly drift?: boolean;
}

export type Step =
  | (StepBase & {
      readonly kind: 'create_database';
      readonly title: string;
      readonly parent: DatabaseParent;
      readonly description: string | null;
      readonly icon: Icon | null;
      readonly is_inline: boolean;
      /** Ref of the initial data source created with it. */
      readonly initial_data_source: string;
    })
  | (StepBase & { readonly kind: 'create_data_source'; readonly data_source: string; readonly title: string; readonly icon: Icon | null })
  | (StepBase & { readonly kind: 'update_database'; readonly changes: readonly FieldChange[] })
  | (StepBase & {
      readonly kind: 'update_data_source';
      readonly data_source: string;
      readonly changes: readonly FieldChange[];
      /** True when the step only completes a create (a new database's first data source takes the database title). */
      readonly completes_create?: boolean;
    })
  | (StepBase & {
      readonly kind: 'add_property';
      readonly data_source: string;
      readonly property: string;
      readonly config: PropertyConfig;
      readonly description: string | null;
    })
  | (StepBase & {
      readonly kind: 'rename_property';
      readonly data_source: string;
      readonly property: string;
      readonly from: string;
      /** Set when the property is the synced property of a two-way relation of another data source. */
      readonly synced?: {
        readonly relation_data_source: string;
        readonly relation: string;
        /** True when Notion creates (and names) it with the relation in this plan. */
        readonly named_by_notion: boolean;
      };
      /**
       * The step that adds the relation, when the synced property's id is known only after it:
       * the request then keys the property by reference.
       */
      readonly synced_of?: string;
    })
  | (StepBase & {
      readonly kind: 'update_property';
      readonly data_source: string;
      readonly property: string;
      readonly changes: readonly FieldChange[];
    } & PropertySettings)
  | (StepBase & {
      readonly kind: 'change_property_type';
      readonly data_source: string;
      readonly property: string;
      readonly from_type: PropertyType;
      readonly to_type: PropertyType;
    } & PropertySettings)
  | (StepBase & { readonly kind: 'remove_property'; readonly data_source: string; readonly property: string; readonly property_type: PropertyType })
  | (StepBase & { readonly kind: 'add_options'; readonly data_source: string; readonly property: string; readonly options: readonly OptionSpec[] } & PropertySettings)
  | (StepBase & { readonly kind: 'remove_options'; readonly data_source: string; readonly property: string; readonly options: readonly string[] } & PropertySettings)
  | (StepBase & {
      /**
       * A data source the lock file binds and the file no longer declares: moved to Notion's trash
       * (`in_trash: true`, restorable there for 30 days). Destructive. Absent when its database is removed too.
       */
      readonly kind: 'remove_data_source';
      readonly data_source: string;
      /** The live data source id (the object is not in the file any more). */
      readonly data_source_id: string;
      readonly title: string;
    })
  | (StepBase & {
      /**
       * A database the lock file binds and the file no longer declares: moved to Notion's trash
       * (`in_trash: true`, restorable there for 30 days) with all its data sources. Destructive.
       */
      readonly kind: 'remove_database';
      readonly database_id: string;
      readonly title: string;
      /** Data source refs the lock binds under it (covered by this step). */
      readonly data_sources: readonly string[];
    })
  | (StepBase & {
      /** A managed database someone moved to the trash: restored (`in_trash: false`). Safe. */
      readonly kind: 'restore_database';
      readonly database_id: string;
      readonly title: string;
    })
  | (StepBase & {
      /**
       * A data migration (docs/migrations.md): rewrites page values through the pages API, run by
       * src/migrate/ after every schema request of the plan, only with `apply --migrate-data`.
       * Never in a request. `risk` is destructive when the rules clear values (`on_unconvertible: empty`,
       * or a `map` entry to null).
       */
      readonly kind: 'migrate_values';
      readonly data_source: string;
      readonly property: string;
      readonly property_id: string;
      readonly migration: MigrationSpec;
      /** Counted at plan time with the same queries the run makes; absent when the plan was built offline. */
      readonly count?: MigrationCountSummary;
    })
  | (StepBase & {
      /** A declared view Notion does not hold: created (a new tab at the end, or first for a new database). Safe. */
      readonly kind: 'create_view';
      readonly data_source: string;
      /** The view's name. */
      readonly view: string;
      readonly spec: ViewSpec;
      /** Live ids of the properties the spec names (by name); the others are known only after apply. */
      readonly property_ids: Readonly<Record<string, string>>;
      /** Declared properties not in `spec.properties`, sent as hidden (empty when the list is not managed). */
      readonly hidden: readonly string[];
      /** The API's `group_by.type` for the `spec.group_by` property (src/model/view.ts GROUP_BY_TYPE). */
      readonly group_by_type?: string;
      /** Create as the first tab (the first declared view of a new database, when it cannot adopt the default table). */
      readonly first?: boolean;
    })
  | (StepBase & {
      /**
       * A view whose name or settings differ from the file (or a new database's default view that the
       * first declared view adopts: `adopts_default`). Only changed fields are sent; `changes` are in
       * property names. Safe.
       */
      readonly kind: 'update_view';
      readonly data_source: string;
      readonly view: string;
      /** The live view id; absent when adopting the default view of a data source created by this plan. */
      readonly view_id?: string;
      readonly changes: readonly FieldChange[];
      readonly spec: ViewSpec;
      readonly property_ids: Readonly<Record<string, string>>;
      readonly hidden: readonly string[];
      readonly group_by_type?: string;
      readonly adopts_default?: boolean;
    })
  | (StepBase & {
      /**
       * A view removed: declared no more (the lock file recorded it), not declared under
       * \`views_exclusive: true\`, replaced (its type changed), or a new database's default view
       * that the first declared view could not adopt. Views hold no page data: safe, always listed.
       */
      readonly kind: 'remove_view';
      readonly data_source: string;
      readonly view: string;
      /** Absent for the default view of a data source created by this plan. */
      readonly view_id?: string;
      readonly view_type: ViewType;
      readonly why: 'undeclared' | 'exclusive' | 'type_change' | 'default_view';
    })
  | (StepBase & {
      readonly kind: 'manual';
      readonly risk: 'forbidden';
      /** Why the change is manual, as a code with parameters (`why` and `instruction` are its words). */
      readonly cause: ManualCause;
      /** What the API cannot do, and why. */
      readonly why: string;
      /** Exactly what to do in the Notion app. */
      readonly instruction: string;
    });

export type StepKind = Step['kind'];

/**
 * The whole desired configuration of an existing property, carried by the steps that rewrite it,
 * so a request is encoded from the step alone. Existing options carry their live `id`.
 */
export interface PropertySettings {
  readonly config: PropertyConfig;
  readonly description: string | null;
}

/** The endpoints a plan writes through (paths live in the wire layer). */
export type PlanEndpoint = 'create_database' | 'update_database' | 'create_data_source' | 'update_data_source'
  | 'create_view' | 'update_view' | 'delete_view';

/** All step kinds, for exhaustive tables and the JSON Schema. */
export const STEP_KINDS = [
  'create_database', 'create_data_source', 'update_database', 'update_data_source', 'add_property',
  'rename_property', 'update_property', 'change_property_type', 'remove_property', 'add_options',
  'remove_options', 'remove_data_source', 'remove_database', 'restore_database', 'migrate_values', 'create_view',
  'update_view', 'remove_view', 'manual',
] as const satisfies readonly StepKind[];

/**
 * One API request the applier sends. Its method and path follow from `endpoint` (src/wire/).
 *
 * Ids known only after apply are reference nodes (`IdRef`), in `target` or anywhere a value
 * of `body` is an id; a property whose key is such an id goes in `ref_keyed`. The applier
 * resolves references from bindings and earlier responses; an unresolved one fails the request
 * and is never sent.
 */
export interface PlanRequest {
  /** `r1`, `r2`, … */
  readonly id: string;
  readonly endpoint: PlanEndpoint;
  /** Derived from `endpoint`, for readers. */
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  /** Updates: the database, data source or view written. Absent on creates. */
  readonly target?: IdOrRef;
  /** The request body (SDK parameter types, with references in id positions). */
  readonly body: Readonly<Record<string, unknown>>;
  /** Property entries keyed by an id known only after apply, merged into `body.properties`. */
  readonly ref_keyed?: readonly RefKeyedEntry[];
  /** Ids of the steps this request carries. */
  readonly steps: readonly string[];
  /** Ids of earlier requests that must succeed first. */
  readonly depends_on: readonly string[];
  /** Set on creates: what the response's id(s) bind to. Creates are never blindly retried. */
  readonly creates?:
    | { readonly kind: 'database'; readonly database: string; readonly data_source: string }
    | { readonly kind: 'data_source'; readonly data_source: string };
  /** True when repeating the request has the same effect (retry on 5xx is safe). */
  readonly idempotent: boolean;
}

export interface PlanSummary {
  readonly create: number;
  readonly change: number;
  readonly remove: number;
  readonly destructive: number;
  /** Forbidden/manual steps. */
  readonly manual: number;
  readonly requests: number;
  readonly has_changes: boolean;
}

export type { Icon };
