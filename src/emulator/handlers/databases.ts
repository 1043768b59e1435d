import { ApiError } from '../errors.js';
import { newObjectId, requireId } from '../ids.js';
import { renderDatabase } from '../render.js';
import { isRecord, parseRichText } from '../rich-text.js';
import { applyProperties } from '../schema/patch.js';
import type { DatabaseParent, EmulatorState, StoredDataSource } from '../state-types.js';
import { isVisible } from '../visibility.js';
import { addDefaultView } from './views.js';
import { allowKeys, fileLike, getDatabase, trashFlag, type ApiRequest, type Handler } from './context.js';

/** Reads a database parent (`page_id` or `workspace`); the parent page must exist and be visible. */
export function readDatabaseParent(state: EmulatorState, req: ApiRequest, raw: unknown): DatabaseParent {
  if (!isRecord(raw)) throw ApiError.validation('body.parent should be an object with `page_id` or `workspace: true`.');
  if (raw.workspace === true) return { type: 'workspace', workspace: true };
  if (raw.page_id !== undefined) {
    const id = requireId(raw.page_id, 'body.parent.page_id');
    const page = state.pages[id];
    if (page === undefined || !isVisible(state, req.digest, 'page', id)) {
      throw ApiError.notFound('page', id);
    }
    if (page.in_trash) throw ApiError.validation(`body.parent.page_id: page ${id} is in the trash.`);
    return { type: 'page_id', page_id: id };
  }
  throw ApiError.validation('body.parent should define `page_id` or `workspace: true`.');
}

/** A new empty data source under `databaseId` (schema applied by the caller). */
export function newDataSource(req: ApiRequest, databaseId: string, title: StoredDataSource['title'], icon: unknown): StoredDataSource {
  return {
    id: newObjectId(), database_id: databaseId, title, icon, in_trash: false,
    created_time: req.now, last_edited_time: req.now, created_by: req.botId, last_edited_by: req.botId,
    property_order: [], properties: {}, unique_counters: {},
  };
}

export const createDatabase: Handler = (store, req) => {
  const b = req.body;
  if (b.properties !== undefined) {
    throw ApiError.validation('body.properties should be not present: under API 2025-09-03 the schema goes in body.initial_data_source.properties.');
  }
  allowKeys(b, ['parent', 'title', 'description', 'is_inline', 'initial_data_source', 'icon', 'cover', 'database_type'], req.version);
  if (b.database_type !== undefined) {
    if (b.initial_data_source !== undefined) throw ApiError.validation('body.database_type cannot be combined with body.initial_data_source.');
    throw ApiError.validation('body.database_type is not supported by this emulator; send initial_data_source.properties instead.');
  }
  if (b.parent === undefined) throw ApiError.validation('body.parent should be defined, instead was `undefined`.');
  if (b.is_inline !== undefined && typeof b.is_inline !== 'boolean') throw ApiError.validation('body.is_inline should be a boolean.');
  const title = b.title === undefined ? [] : parseRichText(b.title, 'body.title');
  const description = b.description === undefined ? [] : parseRichText(b.description, 'body.description');
  const icon = b.icon === undefined ? null : fileLike(b.icon, 'body.icon');
  const cover = b.cover === undefined ? null : fileLike(b.cover, 'body.cover');
  let initial: Record<string, unknown> = {};
  if (b.initial_data_source !== undefined) {
    if (!isRecord(b.initial_data_source)) throw ApiError.validation('body.initial_data_source should be an object.');
    initial = b.initial_data_source;
    for (const k of Object.keys(initial)) {
      if (k !== 'properties') throw ApiError.validation(`body.initial_data_source.${k} should be not present.`);
    }
  }
  const props = initial.properties ?? { Name: { title: {} } };
  return store.transact((state) => {
    const parent = readDatabaseParent(state, req, b.parent);
    const id = newObjectId();
    const ds = newDataSource(req, id, title, null);
    state.data_sources[ds.id] = ds;
    applyProperties({ state, ds, canSee: (x) => isVisible(state, req.digest, 'data_source', x) }, props, 'body.initial_data_source.properties', true);
    state.databases[id] = {
      id, parent, title, description, icon, cover, is_inline: b.is_inline === true, in_trash: false, is_locked: false,
      created_time: req.now, last_edited_time: req.now, created_by: req.botId, last_edited_by: req.botId, data_source_ids: [ds.id],
    };
    addDefaultView(state, ds, req);
    return { body: renderDatabase(state, state.databases[id]!, req.version), createdId: id };
  });
};

export const retrieveDatabase: Handler = (store, req) => {
  const db = getDatabase(store, req, req.segments[1] ?? '');
  return { body: renderDatabase(store.state, db, req.version) };
};

export const updateDatabase: Handler = (store, req) => {
  const b = req.body;
  allowKeys(b, ['parent', 'title', 'description', 'is_inline', 'icon', 'cover', 'in_trash', 'archived', 'is_locked'], req.version);
  if (b.properties !== undefined) throw ApiError.validation('body.properties should be not present: under API 2025-09-03 schema changes go to PATCH /v1/data_sources/{id}.');
  const current = getDatabase(store, req, req.segments[1] ?? '');
  const title = b.title === undefined ? undefined : parseRichText(b.title, 'body.title');
  const description = b.description === undefined ? undefined : b.description === null ? [] : parseRichText(b.description, 'body.description');
  const icon = b.icon === undefined ? undefined : fileLike(b.icon, 'body.icon');
  const cover = b.cover === undefined ? undefined : fileLike(b.cover, 'body.cover');
  const trash = trashFlag(b);
  for (const k of ['is_inline', 'is_locked'] as const) {
    if (b[k] !== undefined && typeof b[k] !== 'boolean') throw ApiError.validation(`body.${k} should be a boolean.`);
  }
  const parent = b.parent === undefined ? undefined : readDatabaseParent(store.state, req, b.parent);
  if (parent?.type === 'page_id' && parent.page_id === current.id) throw ApiError.validation('body.parent: a database cannot be its own parent.');
  const db = current;
  if (title !== undefined) {
    db.title = title;
    for (const id of [db.id, ...db.data_source_ids]) store.searchLag.noteRenamed(id);
  }
  if (description !== undefined) db.description = description;
  if (icon !== undefined) db.icon = icon;
  if (cover !== undefined) db.cover = cover;
  if (trash !== undefined) db.in_trash = trash;
  if (typeof b.is_inline === 'boolean') db.is_inline = b.is_inline;
  if (typeof b.is_locked === 'boolean') db.is_locked = b.is_locked;
  if (parent !== undefined) db.parent = parent;
  db.last_edited_time = req.now;
  db.last_edited_by = req.botId;
  store.markDirty('databases', db.id);
  return { body: renderDatabase(store.state, db, req.version) };
};

