import { StalePlanError, UserInputError } from '../errors.js';
import { staleBecause } from './staleness.js';
import type { BasisEntry, Binding, Plan, Step } from '../model/plan.js';

/**
 * `apply --plan` treats a saved plan as data to verify, never as a script: the plan is made
 * again, by the same code path, from the schema file and the live state, and the saved file
 * must say exactly the same. Throws, before any write:
 * - UserInputError (exit 1) when the file lacks what verification needs (schema hash, workspace),
 *   or says something the planner does not (an edited step, request, risk or body);
 * - StalePlanError (exit 3) when the world moved: another workspace, a basis object changed,
 *   appeared or disappeared, the bindings differ, or another notion-schema version made it.
 * On success the caller applies `fresh`, never the file's requests.
 */
export function checkSavedPlan(saved: Plan, fresh: Plan, file: string): void {
  requireVerifiable(saved, file);
  const again = `make it again with \`notion-schema plan --out ${file}\``;
  const ws = fresh.workspace;
  if (ws !== undefined && saved.workspace !== undefined && ws.id !== saved.workspace.id) {
    throw new StalePlanError(
      `plan is stale: it was made for workspace ${workspaceLabel(saved.workspace)}, but the token reaches workspace ${workspaceLabel(ws)}; run plan again against this workspace`,
    );
  }
  const moved = [...basisChanges(saved.basis, fresh.basis), ...bindingChanges(saved.bindings, fresh.bindings)];
  if (moved.length > 0) throw staleBecause(moved);
  const diff = firstDifference(normalise(saved), normalise(fresh), '');
  if (diff === null) return;
  if (saved.tool_version !== fresh.tool_version) {
    throw new StalePlanError(`plan is stale: it was made by notion-schema ${saved.tool_version}, which planned differently (at ${diff}) from this version (${fresh.tool_version}); run plan again`);
  }
  throw new UserInputError(
    `plan file ${file} does not match the plan made now from the same schema file and live state (first difference at ${diff}): it was edited after \`plan\`. Nothing was applied; ${again}`,
  );
}

/** Refuses (exit 1) a saved plan lacking what its verification needs: the schema hash and the workspace. */
export function requireVerifiable(saved: Plan, file: string): void {
  const again = `make it again with \`notion-schema plan --out ${file}\``;
  if (saved.schema_hash === null) throw new UserInputError(`plan file ${file} has no schema_hash, so it cannot be checked against the schema file; ${again}`);
  if (saved.workspace === undefined) {
    throw new UserInputError(`plan file ${file} does not record the workspace it was made for, so apply cannot check it reaches the same one; ${again}`);
  }
}

function workspaceLabel(w: { readonly id: string; readonly name: string | null }): string {
  return w.name !== null ? `"${w.name}" (${w.id})` : w.id;
}

const label = (e: { readonly kind: string; readonly key: string; readonly id: string }): string =>
  `${e.kind === 'database' ? 'database' : 'data source'} ${e.key} (${e.id})`;

/** Objects read at plan time that changed or are gone, and objects that exist now but did not then. */
function basisChanges(saved: readonly BasisEntry[], fresh: readonly BasisEntry[]): string[] {
  const key = (e: BasisEntry): string => `${e.kind}\u0000${e.key}\u0000${e.id}`;
  const now = new Map(fresh.map((e) => [key(e), e] as const));
  const then = new Map(saved.map((e) => [key(e), e] as const));
  const out: string[] = [];
  for (const e of saved) {
    const n = now.get(key(e));
    if (n === undefined) out.push(`${label(e)} is no longer found or bound`);
    else if (n.fingerprint !== e.fingerprint) out.push(`${label(e)} changed`);
  }
  for (const e of fresh) {
    if (!then.has(key(e))) out.push(`${e.kind === 'database' ? 'database' : 'data source'} ${e.key} exists now (${e.id}), but did not when the plan was made`);
  }
  return out;
}

function bindingChanges(saved: readonly Binding[], fresh: readonly Binding[]): string[] {
  const text = (b: Binding): string => `${b.kind}\u0000${b.key}\u0000${b.id}\u0000${b.source}`;
  const now = new Set(fresh.map(text));
  const then = new Set(saved.map(text));
  return [
    ...saved.filter((b) => !now.has(text(b))).map((b) => `the plan binds ${label(b)}, which the lock file and the live state do not give now`),
    ...fresh.filter((b) => !then.has(text(b))).map((b) => `${label(b)} is bound now (${b.source}) but was not when the plan was made`),
  ];
}

/** What must match: steps (without the optional `impact` counts) and requests. */
function normalise(plan: Plan): { steps: unknown[]; requests: unknown[] } {
  const step = (s: Step): unknown => {
    const { impact: _impact, ...rest } = s;
    return rest;
  };
  // Through JSON, as the file went: no undefined-valued keys, only what a plan file can hold.
  return JSON.parse(JSON.stringify({ steps: plan.steps.map(step), requests: plan.requests })) as { steps: unknown[]; requests: unknown[] };
}

/** The JSON path of the first difference between two JSON values (key order ignored), or null. */
export function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (Object.is(a, b)) return null;
  const here = path === '' ? '/' : path;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return here;
  if (Array.isArray(a) !== Array.isArray(b)) return here;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${path}/${i}`;
      const d = firstDifference(a[i], b[i], `${path}/${i}`);
      if (d !== null) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (!Object.hasOwn(ao, k) || !Object.hasOwn(bo, k)) return `${path}/${k}`;
    const d = firstDifference(ao[k], bo[k], `${path}/${k}`);
    if (d !== null) return d;
  }
  return null;
}
