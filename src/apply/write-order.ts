import type { PlanRequest, Step } from '../model/plan.js';
import type { IdRef } from '../model/ref.js';
import { isIdRef, refLabel } from '../wire/refs.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The key of a request that must run alone: its far sides are not in the plan (see `writeKeys`). */
export const EXCLUSIVE = '*';

/**
 * The objects a request writes, as keys that compare equal whatever the id's formatting or
 * whether it was a reference in the plan (`lookup` resolves those known by now): the data source it patches, the far side of every relation
 * its body configures (a two-way relation writes its far side too, and so does turning one into
 * a one-way relation), the database it updates. A request that removes a relation property, or
 * changes a relation's type, changes a far side the plan does not name: it gets `EXCLUSIVE`.
 * Invariant: two requests whose key sets intersect (or one of which holds `EXCLUSIVE`) are never
 * in flight together, so Notion never sees two schema writes to one data source at once.
 */
export function writeKeys(req: PlanRequest, steps: ReadonlyMap<string, Step>, lookup: (ref: IdRef) => string | undefined): string[] {
  const keys = new Set<string>();
  const add = (v: unknown): void => {
    const id = isIdRef(v) ? lookup(v) ?? refLabel(v) : v;
    if (typeof id === 'string' && id !== '') keys.add(id.replace(/-/g, '').toLowerCase());
  };
  if (req.endpoint === 'update_data_source' || req.endpoint === 'update_database') add(req.target);
  const body = asObj(req.body);
  const props = [asObj(body['properties']), asObj(asObj(body['initial_data_source'])['properties'])];
  const values = [...props.flatMap((p) => Object.values(p)), ...(req.ref_keyed ?? []).map((e) => e.value)];
  for (const v of values) {
    const rel = asObj(asObj(v)['relation']);
    if ('data_source_id' in rel) add(rel['data_source_id']);
  }
  for (const id of req.steps) {
    const s = steps.get(id);
    if (s?.kind === 'remove_property' && s.property_type === 'relation') keys.add(EXCLUSIVE);
    if (s?.kind === 'change_property_type' && s.from_type === 'relation') keys.add(EXCLUSIVE);
  }
  return [...keys];
}

/**
 * Holds write keys for requests in flight. `acquire` waits until none of the keys is held (and no
 * `EXCLUSIVE` holder runs; an `EXCLUSIVE` request waits for every holder), then takes them all at once,
 * so no two holders ever share a key and no waiter holds a part while waiting (no deadlock).
 */
export class WriteKeyLock {
  private readonly held = new Map<string, number>();
  private waiters: (() => void)[] = [];

  private free(keys: readonly string[]): boolean {
    if (this.held.size > 0 && (keys.includes(EXCLUSIVE) || this.held.has(EXCLUSIVE))) return false;
    return keys.every((k) => !this.held.has(k));
  }

  async acquire(keys: readonly string[]): Promise<() => void> {
    const unique = [...new Set(keys)];
    while (!this.free(unique)) await new Promise<void>((resolve) => this.waiters.push(resolve));
    for (const k of unique) this.held.set(k, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const k of unique) this.held.delete(k);
      const wake = this.waiters;
      this.waiters = [];
      for (const w of wake) w();
    };
  }

  /** Keys held now (tests). */
  get size(): number {
    return this.held.size;
  }
}
