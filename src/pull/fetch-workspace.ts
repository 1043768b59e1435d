import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import pLimit from 'p-limit';
import { NotionApiError, UserInputError } from '../errors.js';
import type { Diagnostic, LiveDatabase, LiveDataSource, LiveView } from '../model/index.js';
import { getDatabase, getDataSource, searchPage } from '../notion/endpoints.js';
import { toDashedId } from '../notion/ids.js';
import { normalizeDatabase, normalizeDataSourceDetailed } from '../notion/normalize.js';
import { readViewsOf } from '../notion/read-views.js';
import type { NotionClient } from '../notion/types.js';
import { parseDatabaseArg } from './parse-id.js';
import type { PulledDatabase, PulledWorkspace } from './types.js';

/** Which databases to pull: ids / Notion URLs (data source ids allowed), or every visible one. */
export interface PullSelection {
  readonly databases: readonly string[];
  readonly all: boolean;
}

/** GETs run at once; the client's rate limiter still paces them. */
const CONCURRENCY = 8;

/**
 * Reads the selected databases and all their data sources with the minimum of requests:
 * one GET per database and one per data source (`--all` adds the search pages but reuses the
 * data source objects search returns). A data source id given as `--database` costs one extra
 * (failed) database GET before it is resolved to its database.
 */
export async function fetchWorkspace(client: NotionClient, sel: PullSelection): Promise<PulledWorkspace> {
  if (!sel.all && sel.databases.length === 0) {
    throw new UserInputError('nothing was pulled', [{
      severity: 'error', code: 'pull-nothing-selected', message: 'no database selected: pull needs --database ID|URL (repeatable) or --all',
      hint: 'run `notion-schema pull --all`, or `notion-schema pull --database <id or Notion URL>`',
    }]);
  }
  const warnings: Diagnostic[] = [];
  const limit = pLimit(CONCURRENCY);
  /** Data source responses already in hand (from search or id resolution), by dashed id. */
  const known = new Map<string, DataSourceObjectResponse>();
  const dbResponses = new Map<string, DatabaseObjectResponse>();
  const order: string[] = [];
  const addDb = (id: string): void => { if (!order.includes(id)) order.push(id); };

  if (sel.all) {
    for (const ds of await searchDataSources(client)) {
      const dbId = parentDatabaseId(ds);
      if (dbId === null) continue;
      known.set(toDashedId(ds.id), ds);
      addDb(dbId);
    }
  }
  const ids = sel.databases.map(parseDatabaseArg);
  const resolved = await Promise.all(ids.map((id) => limit(() => resolveDatabase(client, id, known, dbResponses))));
  for (const id of resolved) addDb(id);

  const dbs = await Promise.all(order.map((id) => limit(async () => {
    const resp = dbResponses.get(id) ?? await getDatabase(client, id);
    return normalizeDatabase(resp);
  })));
  const live = dbs.filter((db) => {
    if (!db.in_trash) return true;
    warnings.push({ severity: 'warning', code: 'pull-in-trash', message: `database "${db.title}" (${db.id}) is in the trash; skipped` });
    return false;
  });
  if (sel.all && sel.databases.length === 0) live.sort(byTitle);

  const databases: PulledDatabase[] = await Promise.all(live.map(async (database) => {
    const dataSources = (await Promise.all(database.data_source_ids.map((ref) => limit(() => readDataSource(client, ref.id, database, known, warnings)))))
      .filter((ds): ds is LiveDataSource => ds !== null);
    const views = await readPulledViews(client, dataSources, limit, warnings);
    return { database, dataSources, ...(views.size > 0 ? { views } : {}) };
  }));
  return { databases, warnings };
}

async function searchDataSources(client: NotionClient): Promise<DataSourceObjectResponse[]> {
  const out: DataSourceObjectResponse[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await searchPage(client, {
      filter: { property: 'object', value: 'data_source' },
      page_size: 100,
      ...(cursor !== undefined ? { start_cursor: cursor } : {}),
    });
    for (const r of page.results) if (r.object === 'data_source') out.push(r as DataSourceObjectResponse);
    if (!page.has_more || page.next_cursor === null) return out;
    cursor = page.next_cursor;
  }
}

function parentDatabaseId(ds: DataSourceObjectResponse): string | null {
  const p = ds.parent as { database_id?: unknown } | undefined;
  return typeof p?.database_id === 'string' ? toDashedId(p.database_id) : null;
}

/** A database id as given, or the database of a data source id (on a 404 for the database). */
async function resolveDatabase(
  client: NotionClient,
  id: string,
  known: Map<string, DataSourceObjectResponse>,
  dbResponses: Map<string, DatabaseObjectResponse>,
): Promise<string> {
  try {
    const db = await getDatabase(client, id);
    dbResponses.set(toDashedId(db.id), db);
    return toDashedId(db.id);
  } catch (err) {
    if (!(err instanceof NotionApiError) || (err.status !== 404 && err.status !== 400)) throw err;
    let ds: DataSourceObjectResponse;
    try {
      ds = await getDataSource(client, id);
    } catch (err2) {
      if (!(err2 instanceof NotionApiError) || (err2.status !== 404 && err2.status !== 400)) throw err2;
      throw new NotionApiError(
        `No database or data source with id ${id} is visible to the integration.`,
        404, 'object_not_found', err2.request_id,
        'check the id, and share the database with the integration in Notion (••• → Connections).',
      );
    }
    const dbId = parentDatabaseId(ds);
    if (dbId === null) throw new UserInputError(`Data source ${id} has no parent database, so it cannot be pulled.`);
    known.set(toDashedId(ds.id), ds);
    return dbId;
  }
}

async function readDataSource(
  client: NotionClient,
  id: string,
  db: LiveDatabase,
  known: ReadonlyMap<string, DataSourceObjectResponse>,
  warnings: Diagnostic[],
): Promise<LiveDataSource | null> {
  let resp = known.get(id);
  if (resp === undefined || !('properties' in resp) || resp.properties === undefined) {
    try {
      resp = await getDataSource(client, id);
    } catch (err) {
      if (!(err instanceof NotionApiError) || err.status !== 404) throw err;
      warnings.push({
        severity: 'warning', code: 'pull-data-source-hidden',
        message: `data source ${id} of database "${db.title}" is not visible to the integration; left out`,
        hint: 'share it with the integration in Notion and pull again',
      });
      return null;
    }
  }
  const { live, unknown } = normalizeDataSourceDetailed(resp);
  for (const u of unknown) {
    warnings.push({
      severity: 'warning', code: 'pull-unknown-property-type',
      message: `property "${u.name}" of data source "${live.title}" has type "${u.type}", which notion-schema does not know; left out`,
    });
  }
  if (live.in_trash) {
    warnings.push({ severity: 'warning', code: 'pull-in-trash', message: `data source "${live.title}" (${live.id}) is in the trash; skipped` });
    return null;
  }
  return { ...live, database_id: live.database_id === '' ? db.id : live.database_id };
}

/** The untouched default table view Notion creates with a data source: left unmanaged by pull. */
function isPristineDefault(v: LiveView): boolean {
  return v.type === 'table' && v.properties === null && v.sorts.length === 0 && v.filter === null && v.group_by === null;
}

/** The views of each pulled data source (a data source with only its pristine default view is left out). */
async function readPulledViews(
  client: NotionClient, dataSources: readonly LiveDataSource[], limit: <T>(f: () => Promise<T>) => Promise<T>, warnings: Diagnostic[],
): Promise<Map<string, LiveView[]>> {
  const out = new Map<string, LiveView[]>();
  await Promise.all(dataSources.map(async (ds) => {
    let views: LiveView[];
    try {
      views = await readViewsOf(client, ds.id, limit);
    } catch (err) {
      if (!(err instanceof NotionApiError) || err.status >= 500) throw err;
      warnings.push({ severity: 'warning', code: 'pull-views-unreadable', message: `the views of data source "${ds.title}" could not be read (${err.message}); left out` });
      return;
    }
    const managed = views.filter((v) => v.type !== 'dashboard');
    if (managed.length === 1 && managed[0] !== undefined && isPristineDefault(managed[0])) return;
    if (managed.length > 0) out.set(ds.id, managed);
  }));
  return out;
}

function byTitle(a: LiveDatabase, b: LiveDatabase): number {
  const ta = a.title.toLowerCase();
  const tb = b.title.toLowerCase();
  return ta < tb ? -1 : ta > tb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
