import { VIEW_TYPES } from '../../model/view.js';
import { ApiError } from '../errors.js';
import { compileFilter, compileSorts } from '../filter.js';
import { newObjectId, requireId } from '../ids.js';
import { isRecord } from '../rich-text.js';
import type { EmulatorState, StoredDataSource, StoredView } from '../state-types.js';
import type { Store } from '../store.js';
import {
  defaultConfiguration, parseViewConfiguration, renderFilterIds, renderViewConfiguration, resolveFilterIds,
} from '../view-config.js';
import { allowKeys, getDatabase, getDataSource, listPage, paging, type ApiRequest, type Handler } from './context.js';

/** The name Notion gives the table view it creates with every database and data source (emulator's choice; unconfirmed). */
export const DEFAULT_VIEW_NAME = 'Default view';

const userRef = (id: string): { object: 'user'; id: string } => ({ object: 'user', id });

/** A view as `GET /v1/views/{id}` returns it (SDK `DataSourceViewObjectResponse`). */
export function renderView(state: EmulatorState, v: StoredView): Record<string, unknown> {
  const ds = state.data_sources[v.data_source_id];
  return {
    object: 'view', id: v.id, parent: { type: 'database_id', database_id: v.database_id },
    name: v.name, type: v.type, created_time: v.created_time, last_edited_time: v.last_edited_time,
    url: `https://www.notion.so/${v.database_id.replace(/-/g, '')}?v=${v.id.replace(/-/g, '')}`,
    data_source_id: v.type === 'dashboard' ? null : v.data_source_id,
    created_by: userRef(v.created_by), last_edited_by: userRef(v.last_edited_by),
    filter: v.filter === null ? null : renderFilterIds(v.filter), sorts: v.sorts === null ? null : renderFilterIds(v.sorts),
    quick_filters: v.quick_filters, configuration: v.configuration === null ? null : renderViewConfiguration(ds, v.configuration),
  };
}

/** Adds the default table view of a new database or data source, at the end of the database's tabs. */
export function addDefaultView(state: EmulatorState, ds: StoredDataSource, req: ApiRequest): void {
  const v: StoredView = {
    id: newObjectId(), database_id: ds.database_id, data_source_id: ds.id, name: DEFAULT_VIEW_NAME, type: 'table',
    filter: null, sorts: null, quick_filters: null, configuration: { type: 'table' },
    created_time: req.now, last_edited_time: req.now, created_by: req.botId, last_edited_by: req.botId,
  };
  (state.views ??= {})[v.id] = v;
  const db = state.databases[ds.database_id];
  if (db !== undefined) (db.view_ids ??= []).push(v.id);
}

function getView(store: Store, req: ApiRequest, raw: string): StoredView {
  const id = requireId(raw, 'path.view_id');
  const v = store.state.views?.[id];
  if (v === undefined) throw ApiError.notFound('view', id);
  getDataSource(store, req, v.data_source_id); // 404 when the data source is not shared
  return v;
}

/** Validates and normalises `filter` (null clears) and `sorts` against the data source, through the query engine. */
function readFilterAndSorts(state: EmulatorState, ds: StoredDataSource, b: Record<string, unknown>): Partial<Pick<StoredView, 'filter' | 'sorts'>> {
  const out: Partial<Pick<StoredView, 'filter' | 'sorts'>> = {};
  if (b.filter !== undefined) {
    if (b.filter !== null) compileFilter(state, ds, b.filter, 'body.filter');
    out.filter = b.filter === null ? null : (resolveFilterIds(ds, b.filter) as Record<string, unknown>);
  }
  if (b.sorts !== undefined) {
    if (b.sorts !== null) compileSorts(state, ds, b.sorts, 'body.sorts');
    out.sorts = b.sorts === null ? null : (resolveFilterIds(ds, b.sorts) as Record<string, unknown>[]);
  }
  return out;
}

/** GET /v1/views?database_id=…|data_source_id=…: references in tab order. */
export const listViews: Handler = (store, req) => {
  const dbRaw = req.query.get('database_id');
  const dsRaw = req.query.get('data_source_id');
  if (dbRaw === null && dsRaw === null) throw ApiError.validation('One of `database_id` or `data_source_id` should be provided.');
  const { size, offset } = paging({ page_size: req.query.get('page_size') ?? undefined, start_cursor: req.query.get('start_cursor') ?? undefined }, 'query');
  const views = store.state.views ?? {};
  let ids: string[];
  if (dsRaw !== null) {
    const ds = getDataSource(store, req, dsRaw, 'query.data_source_id');
    const order = store.state.databases[ds.database_id]?.view_ids ?? [];
    ids = order.filter((id) => views[id]?.data_source_id === ds.id);
  } else {
    const db = getDatabase(store, req, dbRaw ?? '', 'query.database_id');
    ids = (db.view_ids ?? []).filter((id) => views[id] !== undefined);
  }
  return { body: listPage(ids.map((id) => ({ object: 'view', id })), size, offset, 'view') };
};

/** POST /v1/views: a new tab of `database_id` (the only placement the emulator implements). */
export const createView: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['data_source_id', 'name', 'type', 'database_id', 'view_id', 'filter', 'sorts', 'quick_filters', 'create_database', 'configuration', 'position', 'placement'], req.version);
  if (typeof b.name !== 'string') throw ApiError.validation('body.name should be a string.');
  if (typeof b.type !== 'string' || !(VIEW_TYPES as readonly string[]).includes(b.type)) throw ApiError.validation(`body.type should be one of ${VIEW_TYPES.map((t) => `\`${t}\``).join(', ')}.`);
  if (b.view_id !== undefined || b.create_database !== undefined || b.placement !== undefined) {
    throw ApiError.validation('body.view_id, body.create_database and body.placement are not supported by this emulator; create the view with body.database_id.');
  }
  if (b.database_id === undefined) throw ApiError.validation('body.database_id should be defined (one of `database_id`, `view_id` or `create_database`).');
  const ds = getDataSource(store, req, String(b.data_source_id ?? ''), 'body.data_source_id');
  const db = getDatabase(store, req, String(b.database_id), 'body.database_id');
  if (ds.database_id !== db.id) throw ApiError.validation(`body.data_source_id: data source ${ds.id} is not a data source of database ${db.id}.`);
  const type = b.type;
  const fs = readFilterAndSorts(store.state, ds, b);
  const configuration = b.configuration === undefined ? defaultConfiguration(type) : parseViewConfiguration(ds, type, b.configuration, 'body.configuration', null);
  const position = readPosition(b.position, db.view_ids ?? []);
  return store.transact((state) => {
    const v: StoredView = {
      id: newObjectId(), database_id: db.id, data_source_id: ds.id, name: b.name as string, type,
      filter: fs.filter ?? null, sorts: fs.sorts ?? null, quick_filters: isRecord(b.quick_filters) ? b.quick_filters : null, configuration,
      created_time: req.now, last_edited_time: req.now, created_by: req.botId, last_edited_by: req.botId,
    };
    (state.views ??= {})[v.id] = v;
    const target = state.databases[db.id]!;
    const order = target.view_ids ?? [];
    order.splice(position ?? order.length, 0, v.id);
    target.view_ids = order;
    return { body: renderView(state, v), createdId: v.id };
  });
};

function readPosition(raw: unknown, order: readonly string[]): number | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) throw ApiError.validation('body.position should be an object.');
  if (raw.type === 'start') return 0;
  if (raw.type === 'end') return undefined;
  if (raw.type === 'after_view') {
    const after = requireId(raw.view_id, 'body.position.view_id');
    const i = order.indexOf(after);
    if (i < 0) throw ApiError.validation(`body.position.view_id: view ${after} is not a view of this database.`);
    return i + 1;
  }
  throw ApiError.validation('body.position.type should be `start`, `end` or `after_view`.');
}

export const retrieveView: Handler = (store, req) => ({ body: renderView(store.state, getView(store, req, req.segments[1] ?? '')) });

/** PATCH /v1/views/{id}: name, filter, sorts (property sorts only), quick_filters, configuration. */
export const updateView: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['name', 'filter', 'sorts', 'quick_filters', 'configuration'], req.version);
  const current = getView(store, req, req.segments[1] ?? '');
  const ds = store.state.data_sources[current.data_source_id]!;
  if (b.name !== undefined && typeof b.name !== 'string') throw ApiError.validation('body.name should be a string.');
  if (Array.isArray(b.sorts) && b.sorts.some((s) => isRecord(s) && s.timestamp !== undefined)) {
    throw ApiError.validation('body.sorts: only property sorts can be set on update.');
  }
  const fs = readFilterAndSorts(store.state, ds, b);
  const configuration = b.configuration === undefined ? undefined : parseViewConfiguration(ds, current.type, b.configuration, 'body.configuration', current.configuration);
  return store.transact((state) => {
    const v = state.views![current.id]!;
    if (typeof b.name === 'string') v.name = b.name;
    if (fs.filter !== undefined) v.filter = fs.filter;
    if (fs.sorts !== undefined) v.sorts = fs.sorts;
    if (b.quick_filters !== undefined) v.quick_filters = isRecord(b.quick_filters) ? b.quick_filters : null;
    if (configuration !== undefined) v.configuration = configuration;
    v.last_edited_time = req.now;
    v.last_edited_by = req.botId;
    return { body: renderView(state, v) };
  });
};

/** DELETE /v1/views/{id}: the last view of a database cannot go (emulator's choice; unconfirmed). */
export const deleteView: Handler = (store, req) => {
  const v = getView(store, req, req.segments[1] ?? '');
  const db = store.state.databases[v.database_id];
  if ((db?.view_ids ?? []).length <= 1) throw ApiError.validation('A database must keep at least one view.');
  return store.transact((state) => {
    delete state.views![v.id];
    const target = state.databases[v.database_id];
    if (target !== undefined) target.view_ids = (target.view_ids ?? []).filter((x) => x !== v.id);
    return { body: { object: 'view', id: v.id, parent: { type: 'database_id', database_id: v.database_id }, type: v.type } };
  });
};
