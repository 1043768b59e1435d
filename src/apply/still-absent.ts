import type { NotionClient } from '../notion/types.js';
import { findChildDatabases, findDataSourceInDatabase } from '../notion/lookup.js';
import { compactId, plainText, predates } from './recover.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/**
 * A create refused because its object appeared since the plan was made: another apply (another
 * directory, another CI job) made it meanwhile. Creating it again would duplicate it.
 */
export class AppearedMeanwhileError extends Error {
  constructor(
    readonly kind: 'database' | 'data_source',
    readonly title: string,
    readonly id: string,
  ) {
    super(
      `a ${kind === 'database' ? 'database' : 'data source'} titled "${title}" (${id}) appeared in that place since the plan was made; ` +
      'another apply may be running against this workspace. Not created again: run plan again (it adopts it by title)',
    );
    this.name = 'AppearedMeanwhileError';
  }
}

/**
 * Immediately before a create, checks with the immediately consistent look-up (a page's
 * `child_database` blocks; a database's `data_sources` list) that no object of that title and place
 * exists other than those `known` holds (compact ids bound, read or created by this run). Throws
 * AppearedMeanwhileError when one does. One created more than CREATED_TIME_SLACK_MS ago is not counted (it
 * existed when the plan was made). A look-up that fails is not fatal: the create then reports its own error. A database at the workspace level cannot be checked this way
 * (only search lists it, and search lags): it is created unchecked (docs/cli.md says so).
 */
export async function checkStillAbsent(
  client: NotionClient,
  kind: 'database' | 'data_source',
  body: Obj,
  known: ReadonlySet<string>,
): Promise<void> {
  try {
    await lookUp(client, kind, body, known);
  } catch (err) {
    if (err instanceof AppearedMeanwhileError || err === client.fatalError) throw err;
  }
}

async function lookUp(
  client: NotionClient,
  kind: 'database' | 'data_source',
  body: Obj,
  known: ReadonlySet<string>,
): Promise<void> {
  const title = plainText(body['title']);
  const parent = asObj(body['parent']);
  if (kind === 'database') {
    const pageId = parent['page_id'];
    if (typeof pageId !== 'string') return;
    const now = Date.now();
    // One created well before now existed when the plan was made, which chose to create anyway: not "meanwhile".
    const other = (await findChildDatabases(client, pageId, title)).find((c) => !known.has(compactId(c.id)) && !predates(c, now));
    if (other !== undefined) throw new AppearedMeanwhileError('database', title, other.id);
    return;
  }
  const dbId = parent['database_id'];
  if (typeof dbId !== 'string') return;
  const now = Date.now();
  const ds = await findDataSourceInDatabase(client, dbId, title, { skip: (id) => known.has(compactId(id)), accept: (d) => !predates(d, now) });
  if (ds !== null) throw new AppearedMeanwhileError('data_source', title, ds.id);
}
