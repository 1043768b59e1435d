import { expect } from 'vitest';
import type { Plan } from '../../src/model/index.js';

/** Asserts the documented invariants of a plan file (src/model/plan.ts). */
export function expectPlanInvariants(plan: Plan): void {
  const stepIndex = new Map(plan.steps.map((s, i) => [s.id, i]));
  expect(stepIndex.size, 'step ids are unique').toBe(plan.steps.length);
  plan.steps.forEach((s, i) => {
    expect(s.id).toBe(`s${i + 1}`);
    for (const d of s.depends_on) {
      expect(stepIndex.get(d), `${s.id} depends on earlier step ${d}`).toBeLessThan(i);
    }
  });
  const carried = new Map<string, number>();
  plan.requests.forEach((r, i) => {
    expect(r.id).toBe(`r${i + 1}`);
    expect(['create_view', 'update_view', 'delete_view', 'create_database', 'update_database', 'create_data_source', 'update_data_source']).toContain(r.endpoint);
    expect(r.target === undefined).toBe(r.method === 'POST');
    expect(r.steps.length).toBeGreaterThan(0);
    for (const s of r.steps) carried.set(s, (carried.get(s) ?? 0) + 1);
    for (const d of r.depends_on) expect(Number(d.slice(1)), `${r.id} depends on earlier ${d}`).toBeLessThan(i + 1);
  });
  for (const s of plan.steps) {
    const none = s.kind === 'manual' || s.kind === 'migrate_values';
    expect(carried.get(s.id) ?? 0, `${s.id} (${s.kind}) is carried by ${none ? 'no' : 'exactly one'} request`).toBe(none ? 0 : 1);
  }
  // Every request carrying a step that depends on another step's request comes after it.
  const requestOf = new Map<string, number>();
  plan.requests.forEach((r, i) => r.steps.forEach((s) => requestOf.set(s, i)));
  for (const s of plan.steps) {
    for (const d of s.depends_on) {
      const a = requestOf.get(s.id);
      const b = requestOf.get(d);
      if (a !== undefined && b !== undefined && a !== b) expect(b, `${s.id} after ${d}`).toBeLessThan(a);
    }
  }
  expect(plan.summary.requests).toBe(plan.requests.length);
  expect(plan.summary.has_changes).toBe(plan.steps.length > 0);
  expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
}
