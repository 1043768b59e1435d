import { diff } from '../diff/index.js';
import type {
  BasisEntry, Binding, DesiredState, Diagnostic, LiveState, Plan, PlanRequest, Step, WorkspaceIdentity,
} from '../model/index.js';
import { PLAN_FORMAT_VERSION } from '../model/index.js';
import { stepReason } from '../render/step-reason.js';
import { encodeBody, encodeContext, requestHead } from './encode.js';
import { orderSteps, type Ordered } from './order.js';
import type { PlannedStep } from './planned.js';
import { planSteps } from './steps.js';
import { summarize } from './summary.js';

export { summarize } from './summary.js';
export { summaryLine, renderText, type TextStyle, PLAIN_STYLE, renderMarkdown, renderJson } from '../render/index.js';

export interface BuildPlanInput {
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly toolVersion: string;
  readonly notionVersion: string;
  /** `"local"` or the API base URL; never a token. */
  readonly target: string;
  /** The workspace the token reaches, when known (recorded in the plan). */
  readonly workspace?: WorkspaceIdentity;
}

/**
 * Diffs the desired and live states and orders the changes into a plan: steps (reading and
 * execution order) and the fewest API requests that carry them. Pure, in passes over plain data:
 * diff → `planSteps` → `orderSteps` → `encode` (one encoder per step kind).
 * Errors (e.g. a `renamed_from` matching nothing) come back in `diagnostics`; the plan is still built
 * so it can be shown, but must not be applied.
 */
export function buildPlan(input: BuildPlanInput): { plan: Plan; diagnostics: Diagnostic[] } {
  const { desired, live } = input;
  const result = diff(desired, live);
  const planned = planSteps(result, live);
  const ordered = orderSteps(planned);
  const { steps, requests } = encodePlan(planned, ordered, desired, live);
  const plan: Plan = {
    format_version: PLAN_FORMAT_VERSION,
    tool_version: input.toolVersion,
    schema_file: desired.file === '' ? null : desired.file,
    schema_hash: desired.hash === '' ? null : desired.hash,
    notion_version: input.notionVersion,
    target: input.target,
    ...(input.workspace !== undefined ? { workspace: input.workspace } : {}),
    ...bindingsAndBasis(live),
    steps,
    requests,
    warnings: result.diagnostics.filter((x) => x.severity === 'warning'),
    summary: summarize(steps, requests.length),
  };
  return { plan, diagnostics: [...result.diagnostics] };
}

const byNumber = (a: string, b: string): number => Number(a.slice(1)) - Number(b.slice(1));

/** Numbers the steps and requests, and encodes every request body from its steps. */
function encodePlan(planned: readonly PlannedStep[], ordered: Ordered, desired: DesiredState, live: LiveState): { steps: Step[]; requests: PlanRequest[] } {
  const stepId = new Map<number, string>();
  ordered.order.forEach((i, pos) => stepId.set(i, `s${pos + 1}`));
  const idOf = (i: number): string => stepId.get(i) ?? '?';
  const requestOf = new Map<number, string>();
  ordered.groups.forEach((g, n) => { for (const i of g.steps) requestOf.set(i, `r${n + 1}`); });

  const stepAt = new Map<number, Step>();
  const steps: Step[] = ordered.order.map((i) => {
    const p = planned[i] as PlannedStep;
    const deps = new Set((ordered.deps[i] ?? []).map(idOf));
    if (p.owner !== undefined && requestOf.get(i) !== requestOf.get(p.owner)) deps.add(idOf(p.owner));
    const synced = ordered.syncedOf.get(i);
    const fields = { ...p.fields, ...(synced !== undefined ? { synced_of: idOf(synced) } : {}) };
    const step = { id: idOf(i), ...fields, reason: stepReason(fields), depends_on: [...deps].sort(byNumber) } as Step;
    stepAt.set(i, step);
    return step;
  });

  const refs = new Set(desired.databases.flatMap((db) => db.data_sources.map((ds) => ds.ref)));
  const ctx = encodeContext(live, refs);
  const requests: PlanRequest[] = ordered.groups.map((g, n) => {
    const id = `r${n + 1}`;
    const members = g.steps.map((i) => stepAt.get(i) as Step);
    const deps = new Set<string>();
    for (const i of g.steps) {
      const owner = planned[i]?.owner;
      for (const d of [...(ordered.deps[i] ?? []), ...(owner !== undefined ? [owner] : [])]) {
        const r = requestOf.get(d);
        if (r !== undefined && r !== id) deps.add(r);
      }
    }
    const head = requestHead(g.slot, ctx);
    const create = members.find((s) => s.kind === 'create_database' || s.kind === 'create_data_source');
    const creates: PlanRequest['creates'] = create?.kind === 'create_database'
      ? { kind: 'database', database: create.database, data_source: create.initial_data_source }
      : create?.kind === 'create_data_source' ? { kind: 'data_source', data_source: create.data_source } : undefined;
    return {
      id, ...head, ...encodeBody(g.slot, members, ctx),
      steps: members.map((s) => s.id), depends_on: [...deps].sort(byNumber),
      ...(creates ? { creates } : {}),
      idempotent: head.method === 'PATCH' && !members.some((s) => s.kind === 'remove_property'),
    };
  });
  return { steps, requests };
}

/** How each key resolved, and the fingerprint of every live object read (the staleness basis). */
function bindingsAndBasis(live: LiveState): { bindings: Binding[]; basis: BasisEntry[] } {
  const bindings: Binding[] = [];
  const basis: BasisEntry[] = [];
  for (const [key, v] of live.databases) {
    if (v.source !== 'none') bindings.push({ kind: 'database', key, id: v.live.id, source: v.source });
    basis.push({ kind: 'database', key, id: v.live.id, fingerprint: v.live.fingerprint });
  }
  for (const [key, v] of live.data_sources) {
    if (v.source !== 'none') bindings.push({ kind: 'data_source', key, id: v.live.id, source: v.source });
    basis.push({ kind: 'data_source', key, id: v.live.id, fingerprint: v.live.fingerprint });
  }
  for (const [id, v] of live.external) basis.push({ kind: 'data_source', key: id, id, fingerprint: v.fingerprint });
  // What the plan removes must not have changed since either.
  for (const [key, v] of live.removed?.databases ?? []) basis.push({ kind: 'database', key, id: v.live.id, fingerprint: v.live.fingerprint });
  for (const [key, v] of live.removed?.data_sources ?? []) basis.push({ kind: 'data_source', key, id: v.id, fingerprint: v.fingerprint });
  return { bindings, basis };
}
