import type { Plan, Step, StepKind } from '../model/index.js';

/** What happens to one database or data source as a whole. */
export type GroupAction = 'create' | 'update' | 'remove' | 'restore' | 'manual';

/** One step of a group, with the steps that only complete it folded in. */
export interface GroupEntry {
  readonly step: Step;
  /** Steps folded into `step`: a new first data source's title and icon, the name Notion gives the synced property of a relation the plan makes two-way. */
  readonly folded: readonly Step[];
}

/**
 * One block of a grouped plan: a database (its own steps) or a data source (its properties).
 * Invariants: every plan step appears exactly once across all groups, either as an entry or folded;
 * groups are in the order of their first step; entries keep execution order.
 */
export interface PlanGroup {
  readonly kind: 'database' | 'data_source';
  /** `crm` or `crm.contacts` (or a data source id outside the schema file). */
  readonly key: string;
  /** The database key the group belongs to. */
  readonly database: string;
  readonly action: GroupAction;
  readonly entries: readonly GroupEntry[];
}

const DATABASE_KINDS: ReadonlySet<StepKind> = new Set(['create_database', 'update_database', 'remove_database', 'restore_database']);

function groupKey(step: Step): { kind: 'database' | 'data_source'; key: string } {
  if (DATABASE_KINDS.has(step.kind) || step.data_source === undefined) return { kind: 'database', key: step.database };
  return { kind: 'data_source', key: step.data_source };
}

/** The id of the step `step` only completes, or undefined. */
function foldTarget(step: Step, plan: Plan, byId: ReadonlyMap<string, Step>): string | undefined {
  if (step.kind === 'update_data_source' && step.completes_create === true) {
    return plan.steps.find((s) => s.kind === 'create_database' && s.initial_data_source === step.data_source)?.id;
  }
  if (step.kind === 'rename_property' && step.synced?.named_by_notion === true && step.synced_of !== undefined) {
    const host = byId.get(step.synced_of)?.kind;
    return host === 'add_property' || host === 'update_property' ? step.synced_of : undefined;
  }
  return undefined;
}

function actionOf(kind: 'database' | 'data_source', key: string, steps: readonly Step[], plan: Plan): GroupAction {
  const created = plan.steps.some((s) => (kind === 'database'
    ? s.kind === 'create_database' && s.database === key
    : (s.kind === 'create_database' && s.initial_data_source === key) || (s.kind === 'create_data_source' && s.data_source === key)));
  if (created) return 'create';
  if (steps.some((s) => s.kind === 'remove_database' || s.kind === 'remove_data_source')) return 'remove';
  if (steps.some((s) => s.kind === 'restore_database')) return 'restore';
  if (steps.every((s) => s.kind === 'manual')) return 'manual';
  return 'update';
}

/** Groups a plan's steps per database and data source, folding completion steps into their create. */
export function groupPlan(plan: Plan): PlanGroup[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const folded = new Map<string, Step[]>();
  const foldedIds = new Set<string>();
  for (const step of plan.steps) {
    const target = foldTarget(step, plan, byId);
    if (target === undefined) continue;
    folded.set(target, [...(folded.get(target) ?? []), step]);
    foldedIds.add(step.id);
  }
  const order: string[] = [];
  const members = new Map<string, { kind: 'database' | 'data_source'; key: string; steps: Step[] }>();
  for (const step of plan.steps) {
    if (foldedIds.has(step.id)) continue;
    const g = groupKey(step);
    const id = `${g.kind}:${g.key}`;
    if (!members.has(id)) { members.set(id, { ...g, steps: [] }); order.push(id); }
    members.get(id)?.steps.push(step);
  }
  return order.map((id) => {
    const m = members.get(id) as { kind: 'database' | 'data_source'; key: string; steps: Step[] };
    const database = m.steps[0]?.database ?? m.key;
    return {
      kind: m.kind, key: m.key, database, action: actionOf(m.kind, m.key, m.steps, plan),
      entries: m.steps.map((step) => ({ step, folded: folded.get(step.id) ?? [] })),
    };
  });
}
