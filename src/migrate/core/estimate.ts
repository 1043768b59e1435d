/**
 * Request and time estimates of a migration. Pure; the counts come from the same queries the
 * run makes (run/count.ts).
 */

/** Results per query page (the API maximum). */
export const PAGE_SIZE = 100;

/** Queries to read `n` results: one per 100, and one even when there are none. */
export function queriesFor(n: number): number {
  return Math.max(1, Math.ceil(n / PAGE_SIZE));
}

export interface PassCost {
  /** Pages the pass rewrites. */
  readonly writes: number;
  /** Pages its queries return (for conversions: every page with a value, also those already converted). */
  readonly scanned: number;
  /** Re-reads until nothing is left: a shrinking query (option passes: 1 empty query) or a full re-scan (conversions). */
  readonly verifyScans: number;
  /** Data-source GETs and PATCHes. */
  readonly schemaRequests: number;
}

/** Totals over passes, and the duration at `rate` requests per second. */
export function totalCost(passes: readonly PassCost[], rate: number): { queries: number; schemaRequests: number; writes: number; requests: number; seconds: number } {
  let queries = 0;
  let schemaRequests = 0;
  let writes = 0;
  for (const p of passes) {
    queries += queriesFor(p.scanned) + p.verifyScans;
    schemaRequests += p.schemaRequests;
    writes += p.writes;
  }
  const requests = queries + schemaRequests + writes;
  return { queries, schemaRequests, writes, requests, seconds: rate > 0 ? requests / rate : Infinity };
}
