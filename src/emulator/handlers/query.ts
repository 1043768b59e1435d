import { ApiError } from '../errors.js';
import { compileFilter, compileSorts } from '../filter.js';
import { encodePropertyId } from '../ids.js';
import { renderDataSource, renderPage } from '../render.js';
import { isRecord, plainText } from '../rich-text.js';
import { findProperty } from '../schema/config.js';
import { allowKeys, getDataSource, listPage, paging, trashFlag, visible, type Handler } from './context.js';

/** Most results one query can reach (notion-api.md §1.7). */
export const QUERY_RESULT_CAP = 10_000;

export const queryDataSource: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['filter', 'sorts', 'start_cursor', 'page_size', 'in_trash', 'archived', 'result_type', 'filter_properties'], req.version);
  const ds = getDataSource(store, req, req.segments[1] ?? '');
  const state = store.state;
  const pred = b.filter === undefined ? null : compileFilter(state, ds, b.filter, 'body.filter');
  const sort = compileSorts(state, ds, b.sorts, 'body.sorts');
  const { size, offset } = paging(b, 'body');
  const trash = trashFlag(b) ?? false;
  if (b.result_type !== undefined && b.result_type !== 'page' && b.result_type !== 'data_source') {
    throw ApiError.validation('body.result_type should be `page` or `data_source`.');
  }
  const fp = req.query.getAll('filter_properties');
  const keep = fp.length === 0 ? null : new Set(fp.map((k) => {
    const p = findProperty(ds, k);
    if (p === undefined) throw ApiError.validation(`filter_properties: Could not find property with name or id: ${k}`);
    return encodePropertyId(p.id);
  }));
  let pages = b.result_type === 'data_source' ? [] : store.pagesIn(ds.id).filter((p) => p.in_trash === trash && (pred === null || pred(p)));
  if (sort !== null) pages = [...pages].sort(sort);
  const capped = pages.length > QUERY_RESULT_CAP;
  if (capped) pages = pages.slice(0, QUERY_RESULT_CAP);
  const results = pages.slice(offset, offset + size).map((p) => {
    const r = renderPage(state, p, req.version);
    if (keep !== null) {
      const props = r.properties as Record<string, { id: string }>;
      r.properties = Object.fromEntries(Object.entries(props).filter(([, v]) => keep.has(v.id)));
    }
    return r;
  });
  const list = listPage(pages, size, offset, 'page_or_data_source');
  list.results = results;
  if (capped && offset + size >= QUERY_RESULT_CAP) {
    list.has_more = false;
    list.next_cursor = null;
    list.request_status = { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' };
  }
  return { body: list };
};

export const search: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['query', 'sort', 'filter', 'start_cursor', 'page_size'], req.version);
  if (b.query !== undefined && typeof b.query !== 'string') throw ApiError.validation('body.query should be a string.');
  let objectFilter: string | null = null;
  let inTrash = false;
  if (b.filter !== undefined) {
    if (!isRecord(b.filter)) throw ApiError.validation('body.filter should be an object.');
    const f = b.filter;
    if (f.property !== undefined || f.value !== undefined) {
      if (f.property !== 'object') throw ApiError.validation('body.filter.property should be `"object"`.');
      if (f.value === 'database') throw ApiError.validation('body.filter.value should be `"page"` or `"data_source"`, instead was `"database"` (that was API 2022-06-28).');
      if (f.value !== 'page' && f.value !== 'data_source') throw ApiError.validation(`body.filter.value should be \`"page"\` or \`"data_source"\`, instead was \`${JSON.stringify(f.value)}\`.`);
      objectFilter = f.value;
    }
    if (f.in_trash !== undefined) {
      if (typeof f.in_trash !== 'boolean') throw ApiError.validation('body.filter.in_trash should be a boolean.');
      inTrash = f.in_trash;
    }
  }
  let direction = 'descending';
  if (b.sort !== undefined) {
    if (!isRecord(b.sort)) throw ApiError.validation('body.sort should be an object.');
    if (b.sort.property === 'relevance') direction = 'descending';
    else if (b.sort.timestamp === 'last_edited_time') {
      if (b.sort.direction !== 'ascending' && b.sort.direction !== 'descending') throw ApiError.validation('body.sort.direction should be `ascending` or `descending`.');
      direction = b.sort.direction;
    } else throw ApiError.validation('body.sort should be `{timestamp: "last_edited_time", direction}` or `{property: "relevance"}`.');
  }
  const { size, offset } = paging(b, 'body');
  const q = (b.query ?? '').toLowerCase();
  const state = store.state;
  type Hit = { edited: string; order: number; render: () => unknown };
  const hits: Hit[] = [];
  let order = 0;
  if (objectFilter !== 'data_source') {
    for (const p of Object.values(state.pages)) {
      order++;
      if (p.in_trash !== inTrash || !visible(store, req, 'page', p.id) || store.searchLag.hidden(p.id, p.created_time)) continue;
      if (q !== '' && !plainText(p.values.title as never).toLowerCase().includes(q)) continue;
      hits.push({ edited: p.last_edited_time, order, render: () => renderPage(state, p, req.version) });
    }
  }
  if (objectFilter !== 'page') {
    for (const ds of Object.values(state.data_sources)) {
      order++;
      const db = state.databases[ds.database_id];
      if ((ds.in_trash || (db?.in_trash ?? false)) !== inTrash || !visible(store, req, 'data_source', ds.id)) continue;
      if (store.searchLag.hidden(ds.id, ds.created_time)) continue;
      if (q !== '' && !plainText(ds.title).toLowerCase().includes(q)) continue;
      hits.push({ edited: ds.last_edited_time, order, render: () => renderDataSource(state, ds, req.version) });
    }
  }
  const sign = direction === 'ascending' ? 1 : -1;
  hits.sort((x, y) => (x.edited === y.edited ? x.order - y.order : (x.edited < y.edited ? -1 : 1) * sign));
  const list = listPage(hits, size, offset, 'page_or_data_source');
  list.results = hits.slice(offset, offset + size).map((h) => h.render());
  return { body: list };
};
