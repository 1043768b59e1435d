import type { WorkspaceIdentity } from '../model/plan.js';
import { getBotUser } from './endpoints.js';
import type { NotionClient } from './types.js';

/**
 * The workspace the client's token reaches (`GET /v1/users/me`): the bot's `workspace_id`, and its
 * `workspace_name` for messages. Without a `workspace_id` (never seen, but not promised), the bot
 * user's own id stands in: an integration's bot user is distinct in every workspace it is installed in.
 */
export async function readWorkspace(client: NotionClient): Promise<WorkspaceIdentity> {
  const me = await getBotUser(client);
  const id = me.bot?.workspace_id;
  const name = me.bot?.workspace_name ?? null;
  return { id: typeof id === 'string' && id !== '' ? id : `bot:${me.id}`, name: typeof name === 'string' ? name : null };
}
