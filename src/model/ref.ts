/**
 * "Known after apply": a reference to an id that exists only once an earlier request of the
 * same plan has run. A reference is always a JSON node of its own, never text inside a string,
 * so no user string (a title, a description, an option name) is ever scanned or rewritten.
 *
 * Invariants:
 * - `$ref` names what is referenced; the other field names which one (a database key, a data
 *   source ref `db.ds`, or the id of the step that adds a two-way relation);
 * - a node has exactly these fields, so `{"$ref": …}` can never be confused with a body value
 *   (no Notion request body has a `$ref` key);
 * - the applier replaces each node by the id before sending, or fails the request: an
 *   unresolved reference is never sent.
 */
export type IdRef =
  | { readonly $ref: 'database_id'; readonly key: string }
  | { readonly $ref: 'data_source_id'; readonly key: string }
  | { readonly $ref: 'synced_property_id'; readonly step: string }
  /** The id of property `name` of data source `key` (a property created by the same plan). */
  | { readonly $ref: 'property_id'; readonly key: string; readonly name: string }
  /** The default table view Notion created with data source `key` (created by the same plan). */
  | { readonly $ref: 'default_view_id'; readonly key: string };

export type IdRefKind = IdRef['$ref'];

/** An id known at plan time, or a reference to one known after apply. */
export type IdOrRef = string | IdRef;

/**
 * `T` (a request body type of `@notionhq/client`) where any id may be a reference.
 * Every string position may hold an `IdRef`; the structure (keys, unions, arrays) is kept,
 * so a body Notion would reject still fails to compile.
 */
export type WithRefs<T> = T extends string
  ? T | IdRef
  : T extends readonly (infer U)[]
    ? WithRefs<U>[]
    : T extends object
      ? { [K in keyof T]: WithRefs<T[K]> }
      : T;

/**
 * A property entry whose key is known only after apply (the synced property of a two-way
 * relation created by the same plan). The applier sets `properties[id] = value`.
 */
export interface RefKeyedEntry {
  readonly key: IdRef;
  readonly value: Readonly<Record<string, unknown>>;
}
