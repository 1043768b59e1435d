import type { IdRef } from '../model/index.js';

/** Ids known so far: from plan bindings, created objects and earlier responses. Mutable, owned by one apply run. */
export interface KnownIds {
  readonly databases: Map<string, string>;
  readonly dataSources: Map<string, string>;
  /** Step id → synced property id of the two-way relation that step added. */
  readonly syncedProperties: Map<string, string>;
  /** `<data source ref>\u0000<property name>` → property id, read from the data source when a view request needs it. */
  readonly properties: Map<string, string>;
  /** Data source ref → the id of the default view Notion created with it. */
  readonly defaultViews: Map<string, string>;
  /** Ids of the views this apply created (never taken for a default view). */
  readonly createdViews: Set<string>;
}

/** The `properties` key of property `name` of data source `ref`. */
export const propertyKey = (ref: string, name: string): string => `${ref}\u0000${name}`;

export function emptyKnownIds(): KnownIds {
  return { databases: new Map(), dataSources: new Map(), syncedProperties: new Map(), properties: new Map(), defaultViews: new Map(), createdViews: new Set() };
}

/** The id a reference stands for, when known. */
export function lookupRef(known: KnownIds, ref: IdRef): string | undefined {
  switch (ref.$ref) {
    case 'database_id': return known.databases.get(ref.key);
    case 'data_source_id': return known.dataSources.get(ref.key);
    case 'synced_property_id': return known.syncedProperties.get(ref.step);
    case 'property_id': return known.properties.get(propertyKey(ref.key, ref.name));
    case 'default_view_id': return known.defaultViews.get(ref.key);
  }
}
