import type { Need, PlannedStep, RequestSlot } from './planned.js';
import { PHASE, slotAt } from './planned.js';

/** Pass 2's result: steps in execution order with their dependencies and request groups. */
export interface Ordered {
  /** Indices into the planned steps, in execution (and reading) order. */
  readonly order: readonly number[];
  /** Step index → indices of the steps it depends on. */
  readonly deps: readonly (readonly number[])[];
  /** Step index → final request level. */
  readonly levels: readonly number[];
  /** Step index → index of the relation step whose synced property it names (when that id is known only after apply). */
  readonly syncedOf: ReadonlyMap<number, number>;
  /** Requests in execution order: their slot, level and step indices (in step order). */
  readonly groups: readonly RequestGroup[];
}

export interface RequestGroup {
  readonly slot: RequestSlot;
  readonly level: number;
  readonly steps: readonly number[];
}

const key = (ref: string, name: string): string => `${ref}\u0000${name}`;

function push(map: Map<string, number[]>, k: string, i: number): void {
  const list = map.get(k);
  if (list) list.push(i);
  else map.set(k, [i]);
}

const NOT_SCHEMA = new Set(['create_view', 'update_view', 'remove_view', 'manual', 'migrate_values']);

/** True for a step that creates data source `ref` or writes its schema. */
function schemaStepOf(s: PlannedStep, ref: string): boolean {
  const f = s.fields;
  if (NOT_SCHEMA.has(f.kind)) return false;
  return f.data_source === ref || (f.kind === 'create_database' && f.initial_data_source === ref);
}

/** Resolves every step's `needs` to step indices (excluding itself). */
export function link(steps: readonly PlannedStep[]): { deps: number[][]; syncedOf: Map<number, number> } {
  const writers = new Map<string, number[]>();
  const removals = new Map<string, number[]>();
  const removalById = new Map<string, number>();
  const creates = new Map<string, number>();
  steps.forEach((s, i) => {
    const f = s.fields;
    if (s.writes) push(writers, key(s.writes.ref, s.writes.name), i);
    if (f.kind === 'remove_property') {
      push(removals, key(f.data_source, f.property), i);
      removalById.set(key(f.data_source, f.property_id ?? ''), i);
    }
    if (f.kind === 'create_data_source') creates.set(f.data_source, i);
    if (f.kind === 'create_database' && f.initial_data_source !== '') creates.set(f.initial_data_source, i);
  });
  const settles = (s: PlannedStep): boolean => {
    const f = s.fields;
    return f.kind === 'add_property' || f.kind === 'rename_property' || f.kind === 'change_property_type'
      || (f.kind === 'update_property' && f.changes.some((c) => c.field === 'data_source'));
  };
  const resolve = (n: Need): number[] => {
    switch (n.kind) {
      case 'step': return [n.index];
      case 'create': { const c = creates.get(n.ref); return c === undefined ? [] : [c]; }
      case 'settled':
        return n.except === n.name ? [] : (writers.get(key(n.ref, n.name)) ?? []).filter((i) => settles(steps[i] as PlannedStep));
      case 'renamed':
        return (writers.get(key(n.ref, n.name)) ?? []).filter((i) => steps[i]?.fields.kind === 'rename_property');
      case 'removed': return removals.get(key(n.ref, n.name)) ?? [];
      case 'removed_id': { const r = removalById.get(key(n.ref, n.property_id)); return r === undefined ? [] : [r]; }
      case 'relation': return writers.get(key(n.ref, n.name)) ?? [];
      case 'data_source':
        return steps.flatMap((s, i) => (schemaStepOf(s, n.ref) ? [i] : []));
    }
  };
  const deps = steps.map((s, i) => [...new Set(s.needs.flatMap(resolve))].filter((d) => d !== i));
  const syncedOf = new Map<number, number>();
  steps.forEach((s, i) => {
    const first = s.syncedOf ? writers.get(key(s.syncedOf.ref, s.syncedOf.name))?.[0] : undefined;
    if (first !== undefined) syncedOf.set(i, first);
  });
  return { deps, syncedOf };
}

const FIXED_LEVEL = new Set(['create_database', 'create_data_source', 'update_database', 'manual', 'migrate_values']);
const ENTITY = new Set(['create_database', 'create_data_source']);
const RAISED = new Set(['add_property', 'update_property', 'change_property_type']);

/**
 * Gives every property step the lowest request level its dependencies allow: one above each
 * property step it depends on, at least 1 after a create it depends on. Creates, database
 * updates and manual steps keep their level. Dependencies always raise the level, so the
 * resulting request groups never form cycles. Returns levels and (possibly raised) phases.
 */
export function assignLevels(steps: readonly PlannedStep[], deps: readonly (readonly number[])[]): { levels: number[]; phases: number[] } {
  const levels = steps.map((s) => s.level);
  const phases = steps.map((s) => s.phase);
  const state = new Map<number, 'visiting' | 'done'>();
  const levelOf = (i: number): number => {
    const s = steps[i] as PlannedStep;
    if (state.has(i) || FIXED_LEVEL.has(s.fields.kind)) return levels[i] ?? 0;
    state.set(i, 'visiting');
    for (const d of deps[i] ?? []) {
      const dep = steps[d] as PlannedStep;
      levels[i] = Math.max(levels[i] ?? 0, ENTITY.has(dep.fields.kind) ? 1 : levelOf(d) + 1);
    }
    if ((levels[i] ?? 0) >= 2 && RAISED.has(s.fields.kind)) phases[i] = Math.max(phases[i] ?? 0, PHASE.dependent);
    state.set(i, 'done');
    return levels[i] ?? 0;
  };
  steps.forEach((_, i) => levelOf(i));
  return { levels, phases };
}

/** Keeps the priority order, except that every step comes after the steps it depends on (and its owner). */
function topological(sorted: readonly number[], steps: readonly PlannedStep[], deps: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const visit = (i: number): void => {
    if (seen.has(i)) return;
    seen.add(i);
    for (const d of deps[i] ?? []) visit(d);
    const owner = steps[i]?.owner;
    if (owner !== undefined) visit(owner);
    out.push(i);
  };
  for (const i of sorted) visit(i);
  return out;
}

function slotKey(s: RequestSlot, level: number): string {
  switch (s.type) {
    case 'create_database': return `cdb:${s.database}`;
    case 'update_database': return `udb:${s.database}`;
    case 'create_data_source': return `cds:${s.data_source}`;
    case 'patch_data_source': return `pds:${s.data_source}:${level}`;
    case 'create_view':
    case 'update_view':
    case 'delete_view': return `${s.type}:${s.data_source}\u0000${s.view}`;
  }
}

/**
 * Pass 2 of the planner: dependencies, levels, execution order, and the fewest requests
 * (one per slot and level). Pure; indices refer to `steps`.
 */
export function orderSteps(steps: readonly PlannedStep[]): Ordered {
  const { deps, syncedOf } = link(steps);
  const { levels, phases } = assignLevels(steps, deps);
  const priority = steps.map((_, i) => i)
    .sort((a, b) => (phases[a] ?? 0) - (phases[b] ?? 0) || (levels[a] ?? 0) - (levels[b] ?? 0) || a - b);
  const order = topological(priority, steps, deps);
  const groups = new Map<string, { slot: RequestSlot; level: number; first: number; steps: number[] }>();
  order.forEach((i, pos) => {
    const s = steps[i] as PlannedStep;
    const level = levels[i] ?? 0;
    const slot = slotAt(s, level);
    if (slot === null) return;
    const groupLevel = slot.type === 'patch_data_source' || slot.type.endsWith('_view') ? level : 0;
    const k = slotKey(slot, groupLevel);
    const g = groups.get(k) ?? { slot, level: groupLevel, first: pos, steps: [] };
    g.steps.push(i);
    groups.set(k, g);
  });
  const sorted = [...groups.values()].sort((a, b) => a.level - b.level || a.first - b.first)
    .map(({ slot, level, steps: members }) => ({ slot, level, steps: members }));
  return { order, deps, levels, syncedOf, groups: sorted };
}
