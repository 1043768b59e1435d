import pLimit from 'p-limit';
import { NotionApiError } from '../../errors.js';
import type { NotionClient } from '../../notion/types.js';
import type { PageRow } from '../core/cells.js';
import { patchPage, type PagePatch, type QueryBody } from '../paths.js';
import type { MigrationEventListener } from '../types.js';
import type { JournalWriter } from './journal.js';
import { queryAll, type QueryResult } from './query.js';

/** People kept putting the old value back: the migration stops before removing anything. */
export class MigrationIncompleteError extends Error {
  override readonly name = 'MigrationIncompleteError';
  constructor(message: string, readonly remaining: number) {
    super(message);
  }
}

/** One rewrite pass: which pages to read and what each must become. */
export interface RewritePass {
  readonly pass: number;
  readonly dataSourceId: string;
  readonly filter: QueryBody['filter'] | undefined;
  /** Property ids to read (the title is always added). */
  readonly filterProperties: readonly string[];
  /** The write a page needs, or null when it already holds the new value (so it is skipped). */
  rewrite(row: PageRow): PagePatch | null;
  /** The first round's query result when the caller has just made that very query (a preflight). */
  readonly initial?: QueryResult;
}

export interface RewriteContext {
  readonly client: NotionClient;
  readonly journal: JournalWriter;
  /** Pages of this pass recorded by earlier runs. */
  readonly doneBefore: number;
  readonly concurrency: number;
  /** Rounds that still find pages to rewrite, after the first, before giving up. */
  readonly maxRounds: number;
  readonly onEvent: MigrationEventListener;
  /** Clock for the ETA (tests). */
  readonly now?: () => number;
}

export interface RewriteOutcome {
  readonly writes: number;
  readonly rounds: number;
  readonly skipped: readonly string[];
}

const CONFLICT_RETRIES = 3;

/** Writes one page; a 409 (data collision) is retried (the write sets an absolute value). */
async function writePage(client: NotionClient, pageId: string, body: PagePatch): Promise<'written' | 'gone'> {
  for (let attempt = 0; ; attempt++) {
    try {
      await patchPage(client, pageId, body);
      return 'written';
    } catch (err) {
      if (err instanceof NotionApiError && err.status === 404) return 'gone';
      if (err instanceof NotionApiError && err.status === 409 && attempt < CONFLICT_RETRIES) continue;
      throw err;
    }
  }
}

/**
 * Runs a pass in rounds: query everything matching, rewrite the pages that need it (up to
 * `concurrency` in flight, under the client's rate limit), and query again until a complete
 * round finds nothing left to rewrite. Any error other than a vanished page (404) stops new
 * writes at once (401/403 included) and is rethrown once the writes in flight have settled.
 */
export async function runRewritePass(ctx: RewriteContext, pass: RewritePass): Promise<RewriteOutcome> {
  const now = ctx.now ?? (() => performance.now());
  const started = now();
  const skipped: string[] = [];
  let writes = 0;
  let busyRounds = 0;
  for (let round = 1; ; round++) {
    const q = round === 1 && pass.initial !== undefined ? pass.initial : await queryAll(ctx.client, pass.dataSourceId, pass.filterProperties, pass.filter);
    const todo = q.rows.flatMap((row) => {
      const body = pass.rewrite(row);
      return body === null ? [] : [{ row, body }];
    });
    ctx.journal.append({ t: 'round', pass: pass.pass, round, found: q.rows.length, toWrite: todo.length });
    ctx.onEvent({ type: 'round', pass: pass.pass, round, found: q.rows.length, toWrite: todo.length });
    if (todo.length === 0 && !q.capped) return { writes, rounds: round, skipped };
    if (!q.capped && round > 1 && ++busyRounds > ctx.maxRounds) {
      throw new MigrationIncompleteError(
        `after ${round} query rounds, ${todo.length} page(s) still hold the old value (someone keeps setting it); nothing was removed. Run the migration again when the edits stop.`,
        todo.length,
      );
    }
    const total = ctx.doneBefore + writes + todo.length;
    const limit = pLimit(Math.max(1, ctx.concurrency));
    let failure: unknown = null;
    await Promise.all(todo.map(({ row, body }) => limit(async () => {
      if (failure !== null) return;
      try {
        const r = await writePage(ctx.client, row.id, body);
        if (r === 'gone') {
          skipped.push(row.id);
          ctx.onEvent({ type: 'skipped-page', pageId: row.id, reason: 'the page was deleted or moved to the trash meanwhile' });
          return;
        }
      } catch (err) {
        if (failure === null) failure = err;
        return;
      }
      writes++;
      ctx.journal.append({ t: 'page', pass: pass.pass, page: row.id });
      const elapsed = (now() - started) / 1000;
      const done = ctx.doneBefore + writes;
      const rate = elapsed > 0.5 ? writes / elapsed : 0;
      ctx.onEvent({ type: 'progress', pass: pass.pass, done, total, etaSeconds: rate > 0 ? Math.max(0, total - done) / rate : null });
    })));
    if (failure !== null) throw failure;
  }
}
