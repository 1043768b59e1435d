import type {
  DataSourceObjectResponse, QueryDataSourceResponse, UpdateDataSourceParameters,
  UpdatePageParameters, UpdatePageResponse,
} from '@notionhq/client';
import * as endpoints from '../notion/endpoints.js';
import type { NotionClient } from '../notion/types.js';

/**
 * The endpoints a migration uses, with its retry policy (every write sets absolute values, so
 * it is idempotent). Paths live in src/notion/endpoints.ts.
 */

/** PATCH /v1/data_sources/{id} body. */
export type DataSourcePatch = Omit<UpdateDataSourceParameters, 'data_source_id'>;
export type { QueryBody } from '../notion/endpoints.js';
import type { QueryBody } from '../notion/endpoints.js';
/** PATCH /v1/pages/{id} body. */
export type PagePatch = Omit<UpdatePageParameters, 'page_id'>;

/** GET /v1/data_sources/{id}. */
export function getDataSource(client: NotionClient, id: string): Promise<DataSourceObjectResponse> {
  return endpoints.getDataSource(client, id);
}

/**
 * PATCH /v1/data_sources/{id}. Every migration patch is computed from a data source read just
 * before it and sets absolute values, so it is marked idempotent (retried on 5xx and network errors).
 */
export function patchDataSource(client: NotionClient, id: string, body: DataSourcePatch): Promise<DataSourceObjectResponse> {
  return endpoints.updateDataSource(client, id, body, { idempotent: true });
}

/** POST /v1/data_sources/{id}/query with `filter_properties` (always given: API 2026-12-01 returns only the title otherwise). */
export function queryDataSource(
  client: NotionClient, id: string, filterProperties: readonly string[], body: QueryBody,
): Promise<QueryDataSourceResponse> {
  return endpoints.queryDataSource(client, id, body, filterProperties);
}

/** PATCH /v1/pages/{id}. A migration write sets an absolute value, so it is idempotent. */
export function patchPage(client: NotionClient, id: string, body: PagePatch): Promise<UpdatePageResponse> {
  return endpoints.updatePage(client, id, body, { idempotent: true });
}
