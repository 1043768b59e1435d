import { NotionApiError } from '../../errors.js';
import type { NotionClient } from '../../notion/types.js';
import { getDataSource, patchDataSource, type DataSourcePatch } from '../paths.js';

/**
 * A schema PATCH whose outcome is checked rather than assumed: when the write fails (after the
 * client's retries) or a retry of a write that was in fact saved is refused, the data source is
 * read again and the write counts as done if `done` holds (notion-api.md §5.1: "check the object's
 * current state before you retry"). 401 and 403 are rethrown at once.
 */
export async function patchChecked(
  client: NotionClient, dataSourceId: string, body: DataSourcePatch, done: (dataSource: unknown) => boolean,
): Promise<unknown> {
  try {
    return await patchDataSource(client, dataSourceId, body);
  } catch (err) {
    if (err instanceof NotionApiError && (err.status === 401 || err.status === 403)) throw err;
    const ds = await getDataSource(client, dataSourceId);
    if (done(ds)) return ds;
    throw err;
  }
}
