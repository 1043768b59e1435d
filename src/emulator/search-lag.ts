/**
 * Search indexing lag (notion-api.md §5.1, "Search indexing is not immediate"): with a lag of
 * `lagMs`, search leaves out an object created or renamed less than `lagMs` ago. Rename times are
 * kept in memory only (a restarted emulator has indexed everything); creation times come from
 * the stored `created_time`. Invariant: with `lagMs` 0 nothing is ever hidden.
 */
export class SearchLag {
  private readonly renamed = new Map<string, number>();

  constructor(public lagMs = 0, private readonly now: () => number = Date.now) {}

  /** Records that an object's searchable text (its title) changed now. */
  noteRenamed(id: string): void {
    if (this.lagMs <= 0) return;
    this.renamed.set(id, this.now());
    if (this.renamed.size > 10_000) this.prune();
  }

  /** True when search must not return the object yet. */
  hidden(id: string, createdTime: string): boolean {
    if (this.lagMs <= 0) return false;
    const t = this.now();
    const created = Date.parse(createdTime);
    if (Number.isFinite(created) && t - created < this.lagMs) return true;
    const renamed = this.renamed.get(id);
    return renamed !== undefined && t - renamed < this.lagMs;
  }

  private prune(): void {
    const t = this.now();
    for (const [id, at] of this.renamed) if (t - at >= this.lagMs) this.renamed.delete(id);
  }
}
