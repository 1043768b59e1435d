/** Small value types shared by the desired and the live state. */

/** An icon: an emoji or an external image URL. */
export type Icon =
  | { readonly type: 'emoji'; readonly emoji: string }
  | { readonly type: 'external'; readonly url: string };

/** Where a database lives. `workspace` is a private top-level page of the token's owner. */
export type DatabaseParent =
  | { readonly type: 'page_id'; readonly page_id: string }
  | { readonly type: 'workspace' };

/**
 * A reference to a data source: by logical key (`"crm.companies"`, i.e.
 * `<database key>.<data source key>`) or by Notion id (a dashed lowercase UUID).
 */
export type DataSourceRef =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'id'; readonly id: string };

/** A position in a source file. `line` and `col` are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/**
 * A problem found in user input or while planning. Validation collects all of
 * them instead of stopping at the first. `hint` says how to fix it.
 */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `duplicate-property-name`. */
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly location?: SourceLocation;
}
