import type { IdRef } from '../model/index.js';

/** Ids known so far: from plan bindings, created objects and earlier responses. Mutable, owned by one apply run. */
export interface KnownIds {
  readonly databases: Map<string, string>;
  readonly dataSources: Map<string, string>;
  /** Step id → synced property id of the two-way relation that step added. */
  readonly syncedProperties: Map<string, string>;
}

export function emptyKnownIds(): KnownIds {
  return { databases: new Map(), dataSources: new Map(), syncedProperties: new Map() };
}

/** The id a reference stands for, when known. */
export function lookupRef(known: KnownIds, ref: IdRef): string | undefined {
  switch (ref.$ref) {
    case 'database_id': return known.databases.get(ref.key);
    case 'data_source_id': return known.dataSources.get(ref.key);
    case 'synced_property_id': return known.syncedProperties.get(ref.step);
  }
}
