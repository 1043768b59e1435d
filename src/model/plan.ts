import type { DatabaseParent, Diagnostic, Icon } from './common.js';
import type { OptionSpec, PropertyConfig } from './property.js';
import type { PropertyType } from './property-types.js';
import type { BindingSource } from './live.js';

/**
 * The plan file: versioned plain JSON data (no classes, no functions), the only
 * input of every renderer and of the applier. JSON Schema: `schemas/plan.schema.json`.
 *
 * Invariants:
 * - `steps` are in execution order; every `depends_on` id names an earlier step;
 * - every step id appears in exactly one request's `steps`, except `manual` steps (never in a request)
 *   and steps whose effect Notion performs implicitly (none today);
 * - `requests` are in a valid execution order; every request `depends_on` names an earlier request;
 * - request paths and bodies may contain placeholders (see `Placeholder`), filled in by the applier.
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

export const PLAN_FORMAT_VERSION = 1 as const;

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
}

export type Step =
  | (StepBase & {
      readonly kind: 'create_database';
      readonly title: string;
      readonly parent: DatabaseParent;
      /** Ref of the initial data source created with it. */
      readonly initial_data_source: string;
    })
  | (StepBase & { readonly kind: 'create_data_source'; readonly data_source: string; readonly title: string })
  | (StepBase & { readonly kind: 'update_database'; readonly changes: readonly FieldChange[] })
  | (StepBase & { readonly kind: 'update_data_source'; readonly data_source: string; readonly changes: readonly FieldChange[] })
  | (StepBase & {
      readonly kind: 'add_property';
      readonly data_source: string;
      readonly property: string;
      readonly config: PropertyConfig;
      readonly description: string | null;
    })
  | (StepBase & { readonly kind: 'rename_property'; readonly data_source: string; readonly property: string; readonly from: string })
  | (StepBase & {
      readonly kind: 'update_property';
      readonly data_source: string;
      readonly property: string;
      readonly changes: readonly FieldChange[];
    })
  | (StepBase & {
      readonly kind: 'change_property_type';
      readonly data_source: string;
      readonly property: string;
      readonly from_type: PropertyType;
      readonly to_type: PropertyType;
      readonly config: PropertyConfig;
    })
  | (StepBase & { readonly kind: 'remove_property'; readonly data_source: string; readonly property: string; readonly property_type: PropertyType })
  | (StepBase & { readonly kind: 'add_options'; readonly data_source: string; readonly property: string; readonly options: readonly OptionSpec[] })
  | (StepBase & { readonly kind: 'remove_options'; readonly data_source: string; readonly property: string; readonly options: readonly string[] })
  | (StepBase & {
      readonly kind: 'manual';
      readonly risk: 'forbidden';
      /** Exactly what to do in the Notion app. */
      readonly instruction: string;
    });

export type StepKind = Step['kind'];

/** All step kinds, for exhaustive tables and the JSON Schema. */
export const STEP_KINDS = [
  'create_database', 'create_data_source', 'update_database', 'update_data_source', 'add_property',
  'rename_property', 'update_property', 'change_property_type', 'remove_property', 'add_options',
  'remove_options', 'manual',
] as const satisfies readonly StepKind[];

/**
 * An HTTP request the applier sends. `path` starts with `/v1/`.
 *
 * Placeholders, filled in by the applier from bindings and from earlier responses
 * ("known after apply"); they may appear anywhere inside `path` and inside any string
 * (or object key) of `body`:
 * - `{{database_id:KEY}}`: the id of database KEY;
 * - `{{data_source_id:REF}}`: the id of data source REF (`db.ds`);
 * - `{{synced_property_id:STEP}}`: the id of the synced property that the two-way relation
 *   added by step STEP created on its target.
 * An unresolved placeholder at send time is an applier error, never sent to the API.
 */
export interface PlanRequest {
  /** `r1`, `r2`, … */
  readonly id: string;
  readonly method: 'POST' | 'PATCH';
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
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
