import { ApiError } from '../errors.js';
import { requireId } from '../ids.js';
import type { EmulatorState, StoredUser } from '../state-types.js';
import { listPage, paging, type Handler } from './context.js';

function renderUser(state: EmulatorState, u: StoredUser): Record<string, unknown> {
  if (u.type === 'person') {
    return { object: 'user', id: u.id, name: u.name, avatar_url: null, type: 'person', person: { email: u.email ?? null } };
  }
  return {
    object: 'user', id: u.id, name: u.name, avatar_url: null, type: 'bot',
    bot: {
      owner: { type: 'workspace', workspace: true }, workspace_id: state.root_page_id, workspace_name: state.workspace_name,
      workspace_limits: { max_file_upload_size_in_bytes: 5242880 },
    },
  };
}

export const me: Handler = (store, req) => {
  const u = store.state.users[req.botId];
  if (u === undefined) throw new ApiError('internal_server_error', 'Bot user missing.');
  return { body: renderUser(store.state, u) };
};

export const listUsers: Handler = (store, req) => {
  const { size, offset } = paging({ page_size: req.query.get('page_size') ?? undefined, start_cursor: req.query.get('start_cursor') ?? undefined }, 'query');
  const all = Object.values(store.state.users).map((u) => renderUser(store.state, u));
  return { body: listPage(all, size, offset, 'user') };
};

export const retrieveUser: Handler = (store, req) => {
  const id = requireId(req.segments[1] ?? '', 'path.user_id');
  const u = store.state.users[id];
  if (u === undefined) throw ApiError.notFound('user', id);
  return { body: renderUser(store.state, u) };
};
