import type { NotionClient } from '../../notion/types.js';
import type { MigrationEventListener } from '../types.js';

/** Options of `runMigration` and `countMigration`. */
export interface RunOptions {
  /** `.notion-schema` beside the schema file: the journal goes to `<stateDir>/migrations/<id>.jsonl`. */
  readonly stateDir: string;
  /** Page writes in flight at once (the client's rate limiter still paces them). Default PAGE_WRITE_CONCURRENCY. */
  readonly concurrency?: number;
  /** Query rounds after the first that may still find pages to rewrite before giving up. Default 5. */
  readonly maxRounds?: number;
  readonly onEvent?: MigrationEventListener;
}

/**
 * Default page writes in flight. Each writes a different page, and every request still takes a
 * token from the client's bucket, so more in flight never exceeds the rate limit: it only hides
 * latency (4 held the rewrite rate at 0.84 of a 50 r/s limit on a loaded machine; 8 reached 0.92).
 */
export const PAGE_WRITE_CONCURRENCY = 8;

export interface Runtime {
  readonly client: NotionClient;
  readonly concurrency: number;
  readonly maxRounds: number;
  readonly onEvent: MigrationEventListener;
}

export function runtime(client: NotionClient, opts: RunOptions): Runtime {
  return { client, concurrency: opts.concurrency ?? PAGE_WRITE_CONCURRENCY, maxRounds: opts.maxRounds ?? 5, onEvent: opts.onEvent ?? (() => undefined) };
}

/** A migration cannot start or go on; nothing unsafe was written. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(message: string, readonly details: readonly string[] = []) {
    super(message);
  }
}
