import type { IdOrRef, Step } from '../model/index.js';

/** A step without its id, dependencies and reason: what the first pass produces. */
export type StepFields = Step extends infer S ? (S extends Step ? Omit<S, 'id' | 'depends_on' | 'reason'> : never) : never;

/** Where a step's effect is sent. */
export type RequestSlot =
  | { readonly type: 'create_database'; readonly database: string }
  | { readonly type: 'update_database'; readonly database: string }
  | { readonly type: 'create_data_source'; readonly data_source: string }
  /** A PATCH of data source `data_source` (ref or external id). Level 1 first; higher levels after their dependencies. */
  | { readonly type: 'patch_data_source'; readonly data_source: string }
  /** One view request per view step; `target` is the view id (or a reference to the default view). */
  | { readonly type: 'create_view'; readonly data_source: string; readonly view: string }
  | { readonly type: 'update_view'; readonly data_source: string; readonly view: string; readonly target: IdOrRef }
  | { readonly type: 'delete_view'; readonly data_source: string; readonly view: string; readonly target: IdOrRef };

/**
 * Ordering phases of steps (the plan's reading order): databases → data sources → plain properties →
 * relations → dependent rollups/formulas → synced renames → removals → data migrations → manual actions.
 */
export const PHASE = {
  database: 0, data_source: 1, plain: 2, relation: 3, dependent: 4, synced: 5, view: 5.5, removal: 6, migration: 7, manual: 8,
} as const;

/**
 * What a step must wait for, as plain data; `link` turns needs into step indices.
 * - `step`: that step (by index);
 * - `create`: the create step of data source `ref` (a relation target made by this plan);
 * - `settled`: steps that bring property `name` of `ref` into existence or change its name, type or relation target;
 * - `renamed`: rename steps of property `name` (its desired name) of `ref`;
 * - `removed`: removal steps of property `name` of `ref`;
 * - `removed_id`: the removal step of property id `property_id` of `ref`;
 * - `relation`: every step that writes relation `name` of `ref` (a synced rename waits for it);
 * - `data_source`: every create and property step of data source `ref` (views wait for their properties).
 */
export type Need =
  | { readonly kind: 'step'; readonly index: number }
  | { readonly kind: 'create'; readonly ref: string }
  | { readonly kind: 'settled'; readonly ref: string; readonly name: string; readonly except?: string }
  | { readonly kind: 'renamed'; readonly ref: string; readonly name: string }
  | { readonly kind: 'removed'; readonly ref: string; readonly name: string }
  | { readonly kind: 'removed_id'; readonly ref: string; readonly property_id: string }
  | { readonly kind: 'relation'; readonly ref: string; readonly name: string }
  /** Every schema step of data source `ref` (its create and property steps): a view request waits for them. */
  | { readonly kind: 'data_source'; readonly ref: string };

/**
 * One step as the first pass leaves it: plain, immutable data (no closures).
 * Invariant: `owner`, and every `step` need, index an earlier element of the same array.
 */
export interface PlannedStep {
  readonly fields: StepFields;
  readonly phase: number;
  /** Lowest request level: 0 rides in a create request, 1+ are PATCH levels. */
  readonly level: number;
  /** The request written at levels ≥ 1 (or always, for creates and database updates); null: no request (manual). */
  readonly slot: RequestSlot | null;
  /** The create request a property step of a new data source rides in at level 0. */
  readonly createSlot?: RequestSlot;
  /** Index of the create step this step belongs to, when its data source is new. */
  readonly owner?: number;
  readonly needs: readonly Need[];
  /** Registers this step as writing property `name` of `ref` (for `settled` and `relation` needs). */
  readonly writes?: { readonly ref: string; readonly name: string };
  /** A synced rename: the id is known once the first step writing this relation has run. */
  readonly syncedOf?: { readonly ref: string; readonly name: string };
}

/** The request slot of a step at a level. */
export function slotAt(s: PlannedStep, level: number): RequestSlot | null {
  return level === 0 && s.createSlot !== undefined ? s.createSlot : s.slot;
}
