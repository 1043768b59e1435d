/**
 * Every Notion API path this product calls: the one home of `/v1/…` strings outside the
 * transport's own check and the emulator. Ids are passed through `encodeURIComponent`.
 */
const seg = (id: string): string => encodeURIComponent(id);

export const PATHS = {
  databases: () => '/v1/databases',
  database: (id: string) => `/v1/databases/${seg(id)}`,
  dataSources: () => '/v1/data_sources',
  dataSource: (id: string) => `/v1/data_sources/${seg(id)}`,
  dataSourceQuery: (id: string) => `/v1/data_sources/${seg(id)}/query`,
  pages: () => '/v1/pages',
  page: (id: string) => `/v1/pages/${seg(id)}`,
  blockChildren: (id: string) => `/v1/blocks/${seg(id)}/children`,
  views: () => '/v1/views',
  view: (id: string) => `/v1/views/${seg(id)}`,
  viewsOf: (by: 'database_id' | 'data_source_id', id: string, cursor?: string) =>
    `/v1/views?${by}=${seg(id)}&page_size=100${cursor !== undefined ? `&start_cursor=${seg(cursor)}` : ''}`,
  search: () => '/v1/search',
  usersMe: () => '/v1/users/me',
} as const;
