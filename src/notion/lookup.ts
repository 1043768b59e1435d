import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import { getDatabase, getDataSource, listBlockChildren } from './endpoints.js';
import type { NotionClient } from './types.js';

/**
 * Immediately consistent look-ups (notion-api.md §5.1): what a create made is visible here as
 * soon as the create has committed, unlike search, whose index lags. Used to decide whether an
 * ambiguously failed create happened before it is ever sent again.
 */

/** A `child_database` block of a page: the block id is the database id. */
export interface ChildDatabase {
  readonly id: string;
  readonly title: string;
  readonly created_time: string;
}

/**
 * The databases directly under page `parentPageId` titled exactly `title` (every page of
 * `GET /v1/blocks/{page}/children`), oldest first. Trashed blocks are not listed by Notion.
 */
export async function findChildDatabases(client: NotionClient, parentPageId: string, title: string): Promise<ChildDatabase[]> {
  const out: ChildDatabase[] = [];
  for (const block of await listBlockChildren(client, parentPageId)) {
    if (!('type' in block) || block.type !== 'child_database') continue;
    if (block.in_trash === true || block.child_database.title !== title) continue;
    out.push({ id: block.id, title: block.child_database.title, created_time: block.created_time });
  }
  return out;
}

/** Narrows a look-up: `skip` drops ids before they are read, `accept` judges what was read. */
export interface LookupFilter<T> {
  readonly skip?: (id: string) => boolean;
  readonly accept?: (obj: T) => boolean;
}

/**
 * The newest database under `parentPageId` titled `title` that the filter lets through, read in
 * full (`GET /v1/databases/{id}`); null when there is none.
 */
export async function findChildDatabase(
  client: NotionClient,
  parentPageId: string,
  title: string,
  { skip = () => false, accept = () => true }: LookupFilter<DatabaseObjectResponse> = {},
): Promise<DatabaseObjectResponse | null> {
  const found = await findChildDatabases(client, parentPageId, title);
  for (const child of [...found].reverse()) {
    if (skip(child.id)) continue;
    const db = await getDatabase(client, child.id);
    if (db.in_trash !== true && accept(db)) return db;
  }
  return null;
}

/**
 * The newest data source of database `databaseId` named `title` (from the database's
 * `data_sources` list) that the filter lets through, read in full; null when there is none.
 */
export async function findDataSourceInDatabase(
  client: NotionClient,
  databaseId: string,
  title: string,
  { skip = () => false, accept = () => true }: LookupFilter<DataSourceObjectResponse> = {},
): Promise<DataSourceObjectResponse | null> {
  const db = await getDatabase(client, databaseId);
  const matches = db.data_sources.filter((s) => s.name === title && !skip(s.id));
  for (const m of [...matches].reverse()) {
    const ds = await getDataSource(client, m.id);
    if (accept(ds)) return ds;
  }
  return null;
}
