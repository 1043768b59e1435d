import { ApiError } from '../errors.js';
import { requireId } from '../ids.js';
import { plainText } from '../rich-text.js';
import { listPage, paging, visible, type Handler } from './context.js';

/**
 * DELETE /v1/blocks/{id} for the blocks the emulator knows: a page (`child_page`) or a
 * database (`child_database`). Like Notion, this moves it to the trash.
 */
export const deleteBlock: Handler = (store, req) => {
  const id = requireId(req.segments[1] ?? '', 'path.block_id');
  const s = store.state;
  const page = s.pages[id];
  const db = s.databases[id];
  const target = page !== undefined && visible(store, req, 'page', id) ? page : db !== undefined && visible(store, req, 'database', id) ? db : undefined;
  if (target === undefined) throw ApiError.notFound('block', id);
  target.in_trash = true;
  target.last_edited_time = req.now;
  store.markDirty(target === page ? 'pages' : 'databases', id);
  const type = target === page ? 'child_page' : 'child_database';
  const title = target === page ? plainText(page.values.title as never) : plainText(db?.title);
  const parent = target === page && page.parent.type === 'data_source_id'
    ? { type: 'data_source_id', data_source_id: page.parent.data_source_id }
    : target.parent;
  return {
    body: {
      object: 'block', id, parent, type, [type]: { title }, created_time: target.created_time, last_edited_time: target.last_edited_time,
      has_children: false, in_trash: true, ...(req.version === '2026-03-11' ? {} : { archived: true }),
    },
  };
};

/**
 * GET /v1/blocks/{page_id}/children: the page's child databases (`child_database`) and child pages
 * (`child_page`) in creation order, paginated (`page_size` ≤ 100, `start_cursor` in the query string).
 * Immediately consistent (no search lag): a database created under a page is listed as soon as the
 * create has committed. Trashed blocks and blocks the token cannot see are left out. The emulator
 * stores no other block content, so a page's text blocks are never listed.
 */
export const listBlockChildren: Handler = (store, req) => {
  const id = requireId(req.segments[1] ?? '', 'path.block_id');
  const s = store.state;
  const page = s.pages[id];
  if (page === undefined || !visible(store, req, 'page', id)) {
    const db = s.databases[id];
    if (db !== undefined && visible(store, req, 'database', id)) return { body: listPage([], 100, 0, 'block') };
    throw ApiError.notFound('block', id);
  }
  const { size, offset } = paging({ page_size: req.query.get('page_size') ?? undefined, start_cursor: req.query.get('start_cursor') ?? undefined }, 'query');
  const trash = req.version === '2026-03-11' ? {} : { archived: false };
  const parents = new Set<string>();
  for (const p of Object.values(s.pages)) if (p.parent.type === 'page_id' && !p.in_trash) parents.add(p.parent.page_id);
  for (const d of Object.values(s.databases)) if (d.parent.type === 'page_id' && !d.in_trash) parents.add(d.parent.page_id);
  type Child = { created: string; render: () => unknown };
  const children: Child[] = [];
  const common = (o: { id: string; created_time: string; last_edited_time: string; created_by: string; last_edited_by: string }) => ({
    object: 'block', id: o.id, parent: { type: 'page_id', page_id: id }, created_time: o.created_time, last_edited_time: o.last_edited_time,
    created_by: { object: 'user', id: o.created_by }, last_edited_by: { object: 'user', id: o.last_edited_by }, ...trash, in_trash: false,
  });
  for (const d of Object.values(s.databases)) {
    if (d.parent.type !== 'page_id' || d.parent.page_id !== id || d.in_trash || !visible(store, req, 'database', d.id)) continue;
    children.push({ created: d.created_time, render: () => ({ ...common(d), has_children: false, type: 'child_database', child_database: { title: plainText(d.title) } }) });
  }
  for (const p of Object.values(s.pages)) {
    if (p.parent.type !== 'page_id' || p.parent.page_id !== id || p.in_trash || !visible(store, req, 'page', p.id)) continue;
    children.push({ created: p.created_time, render: () => ({ ...common(p), has_children: parents.has(p.id), type: 'child_page', child_page: { title: plainText(p.values.title as never) } }) });
  }
  // Stable: creation order, ties (same millisecond) in insertion order (databases before pages).
  children.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  const list = listPage(children, size, offset, 'block');
  list.results = children.slice(offset, offset + size).map((c) => c.render());
  return { body: list };
};
