import { ApiError } from '../errors.js';
import { newObjectId, requireId } from '../ids.js';
import { defaultStatus, parsePageValue, syncDualRelations, type ValueContext } from '../page-values.js';
import { renderPage } from '../render.js';
import { isRecord, parseRichText } from '../rich-text.js';
import { findProperty } from '../schema/config.js';
import type { PageParent, StoredDataSource, StoredPage } from '../state-types.js';
import type { Store } from '../store.js';
import { allowKeys, fileLike, getPage, trashFlag, visible, type ApiRequest, type Handler } from './context.js';

function readPageParent(store: Store, req: ApiRequest, raw: unknown): PageParent {
  if (!isRecord(raw)) throw ApiError.validation('body.parent should be an object.');
  if (raw.workspace === true) return { type: 'workspace', workspace: true };
  if (raw.data_source_id !== undefined) {
    const id = requireId(raw.data_source_id, 'body.parent.data_source_id');
    if (store.state.data_sources[id] === undefined || !visible(store, req, 'data_source', id)) throw ApiError.notFound('data source', id);
    return { type: 'data_source_id', data_source_id: id };
  }
  if (raw.database_id !== undefined) {
    const id = requireId(raw.database_id, 'body.parent.database_id');
    const db = store.state.databases[id];
    if (db === undefined || !visible(store, req, 'database', id)) throw ApiError.notFound('database', id);
    if (db.data_source_ids.length !== 1) {
      throw ApiError.validation(`body.parent.database_id: database ${id} has ${db.data_source_ids.length} data sources; use parent.data_source_id.`);
    }
    return { type: 'data_source_id', data_source_id: db.data_source_ids[0]! };
  }
  if (raw.page_id !== undefined) {
    const id = requireId(raw.page_id, 'body.parent.page_id');
    if (store.state.pages[id] === undefined || !visible(store, req, 'page', id)) throw ApiError.notFound('page', id);
    return { type: 'page_id', page_id: id };
  }
  throw ApiError.validation('body.parent should define one of `data_source_id`, `database_id`, `page_id` or `workspace: true`.');
}

/** Validates a `properties` body against the schema; returns the values to set and the options to add. */
function readValues(store: Store, ds: StoredDataSource | undefined, raw: unknown): { values: Record<string, unknown>; ctx: ValueContext | null } {
  if (raw === undefined) return { values: {}, ctx: null };
  if (!isRecord(raw)) throw ApiError.validation('body.properties should be an object.');
  const values: Record<string, unknown> = {};
  if (ds === undefined) {
    for (const [key, v] of Object.entries(raw)) {
      if (key !== 'title') throw ApiError.validation(`body.properties.${key}: a page that is not in a data source only has a \`title\` property.`);
      const t = isRecord(v) ? v.title : undefined;
      values.title = parseRichText(t, 'body.properties.title.title');
    }
    return { values, ctx: null };
  }
  const ctx: ValueContext = { state: store.state, ds, newOptions: [] };
  for (const [key, v] of Object.entries(raw)) {
    const p = findProperty(ds, key);
    if (p === undefined) throw ApiError.validation(`body.properties.${key} is not a property that exists on data source ${ds.id}.`);
    values[p.id] = parsePageValue(ctx, p, v, `body.properties.${key}`);
  }
  return { values, ctx };
}

function commitValues(store: Store, page: StoredPage, ds: StoredDataSource | undefined, values: Record<string, unknown>, ctx: ValueContext | null): void {
  const before = { ...page.values };
  for (const n of ctx?.newOptions ?? []) (n.prop.config.options as unknown[]).push(n.option);
  for (const [id, v] of Object.entries(values)) {
    if (v === undefined) delete page.values[id];
    else page.values[id] = v;
  }
  if (ds !== undefined) syncDualRelations(store.state, ds, page, before);
  // Journal what changed: the page, its data source (new options), the far side of its relations.
  store.markDirty('pages', page.id);
  if (ds !== undefined && (ctx?.newOptions.length ?? 0) > 0) store.markDirty('data_sources', ds.id);
  for (const v of [...Object.values(before), ...Object.values(page.values)]) {
    if (!Array.isArray(v)) continue;
    for (const id of v) if (typeof id === 'string' && store.state.pages[id] !== undefined) store.markDirty('pages', id);
  }
}

export const createPage: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['parent', 'properties', 'icon', 'cover', 'children', 'content', 'markdown', 'template', 'position'], req.version);
  if (b.parent === undefined) throw ApiError.validation('body.parent should be defined, instead was `undefined`.');
  const parent = readPageParent(store, req, b.parent);
  const ds = parent.type === 'data_source_id' ? store.state.data_sources[parent.data_source_id] : undefined;
  const { values, ctx } = readValues(store, ds, b.properties);
  const icon = b.icon === undefined ? null : fileLike(b.icon, 'body.icon');
  const cover = b.cover === undefined ? null : fileLike(b.cover, 'body.cover');
  const page: StoredPage = {
    id: newObjectId(), parent, values: {}, icon, cover, in_trash: false, is_locked: false,
    created_time: req.now, last_edited_time: req.now, created_by: req.botId, last_edited_by: req.botId,
  };
  let counted = false;
  if (ds !== undefined) {
    for (const p of Object.values(ds.properties)) {
      if (p.type === 'status' && values[p.id] === undefined && !(p.id in values)) {
        const d = defaultStatus(p);
        if (d !== undefined) page.values[p.id] = d;
      }
      if (p.type === 'unique_id') {
        const n = ds.unique_counters[p.id] ?? 1;
        page.values[p.id] = n;
        ds.unique_counters[p.id] = n + 1;
        counted = true;
      }
    }
  }
  store.addPage(page);
  commitValues(store, page, ds, values, ctx);
  if (ds !== undefined && counted) store.markDirty('data_sources', ds.id); // unique_id counters
  return { body: renderPage(store.state, page, req.version), createdId: page.id };
};

export const retrievePage: Handler = (store, req) => {
  const page = getPage(store, req, req.segments[1] ?? '');
  return { body: renderPage(store.state, page, req.version) };
};

export const updatePage: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['properties', 'icon', 'cover', 'in_trash', 'archived', 'is_locked', 'erase_content', 'template'], req.version);
  const page = getPage(store, req, req.segments[1] ?? '');
  const ds = page.parent.type === 'data_source_id' ? store.state.data_sources[page.parent.data_source_id] : undefined;
  const { values, ctx } = readValues(store, ds, b.properties);
  const icon = b.icon === undefined ? undefined : fileLike(b.icon, 'body.icon');
  const cover = b.cover === undefined ? undefined : fileLike(b.cover, 'body.cover');
  const trash = trashFlag(b);
  if (b.is_locked !== undefined && typeof b.is_locked !== 'boolean') throw ApiError.validation('body.is_locked should be a boolean.');
  commitValues(store, page, ds, values, ctx);
  if ('title' in values) store.searchLag.noteRenamed(page.id);
  if (icon !== undefined) page.icon = icon;
  if (cover !== undefined) page.cover = cover;
  if (trash !== undefined) page.in_trash = trash;
  if (typeof b.is_locked === 'boolean') page.is_locked = b.is_locked;
  page.last_edited_time = req.now;
  page.last_edited_by = req.botId;
  store.markDirty('pages', page.id);
  return { body: renderPage(store.state, page, req.version) };
};
