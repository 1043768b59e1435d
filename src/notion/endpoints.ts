import type {
  CreateDatabaseParameters, CreateDataSourceParameters, DatabaseObjectResponse, DataSourceObjectResponse, GetViewResponse, ListDatabaseViewsResponse,
  ListBlockChildrenResponse, QueryDataSourceParameters, QueryDataSourceResponse, SearchParameters, SearchResponse,
  UpdatePageParameters, UpdatePageResponse,
} from '@notionhq/client';
import type { NotionClient } from './types.js';

/**
 * Typed wrappers over `client.request` for the schema endpoints. Bodies are typed with
 * `@notionhq/client`'s own parameter types (type-only import), so a body the real API would
 * reject fails to compile. Ids are passed through `encodeURIComponent`.
 */

import type { UpdateDatabaseBody, UpdateDataSourceBody } from '../wire/bodies.js';
import { PATHS } from '../wire/paths.js';

export type { UpdateDatabaseBody, UpdateDataSourceBody };


/** The bot user's workspace, as `GET /v1/users/me` gives it (notion-api.md: `bot.workspace_id`, `bot.workspace_name`). */
export interface BotUserResponse {
  readonly id: string;
  readonly type?: string;
  readonly bot?: { readonly workspace_id?: string | null; readonly workspace_name?: string | null };
}

/** GET users/me: the bot user of the token. */
export function getBotUser(client: NotionClient): Promise<BotUserResponse> {
  return client.request<BotUserResponse>({ method: 'GET', path: PATHS.usersMe() });
}

/** GET databases/{id}. */
export function getDatabase(client: NotionClient, id: string): Promise<DatabaseObjectResponse> {
  return client.request<DatabaseObjectResponse>({ method: 'GET', path: PATHS.database(id) });
}

/** GET pages/{id} (a database parent, checked at plan time). */
export function getPage(client: NotionClient, id: string): Promise<{ readonly id: string; readonly in_trash?: boolean; readonly archived?: boolean }> {
  return client.request<{ id: string; in_trash?: boolean; archived?: boolean }>({ method: 'GET', path: PATHS.page(id) });
}

/** GET data_sources/{id}. */
export function getDataSource(client: NotionClient, id: string): Promise<DataSourceObjectResponse> {
  return client.request<DataSourceObjectResponse>({ method: 'GET', path: PATHS.dataSource(id) });
}

/** POST databases. Never retried on 5xx/network errors (not idempotent). */
export function createDatabase(client: NotionClient, body: CreateDatabaseParameters): Promise<DatabaseObjectResponse> {
  return client.request<DatabaseObjectResponse>({ method: 'POST', path: PATHS.databases(), body });
}

/** POST data_sources. Never retried on 5xx/network errors. */
export function createDataSource(client: NotionClient, body: CreateDataSourceParameters): Promise<DataSourceObjectResponse> {
  return client.request<DataSourceObjectResponse>({ method: 'POST', path: PATHS.dataSources(), body });
}

/**
 * PATCH /v1/data_sources/{id}. `idempotent` marks a patch that may be retried on 5xx/network
 * errors (e.g. one that sets absolute values and adds nothing by name).
 */
export function updateDataSource(
  client: NotionClient,
  id: string,
  body: UpdateDataSourceBody,
  opts: { readonly idempotent?: boolean } = {},
): Promise<DataSourceObjectResponse> {
  return client.request<DataSourceObjectResponse>({
    method: 'PATCH', path: PATHS.dataSource(id), body, idempotent: opts.idempotent ?? false,
  });
}

/** PATCH databases/{id}. */
export function updateDatabase(
  client: NotionClient,
  id: string,
  body: UpdateDatabaseBody,
  opts: { readonly idempotent?: boolean } = {},
): Promise<DatabaseObjectResponse> {
  return client.request<DatabaseObjectResponse>({
    method: 'PATCH', path: PATHS.database(id), body, idempotent: opts.idempotent ?? false,
  });
}

/** POST search, one page. Search only reads, so it is marked idempotent. */
export function searchPage(client: NotionClient, body: SearchParameters): Promise<SearchResponse> {
  return client.request<SearchResponse>({ method: 'POST', path: PATHS.search(), body, idempotent: true });
}

/** POST search through every page (page_size 100). */
export async function searchAll(client: NotionClient, body: Omit<SearchParameters, 'start_cursor' | 'page_size'>): Promise<SearchResponse['results']> {
  const out: SearchResponse['results'] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await searchPage(client, { ...body, page_size: 100, ...(cursor ? { start_cursor: cursor } : {}) });
    out.push(...page.results);
    if (!page.has_more || !page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return out;
}

/** GET blocks/{id}/children, one page (page_size 100). Immediately consistent, unlike search. */
export function listBlockChildrenPage(client: NotionClient, blockId: string, cursor?: string): Promise<ListBlockChildrenResponse> {
  return client.request<ListBlockChildrenResponse>({
    method: 'GET', path: PATHS.blockChildren(blockId), query: { page_size: '100', ...(cursor !== undefined ? { start_cursor: cursor } : {}) },
  });
}

/** GET blocks/{id}/children through every page. */
export async function listBlockChildren(client: NotionClient, blockId: string): Promise<ListBlockChildrenResponse['results']> {
  const out: ListBlockChildrenResponse['results'] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await listBlockChildrenPage(client, blockId, cursor);
    out.push(...page.results);
    if (!page.has_more || !page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return out;
}

/** POST data_sources/{id}/query body (`filter_properties` travels in the query string). */
export type QueryBody = Omit<QueryDataSourceParameters, 'data_source_id' | 'filter_properties'>;

/** POST data_sources/{id}/query, one page. Reads only: marked idempotent. */
export function queryDataSource(
  client: NotionClient, id: string, body: QueryBody, filterProperties?: readonly string[],
): Promise<QueryDataSourceResponse> {
  return client.request<QueryDataSourceResponse>({
    method: 'POST', path: PATHS.dataSourceQuery(id), body, idempotent: true,
    ...(filterProperties !== undefined ? { query: { filter_properties: filterProperties } } : {}),
  });
}

/** PATCH pages/{id}. `idempotent` for writes that set absolute values. */
export function updatePage(
  client: NotionClient, id: string, body: Omit<UpdatePageParameters, 'page_id'>, opts: { readonly idempotent?: boolean } = {},
): Promise<UpdatePageResponse> {
  return client.request<UpdatePageResponse>({ method: 'PATCH', path: PATHS.page(id), body, idempotent: opts.idempotent ?? false });
}

/** GET views?data_source_id=…: every view reference of a data source, in tab order (all pages). */
export async function listViewIds(client: NotionClient, dataSourceId: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await client.request<ListDatabaseViewsResponse>({ method: 'GET', path: PATHS.viewsOf('data_source_id', dataSourceId, cursor) });
    out.push(...page.results.map((r) => r.id));
    if (!page.has_more || page.next_cursor === null) return out;
    cursor = page.next_cursor;
  }
}

/** GET views/{id}. */
export function getView(client: NotionClient, id: string): Promise<GetViewResponse> {
  return client.request<GetViewResponse>({ method: 'GET', path: PATHS.view(id) });
}
