import type { PropertyType } from './property-types.js';

/**
 * Why a change is manual (the API cannot make it), as a code with parameters: the diff emits it,
 * `src/render/manual-cause.ts` makes the sentence and the instruction. `location` is
 * `Database › Data source` as the user sees it in the Notion app.
 */
export type ManualCause =
  | { readonly code: 'data_source_description'; readonly location: string; readonly data_source: string; readonly description: string | null }
  | { readonly code: 'unmanageable_add'; readonly location: string; readonly data_source: string; readonly property: string; readonly type: PropertyType }
  | { readonly code: 'unmanageable_remove'; readonly location: string; readonly property: string; readonly type: PropertyType }
  | {
      readonly code: 'forbidden_type_change'; readonly location: string; readonly property: string;
      readonly from_type: PropertyType; readonly to_type: PropertyType;
      /** Which rule forbids it (notion-api.md §2.1, §2.2). */
      readonly rule: ForbiddenTypeRule;
    }
  | {
      readonly code: 'unsupported_conversion'; readonly location: string; readonly property: string;
      readonly from_type: PropertyType; readonly to_type: PropertyType;
      /** The conversions `convert:` can make, as `from → to`. */
      readonly supported: readonly string[];
    }
  | { readonly code: 'option_rename'; readonly location: string; readonly property: string; readonly from: string; readonly to: string; readonly color: string | null }
  | { readonly code: 'option_recolour'; readonly location: string; readonly property: string; readonly option: string; readonly from: string | null; readonly to: string }
  | { readonly code: 'status_group'; readonly location: string; readonly property: string; readonly option: string; readonly from: string; readonly to: string };

export type ManualCode = ManualCause['code'];

/** The rule behind a forbidden type change. */
export type ForbiddenTypeRule = 'title' | 'place' | 'unmanageable_to' | 'unmanageable_from';
