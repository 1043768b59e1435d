import { ApiError } from '../errors.js';
import { requireId } from '../ids.js';
import { plainText } from '../rich-text.js';
import { visible, type Handler } from './context.js';

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
  store.markDirty();
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
