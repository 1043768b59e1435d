import { ApiError } from '../errors.js';
import { compileFilter, compileSorts } from '../filter.js';
import { newObjectId, requireId } from '../ids.js';
import type { Store } from '../store.js';
import { getDataSource, listPage, paging, type ApiRequest, type Handler } from './context.js';

/** A view query: a snapshot of the matching page ids, valid until `expires_at` (in memory, never persisted). */
interface ViewQuery {
  readonly id: string;
  readonly view_id: string;
  readonly page_ids: readonly string[];
  readonly expires_at: string;
}

/** How long a view query's results stay readable (emulator's choice; unconfirmed). */
const QUERY_TTL_MS = 15 * 60 * 1000;
const queries = new WeakMap<Store, Map<string, ViewQuery>>();

function queriesOf(store: Store): Map<string, ViewQuery> {
  let m = queries.get(store);
  if (m === undefined) {
    m = new Map();
    queries.set(store, m);
  }
  return m;
}

function viewOf(store: Store, req: ApiRequest): { id: string; data_source_id: string; filter: unknown; sorts: unknown } {
  const id = requireId(req.segments[1] ?? '', 'path.view_id');
  const v = store.state.views?.[id];
  if (v === undefined) throw ApiError.notFound('view', id);
  return v;
}

function queryOf(store: Store, req: ApiRequest): ViewQuery {
  const view = viewOf(store, req);
  const qid = requireId(req.segments[3] ?? '', 'path.query_id');
  const q = queriesOf(store).get(qid);
  if (q === undefined || q.view_id !== view.id || Date.parse(q.expires_at) < Date.parse(req.now)) throw ApiError.notFound('view query', qid);
  return q;
}

/** POST /v1/views/{id}/queries: runs the view's filter and sorts over its data source (the query engine's). */
export const createViewQuery: Handler = (store, req) => {
  const view = viewOf(store, req);
  const ds = getDataSource(store, req, view.data_source_id);
  const state = store.state;
  const pred = view.filter === null ? null : compileFilter(state, ds, view.filter, 'view.filter');
  const sort = view.sorts === null ? null : compileSorts(state, ds, view.sorts, 'view.sorts');
  let pages = Object.values(state.pages).filter((p) =>
    p.parent.type === 'data_source_id' && p.parent.data_source_id === ds.id && !p.in_trash && (pred === null || pred(p)));
  if (sort !== null) pages = [...pages].sort(sort);
  const q: ViewQuery = {
    id: newObjectId(), view_id: view.id, page_ids: pages.map((p) => p.id),
    expires_at: new Date(Date.parse(req.now) + QUERY_TTL_MS).toISOString(),
  };
  queriesOf(store).set(q.id, q);
  const { size } = paging({ page_size: req.body.page_size }, 'body');
  const first = listPage(q.page_ids.map((id) => ({ object: 'page', id })), size, 0, 'page');
  return {
    body: {
      object: 'view_query', id: q.id, view_id: q.view_id, expires_at: q.expires_at, total_count: q.page_ids.length,
      results: first.results, next_cursor: first.next_cursor, has_more: first.has_more,
    },
  };
};

/** GET /v1/views/{id}/queries/{query_id}?start_cursor&page_size: a page of the snapshot. */
export const getViewQueryResults: Handler = (store, req) => {
  const q = queryOf(store, req);
  const { size, offset } = paging({ page_size: req.query.get('page_size') ?? undefined, start_cursor: req.query.get('start_cursor') ?? undefined }, 'query');
  return { body: listPage(q.page_ids.map((id) => ({ object: 'page', id })), size, offset, 'page') };
};

/** DELETE /v1/views/{id}/queries/{query_id}. */
export const deleteViewQuery: Handler = (store, req) => {
  const q = queryOf(store, req);
  queriesOf(store).delete(q.id);
  return { body: { object: 'view_query', id: q.id, deleted: true } };
};
