import { ApiError } from '../errors.js';
import { requireId } from '../ids.js';
import { renderDataSource } from '../render.js';
import { isRecord, parseRichText } from '../rich-text.js';
import { applyProperties } from '../schema/patch.js';
import { isVisible } from '../visibility.js';
import { allowKeys, fileLike, getDataSource, trashFlag, type Handler } from './context.js';
import { newDataSource } from './databases.js';
import { addDefaultView } from './views.js';

function readDatabaseId(raw: unknown): string {
  if (!isRecord(raw)) throw ApiError.validation('body.parent should be an object with `database_id`.');
  if (raw.type !== undefined && raw.type !== 'database_id') throw ApiError.validation('body.parent.type should be `database_id`.');
  if (raw.database_id === undefined) throw ApiError.validation('body.parent.database_id should be defined.');
  return requireId(raw.database_id, 'body.parent.database_id');
}

export const createDataSource: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['parent', 'properties', 'title', 'icon'], req.version);
  if (b.parent === undefined) throw ApiError.validation('body.parent should be defined, instead was `undefined`.');
  if (b.properties === undefined) throw ApiError.validation('body.properties should be defined, instead was `undefined`.');
  const dbId = readDatabaseId(b.parent);
  const title = b.title === undefined ? [] : parseRichText(b.title, 'body.title');
  const icon = b.icon === undefined ? null : fileLike(b.icon, 'body.icon');
  return store.transact((state) => {
    const db = state.databases[dbId];
    if (db === undefined || !isVisible(state, req.digest, 'database', dbId)) throw ApiError.notFound('database', dbId);
    const ds = newDataSource(req, dbId, title, icon);
    state.data_sources[ds.id] = ds;
    applyProperties({ state, ds, canSee: (x) => isVisible(state, req.digest, 'data_source', x) }, b.properties, 'body.properties', true);
    db.data_source_ids.push(ds.id);
    addDefaultView(state, ds, req);
    db.last_edited_time = req.now;
    return { body: renderDataSource(state, ds, req.version), createdId: ds.id };
  });
};

export const retrieveDataSource: Handler = (store, req) => {
  const ds = getDataSource(store, req, req.segments[1] ?? '');
  return { body: renderDataSource(store.state, ds, req.version) };
};

/**
 * PATCH /v1/data_sources/{id}. `description` is not in the SDK's body params; the emulator
 * accepts it from raw clients and ignores it (documented), like Notion may.
 */
export const updateDataSource: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['title', 'icon', 'properties', 'in_trash', 'archived', 'parent', 'description'], req.version);
  const current = getDataSource(store, req, req.segments[1] ?? '');
  const title = b.title === undefined ? undefined : parseRichText(b.title, 'body.title');
  const icon = b.icon === undefined ? undefined : fileLike(b.icon, 'body.icon');
  const trash = trashFlag(b);
  const newDb = b.parent === undefined ? undefined : readDatabaseId(b.parent);
  if (title !== undefined) store.searchLag.noteRenamed(current.id);
  return store.transact((state) => {
    const ds = state.data_sources[current.id]!;
    if (b.properties !== undefined) {
      applyProperties({ state, ds, canSee: (x) => isVisible(state, req.digest, 'data_source', x) }, b.properties, 'body.properties', false);
    }
    if (title !== undefined) ds.title = title;
    if (icon !== undefined) ds.icon = icon;
    if (trash !== undefined) ds.in_trash = trash;
    if (newDb !== undefined && newDb !== ds.database_id) {
      const target = state.databases[newDb];
      if (target === undefined || !isVisible(state, req.digest, 'database', newDb)) throw ApiError.notFound('database', newDb);
      const old = state.databases[ds.database_id];
      if (old !== undefined) old.data_source_ids = old.data_source_ids.filter((x) => x !== ds.id);
      target.data_source_ids.push(ds.id);
      ds.database_id = newDb;
    }
    ds.last_edited_time = req.now;
    ds.last_edited_by = req.botId;
    return { body: renderDataSource(state, ds, req.version) };
  });
};

export const listTemplates: Handler = (store, req) => {
  getDataSource(store, req, req.segments[1] ?? '');
  return { body: { object: 'list', templates: [], has_more: false, next_cursor: null } };
};
