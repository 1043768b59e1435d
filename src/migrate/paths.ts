import type {
  DataSourceObjectResponse, QueryDataSourceParameters, QueryDataSourceResponse, UpdateDataSourceParameters,
  UpdatePageParameters, UpdatePageResponse,
} from '@notionhq/client';
import type { NotionClient } from '../notion/types.js';

/**
 * The only file of src/migrate/ holding raw `/v1/…` paths (to move into the wire layer later).
 * Bodies are typed with `@notionhq/client`'s parameter types (type-only import).
 */

/** PATCH /v1/data_sources/{id} body. */
export type DataSourcePatch = Omit<UpdateDataSourceParameters, 'data_source_id'>;
/** POST /v1/data_sources/{id}/query body (filter_properties travels in the query string). */
export type QueryBody = Omit<QueryDataSourceParameters, 'data_source_id' | 'filter_properties'>;
/** PATCH /v1/pages/{id} body. */
export type PagePatch = Omit<UpdatePageParameters, 'page_id'>;

const seg = (id: string): string => encodeURIComponent(id);

/** GET /v1/data_sources/{id}. */
export function getDataSource(client: NotionClient, id: string): Promise<DataSourceObjectResponse> {
  return client.request<DataSourceObjectResponse>({ method: 'GET', path: `/v1/data_sources/${seg(id)}` });
}

/**
 * PATCH /v1/data_sources/{id}. Every migration patch is computed from a data source read just
 * before it and sets absolute values, so it is marked idempotent (retried on 5xx and network errors).
 */
export function patchDataSource(client: NotionClient, id: string, body: DataSourcePatch): Promise<DataSourceObjectResponse> {
  return client.request<DataSourceObjectResponse>({ method: 'PATCH', path: `/v1/data_sources/${seg(id)}`, body, idempotent: true });
}

/** POST /v1/data_sources/{id}/query with `filter_properties` (always given: API 2026-12-01 returns only the title otherwise). */
export function queryDataSource(
  client: NotionClient, id: string, filterProperties: readonly string[], body: QueryBody,
): Promise<QueryDataSourceResponse> {
  return client.request<QueryDataSourceResponse>({
    method: 'POST', path: `/v1/data_sources/${seg(id)}/query`, query: { filter_properties: filterProperties }, body, idempotent: true,
  });
}

/** PATCH /v1/pages/{id}. A migration write sets an absolute value, so it is idempotent. */
export function patchPage(client: NotionClient, id: string, body: PagePatch): Promise<UpdatePageResponse> {
  return client.request<UpdatePageResponse>({ method: 'PATCH', path: `/v1/pages/${seg(id)}`, body, idempotent: true });
}
