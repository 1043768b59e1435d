import type { LiveDatabase, LiveDataSource } from '../model/live.js';
import { getDatabase, getDataSource } from './endpoints.js';
import { normalizeDatabase, normalizeDataSource } from './normalize.js';
import type { NotionClient } from './types.js';

/** One GET /v1/databases/{id}, normalised. Throws NotionApiError (404 carries the share hint). */
export async function fetchDatabase(client: NotionClient, id: string): Promise<LiveDatabase> {
  return normalizeDatabase(await getDatabase(client, id));
}

/** One GET /v1/data_sources/{id}, normalised. */
export async function fetchDataSource(client: NotionClient, id: string): Promise<LiveDataSource> {
  return normalizeDataSource(await getDataSource(client, id));
}
