import type { DatabaseObjectResponse, SearchResponse } from '@notionhq/client';
import { UserInputError } from '../errors.js';
import type { DatabaseParent } from '../model/common.js';
import type { DesiredDatabase } from '../model/desired.js';
import { getDatabase, searchAll } from './endpoints.js';
import { sameId, toDashedId } from './ids.js';
import { normalizeParent } from './normalize.js';
import { plainText } from './rich-text.js';
import type { NotionClient } from './types.js';

/** True when a live parent (API form) is the desired parent. */
export function sameParent(desired: DatabaseParent, live: unknown): boolean {
  const p = normalizeParent(live);
  if (desired.type === 'workspace') return p.type === 'workspace';
  return p.type === 'page_id' && sameId(p.page_id, desired.page_id);
}

/** The outcome of looking for an existing database to adopt. */
export type AdoptionResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'adopted'; readonly database: DatabaseObjectResponse };

function collectCandidates(results: SearchResponse['results'], db: DesiredDatabase, exclude: ReadonlySet<string>, into: Set<string>): void {
  for (const r of results) {
    if ((r as { object?: unknown }).object !== 'data_source') continue;
    const ds = r as { parent?: { database_id?: unknown }; database_parent?: unknown; in_trash?: unknown; archived?: unknown };
    if (ds.in_trash === true || ds.archived === true) continue;
    const dbId = ds.parent?.database_id;
    if (typeof dbId !== 'string') continue;
    if (ds.database_parent !== undefined && !sameParent(db.parent, ds.database_parent)) continue;
    const id = toDashedId(dbId);
    if (!exclude.has(id)) into.add(id);
  }
}

/**
 * Finds an existing database with the desired title under the desired parent, through
 * POST /v1/search (data sources, since search never returns database containers).
 * Candidates are the distinct parent databases of matching data sources; each is read once
 * (GET /v1/databases/{id}) to compare its title and parent. The response of the adopted
 * database is returned, so the caller does not read it again.
 * More than one match is an error listing them; `exclude` holds ids already bound to other keys.
 */
export async function findDatabaseToAdopt(
  client: NotionClient,
  db: DesiredDatabase,
  exclude: ReadonlySet<string>,
  getDb: (id: string) => Promise<DatabaseObjectResponse> = (id) => getDatabase(client, id),
): Promise<AdoptionResult> {
  // Search matches data source titles: the database title first, then (only while nothing
  // matches) the titles of the desired data sources. Each candidate database is read once.
  const checked = new Set<string>();
  const matches: DatabaseObjectResponse[] = [];
  const queries = [...new Set([db.title, ...db.data_sources.map((d) => d.title)])];
  for (const query of queries) {
    const candidates = new Set<string>();
    collectCandidates(await searchAll(client, { query, filter: { property: 'object', value: 'data_source' } }), db, exclude, candidates);
    const fresh = [...candidates].filter((id) => !checked.has(id));
    for (const id of fresh) checked.add(id);
    const responses = await Promise.all(fresh.map((id) => getDb(id)));
    for (const resp of responses) {
      if (resp.in_trash !== true && plainText(resp.title) === db.title && sameParent(db.parent, resp.parent)) matches.push(resp);
    }
    if (matches.length > 0) break;
  }
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length > 1) {
    const list = matches.map((m) => `  ${toDashedId(m.id)}${m.url ? ` ${m.url}` : ''}`);
    throw new UserInputError(
      `database ${db.key} ("${db.title}"): ${matches.length} existing databases have this title under the same parent, so it cannot be adopted unambiguously:\n${list.join('\n')}`,
      [{
        severity: 'error',
        code: 'ambiguous-adoption',
        message: `database ${db.key} matches ${matches.length} existing databases: ${matches.map((m) => toDashedId(m.id)).join(', ')}`,
        hint: `bind one of them with \`id:\` under databases.${db.key} in the schema file (or in notion-schema.lock.json), or rename or trash the others.`,
        ...(db.location ? { location: db.location } : {}),
      }],
    );
  }
  const [only] = matches;
  return only ? { kind: 'adopted', database: only } : { kind: 'none' };
}
