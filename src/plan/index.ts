import { diff } from '../diff/index.js';
import type {
  BasisEntry, Binding, DesiredState, Diagnostic, LiveState, Plan, PlanRequest, Step,
} from '../model/index.js';
import { PLAN_FORMAT_VERSION } from '../model/index.js';
import { buildDrafts } from './build-steps.js';
import type { Draft, RequestSlot } from './drafts.js';
import { slotOf } from './drafts.js';
import { databaseIdOf, dataSourceIdOf } from './placeholders.js';
import { iconBody } from './property-body.js';
import { richText } from './rich-text.js';
import { summarize } from './summary.js';

export { summaryLine, summarize } from './summary.js';
export { renderText, type TextStyle, PLAIN_STYLE } from './render-text.js';
export { renderMarkdown } from './render-markdown.js';
export { renderJson } from './render-json.js';

export interface BuildPlanInput {
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly toolVersion: string;
  readonly notionVersion: string;
  /** `"local"` or the API base URL; never a token. */
  readonly target: string;
}

/**
 * Diffs the desired and live states and orders the changes into a plan: steps (reading and
 * execution order) and the fewest API requests that carry them. Pure.
 * Errors (e.g. a `renamed_from` matching nothing) come back in `diagnostics`; the plan is still built
 * so it can be shown, but must not be applied.
 */
export function buildPlan(input: BuildPlanInput): { plan: Plan; diagnostics: Diagnostic[] } {
  const { desired, live } = input;
  const result = diff(desired, live);
  const drafts = buildDrafts(result, live);
  const order = topological(drafts.map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.phase - b.d.phase || a.d.level - b.d.level || a.i - b.i)
    .map((x) => x.d));
  const ids = new Map<Draft, string>();
  order.forEach((d, i) => ids.set(d, `s${i + 1}`));
  const idOf = (d: Draft): string => {
    const id = ids.get(d);
    if (id === undefined) throw new Error('internal: draft without id');
    return id;
  };

  // Requests: one per (slot, level).
  const slotKey = (s: RequestSlot, level: number): string => {
    switch (s.type) {
      case 'create_database': return `cdb:${s.database}`;
      case 'update_database': return `udb:${s.database}`;
      case 'create_data_source': return `cds:${s.data_source}`;
      case 'patch_data_source': return `pds:${s.data_source}:${level}`;
    }
  };
  interface Group { key: string; slot: RequestSlot; level: number; first: number; drafts: Draft[] }
  const groups = new Map<string, Group>();
  order.forEach((d, i) => {
    const slot = slotOf(d);
    if (slot === null) return;
    const level = slot.type === 'patch_data_source' ? d.level : 0;
    const key = slotKey(slot, level);
    const g = groups.get(key) ?? { key, slot, level, first: i, drafts: [] };
    g.drafts.push(d);
    groups.set(key, g);
  });
  const sortedGroups = [...groups.values()].sort((a, b) => a.level - b.level || a.first - b.first);
  const requestOf = new Map<Draft, string>();
  sortedGroups.forEach((g, i) => { for (const d of g.drafts) requestOf.set(d, `r${i + 1}`); });

  const dbByKey = new Map(desired.databases.map((db) => [db.key, db]));
  const dsByRef = new Map(desired.databases.flatMap((db) => db.data_sources.map((ds) => [ds.ref, ds] as const)));
  const dsId = (ref: string): string => (dsByRef.has(ref) ? live.data_sources.get(ref)?.live.id ?? dataSourceIdOf(ref) : ref);

  const requests: PlanRequest[] = sortedGroups.map((g, i) => {
    const id = `r${i + 1}`;
    const body: Record<string, unknown> = {};
    let method: PlanRequest['method'] = 'PATCH';
    let path: string;
    let creates: PlanRequest['creates'];
    switch (g.slot.type) {
      case 'create_database': {
        const db = dbByKey.get(g.slot.database);
        if (!db) throw new Error('internal: unknown database');
        const initial = db.data_sources[0];
        method = 'POST';
        path = '/v1/databases';
        body['parent'] = db.parent.type === 'workspace' ? { type: 'workspace', workspace: true } : { type: 'page_id', page_id: db.parent.page_id };
        body['title'] = richText(db.title);
        if (db.description !== null) body['description'] = richText(db.description);
        if (db.icon !== null) body['icon'] = iconBody(db.icon);
        body['is_inline'] = db.is_inline;
        body['initial_data_source'] = { properties: {} };
        creates = { kind: 'database', database: db.key, data_source: initial?.ref ?? '' };
        break;
      }
      case 'create_data_source': {
        const ds = dsByRef.get(g.slot.data_source);
        if (!ds) throw new Error('internal: unknown data source');
        const dbKey = ds.ref.slice(0, ds.ref.length - ds.key.length - 1);
        method = 'POST';
        path = '/v1/data_sources';
        body['parent'] = { type: 'database_id', database_id: live.databases.get(dbKey)?.live.id ?? databaseIdOf(dbKey) };
        body['title'] = richText(ds.title);
        if (ds.icon !== null) body['icon'] = iconBody(ds.icon);
        body['properties'] = {};
        creates = { kind: 'data_source', data_source: ds.ref };
        break;
      }
      case 'update_database': {
        const lid = live.databases.get(g.slot.database)?.live.id ?? databaseIdOf(g.slot.database);
        path = `/v1/databases/${lid}`;
        break;
      }
      case 'patch_data_source':
        path = `/v1/data_sources/${dsId(g.slot.data_source)}`;
        break;
    }
    for (const d of g.drafts) d.contribute?.(body, idOf);
    const deps = new Set<string>();
    for (const d of g.drafts) {
      for (const dep of [...d.deps, ...(d.owner ? [d.owner] : [])]) {
        const r = requestOf.get(dep);
        if (r !== undefined && r !== id) deps.add(r);
      }
    }
    const removes = g.drafts.some((d) => d.fields.kind === 'remove_property');
    return {
      id, method, path, body, steps: g.drafts.map(idOf), depends_on: [...deps].sort(byNumber),
      ...(creates ? { creates } : {}), idempotent: method === 'PATCH' && !removes,
    };
  });

  const steps: Step[] = order.map((d) => {
    const deps = new Set<string>();
    for (const dep of d.deps) deps.add(idOf(dep));
    if (d.owner && d.owner !== d && requestOf.get(d) !== requestOf.get(d.owner)) deps.add(idOf(d.owner));
    return { id: idOf(d), ...d.fields, depends_on: [...deps].sort(byNumber) } as Step;
  });

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

  const plan: Plan = {
    format_version: PLAN_FORMAT_VERSION,
    tool_version: input.toolVersion,
    schema_file: desired.file === '' ? null : desired.file,
    schema_hash: desired.hash === '' ? null : desired.hash,
    notion_version: input.notionVersion,
    target: input.target,
    bindings,
    basis,
    steps,
    requests,
    warnings: result.diagnostics.filter((x) => x.severity === 'warning'),
    summary: summarize(steps, requests.length),
  };
  return { plan, diagnostics: [...result.diagnostics] };
}

function byNumber(a: string, b: string): number {
  return Number(a.slice(1)) - Number(b.slice(1));
}

/** Keeps the given priority order, except that every draft comes after the drafts it depends on (and its owner). */
function topological(sorted: readonly Draft[]): Draft[] {
  const out: Draft[] = [];
  const seen = new Set<Draft>();
  const visit = (d: Draft): void => {
    if (seen.has(d)) return;
    seen.add(d);
    for (const dep of d.deps) visit(dep);
    if (d.owner) visit(d.owner);
    out.push(d);
  };
  for (const d of sorted) visit(d);
  return out;
}
