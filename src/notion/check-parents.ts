import { NotionApiError } from '../errors.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredDatabase, DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import { getPage } from './endpoints.js';
import { sameId, toDashedId } from './ids.js';
import type { NotionClient } from './types.js';

/** The parent page a plan writes under: of a database it creates, or moves. */
function writtenParent(db: DesiredDatabase, live: LiveState): string | null {
  if (db.parent.type !== 'page_id') return null;
  const l = live.databases.get(db.key)?.live;
  if (l === undefined) return db.parent.page_id;
  return l.parent.type === 'page_id' && sameId(l.parent.page_id, db.parent.page_id) ? null : l.parent.type === 'other' ? null : db.parent.page_id;
}

/**
 * Checks at plan time that every parent page the plan creates or moves a database under can be
 * read by the integration (one GET per distinct page): a missing, unshared or trashed page is an
 * error naming the database's place in the file and the share hint, instead of a failed apply.
 */
export async function checkParentPages(client: NotionClient, desired: DesiredState, live: LiveState): Promise<Diagnostic[]> {
  const byPage = new Map<string, DesiredDatabase[]>();
  for (const db of desired.databases) {
    const page = writtenParent(db, live);
    if (page === null) continue;
    const id = toDashedId(page);
    byPage.set(id, [...(byPage.get(id) ?? []), db]);
  }
  const out: Diagnostic[] = [];
  await Promise.all([...byPage.entries()].map(async ([id, dbs]) => {
    let problem: string | null = null;
    try {
      const page = await getPage(client, id);
      if (page.in_trash === true || page.archived === true) problem = 'is in the trash';
    } catch (e) {
      if (!(e instanceof NotionApiError) || (e.status !== 404 && e.status !== 403)) throw e;
      problem = e.status === 404 ? 'does not exist or is not shared with the integration' : 'cannot be read by the integration';
    }
    if (problem === null) return;
    for (const db of dbs) {
      out.push({
        severity: 'error', code: 'parent-page-unreadable',
        message: `database ${db.key}: parent page ${id} ${problem}`,
        hint: 'share the page with the integration in Notion (… menu › Connections › add the integration), restore it from the trash, or fix parent.page_id.',
        ...(db.location ? { location: db.location } : {}),
      });
    }
  }));
  return out.sort((a, b) => a.message.localeCompare(b.message));
}
