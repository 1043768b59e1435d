import type { NotionClient } from '../../notion/types.js';
import { readRow, type PageRow } from '../core/cells.js';
import { PAGE_SIZE } from '../core/estimate.js';
import { queryDataSource, type QueryBody } from '../paths.js';

/** Every row a filter returns, through pagination (`start_cursor`), plus whether Notion's 10,000-result cap cut it short. */
export interface QueryResult {
  readonly rows: readonly PageRow[];
  readonly queries: number;
  readonly capped: boolean;
}

/**
 * Runs one query to the end. `filterProperties` always includes `title` and the migrated
 * properties: under API 2026-12-01 a query returns only the title unless asked.
 */
export async function queryAll(
  client: NotionClient, dataSourceId: string, filterProperties: readonly string[], filter: QueryBody['filter'] | undefined,
): Promise<QueryResult> {
  const props = [...new Set(['title', ...filterProperties])];
  const rows: PageRow[] = [];
  let cursor: string | null = null;
  let queries = 0;
  let capped = false;
  for (;;) {
    const body: QueryBody = {
      page_size: PAGE_SIZE,
      sorts: [{ timestamp: 'created_time', direction: 'ascending' }],
      ...(filter !== undefined ? { filter } : {}),
      ...(cursor !== null ? { start_cursor: cursor } : {}),
    };
    const res = await queryDataSource(client, dataSourceId, props, body);
    queries++;
    for (const r of res.results) {
      const row = readRow(r);
      if (row !== null) rows.push(row);
    }
    if (res.request_status?.type === 'incomplete') capped = true;
    if (!res.has_more || res.next_cursor === null) break;
    cursor = res.next_cursor;
  }
  return { rows, queries, capped };
}
