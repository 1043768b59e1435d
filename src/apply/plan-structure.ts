import type { Plan } from '../model/plan.js';
import { refLabel } from '../wire/refs.js';
import { requestRefs } from './executor.js';

/**
 * The structural rules of a plan file that its JSON Schema cannot say (docs/plan-format.md):
 * unique step and request ids; every `depends_on` names an *earlier* step or request (so no
 * cycle can form); every step a request carries exists and is carried once; every reference
 * node names a key the plan binds or creates, or a step of the plan. Pure; returns the problems
 * found (empty when the plan is well formed), at most `max`.
 */
export function planStructureProblems(plan: Plan, max = 10): string[] {
  const out: string[] = [];
  const stepPos = new Map<string, number>();
  plan.steps.forEach((s, i) => {
    if (stepPos.has(s.id)) out.push(`step id ${s.id} is used twice`);
    stepPos.set(s.id, i);
  });
  plan.steps.forEach((s, i) => {
    for (const d of s.depends_on) {
      const at = stepPos.get(d);
      if (at === undefined) out.push(`step ${s.id} depends_on ${d}, which is not a step of the plan`);
      else if (at >= i) out.push(`step ${s.id} depends_on ${d}, which is not an earlier step (a depends_on cycle, or steps out of order)`);
    }
  });
  const reqPos = new Map<string, number>();
  plan.requests.forEach((r, i) => {
    if (reqPos.has(r.id)) out.push(`request id ${r.id} is used twice`);
    reqPos.set(r.id, i);
  });
  const carried = new Map<string, string>();
  const db = (key: string): string => refLabel({ $ref: 'database_id', key });
  const ds = (key: string): string => refLabel({ $ref: 'data_source_id', key });
  const keys = new Set<string>(plan.bindings.map((b) => (b.kind === 'database' ? db(b.key) : ds(b.key))));
  for (const r of plan.requests) {
    if (r.creates?.kind === 'database') keys.add(db(r.creates.database)).add(ds(r.creates.data_source));
    if (r.creates?.kind === 'data_source') keys.add(ds(r.creates.data_source));
  }
  plan.requests.forEach((r, i) => {
    for (const d of r.depends_on) {
      const at = reqPos.get(d);
      if (at === undefined) out.push(`request ${r.id} depends_on ${d}, which is not a request of the plan`);
      else if (at >= i) out.push(`request ${r.id} depends_on ${d}, which is not an earlier request (a depends_on cycle, or requests out of order)`);
    }
    for (const s of r.steps) {
      if (!stepPos.has(s)) out.push(`request ${r.id} carries step ${s}, which is not a step of the plan`);
      const other = carried.get(s);
      if (other !== undefined) out.push(`step ${s} is carried by both ${other} and ${r.id}`);
      carried.set(s, r.id);
    }
    for (const ref of requestRefs(r)) {
      const ok = ref.$ref === 'synced_property_id' ? stepPos.has(ref.step)
        // A property or default view of a data source the plan binds or creates: read at apply time.
        : ref.$ref === 'property_id' || ref.$ref === 'default_view_id' ? keys.has(ds(ref.key))
          : keys.has(refLabel(ref));
      if (!ok) out.push(`request ${r.id} holds the reference ${refLabel(ref)}, which nothing in the plan binds or creates`);
    }
  });
  return out.slice(0, max);
}
