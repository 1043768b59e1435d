import type { IdRef } from '../model/ref.js';
import type { PlanRequest } from '../model/plan.js';
import { getDataSource, listViewIds } from '../notion/endpoints.js';
import type { NotionClient } from '../notion/types.js';
import { propertyKey, type KnownIds } from './known-ids.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/**
 * Fills the references a view request holds that no earlier response bound: the ids of properties
 * created by this plan (one GET of their data source, which every earlier schema request of it
 * precedes), and the default view of a data source created by this plan (its first listed view
 * that this apply did not create). A reference left unknown fails the request unsent.
 */
export async function resolveViewRefs(client: NotionClient, known: KnownIds, refs: readonly IdRef[]): Promise<void> {
  const read = new Set<string>();
  for (const ref of refs) {
    if (ref.$ref === 'property_id' && !known.properties.has(propertyKey(ref.key, ref.name)) && !read.has(ref.key)) {
      const dsId = known.dataSources.get(ref.key);
      if (dsId === undefined) continue;
      read.add(ref.key);
      const props = asObj(asObj(await getDataSource(client, dsId))['properties']);
      for (const [name, p] of Object.entries(props)) {
        const id = asObj(p)['id'];
        if (typeof id === 'string') known.properties.set(propertyKey(ref.key, name), id);
      }
    }
    if (ref.$ref === 'default_view_id' && !known.defaultViews.has(ref.key)) {
      const dsId = known.dataSources.get(ref.key);
      if (dsId === undefined) continue;
      const first = (await listViewIds(client, dsId)).find((id) => !known.createdViews.has(id));
      if (first !== undefined) known.defaultViews.set(ref.key, first);
    }
  }
}

/** Records the id of a view a `create_view` request made, so it is never taken for a default view. */
export function noteCreatedView(known: KnownIds, req: PlanRequest, response: unknown): void {
  const id = asObj(response)['id'];
  if (req.endpoint === 'create_view' && typeof id === 'string') known.createdViews.add(id);
}
