import type { Diagnostic, DesiredState, LiveState, Plan, PropertyType, Step } from '../model/index.js';
import { queryDataSource, type QueryBody } from '../notion/endpoints.js';
import { toDashedId } from '../notion/ids.js';
import type { NotionClient } from '../notion/types.js';
import { readLiveState } from '../notion/read-live-state.js';
import { checkParentPages } from '../notion/check-parents.js';
import { readLockFile } from '../notion/lock-file.js';
import { readWorkspace } from '../notion/workspace.js';
import { buildPlan } from '../plan/index.js';
import { countMigrations } from './count-migrations.js';

export interface CreatePlanArgs {
  readonly client: NotionClient;
  readonly desired: DesiredState;
  readonly lockPath: string;
  readonly toolVersion: string;
  /** Count, per destructive step, the pages whose values would be lost (costs query requests). */
  readonly impact?: boolean;
  /**
   * Record the workspace the token reaches (one `GET /v1/users/me`): for plans that are saved
   * (`plan --out`, `--json`) and for re-making a saved plan to verify it. Default false.
   */
  readonly identifyWorkspace?: boolean;
  /**
   * Fingerprint every data source read (the staleness basis `apply` checks). Default true; false
   * only for a plan that is shown and dropped (`plan` without `--out`/`--json`): its basis then
   * holds `''`, and renderJson refuses to write it.
   */
  readonly fingerprints?: boolean;
  /** Upper bound on query pages (of 100 rows) per destructive step; the count is `capped` beyond. Default 100. */
  readonly impactMaxPages?: number;
}

export interface CreatePlanResult {
  readonly plan: Plan;
  /** Loader-independent warnings: live-state reading and planning. */
  readonly warnings: readonly Diagnostic[];
  /** Planning errors (e.g. a `renamed_from` matching nothing): the plan must not be applied. */
  readonly errors: readonly Diagnostic[];
  /** Query requests spent on `impact`, 0 without it. */
  readonly impactRequests: number;
  /** The live state the plan was made from (apply records its property ids when nothing changes). */
  readonly live: LiveState;
}

/**
 * The `plan` pipeline, free of argv and stdout: reads the lock file and the live state,
 * builds the plan, and optionally counts the impact of destructive steps.
 */
export async function createPlan(args: CreatePlanArgs): Promise<CreatePlanResult> {
  const lock = await readLockFile(args.lockPath);
  const workspace = args.identifyWorkspace === true ? await readWorkspace(args.client) : undefined;
  const { live, warnings: readWarnings } = await readLiveState(args.client, args.desired, lock, { fingerprints: args.fingerprints ?? true });
  const built = buildPlan({
    desired: args.desired, live, toolVersion: args.toolVersion,
    notionVersion: args.client.notionVersion, target: args.client.target, ...(workspace !== undefined ? { workspace } : {}),
  });
  const { diagnostics } = built;
  // Data migrations are counted (pages, requests, time) with the queries they will run; refusals are errors.
  const counted = await countMigrations(args.client, built.plan, args.desired);
  const plan = counted.plan;
  const errors = [
    ...diagnostics.filter((d) => d.severity === 'error'), ...unreadableRelationTargets(plan, live, args.desired), ...counted.errors,
    ...(await checkParentPages(args.client, args.desired, live)),
  ];
  const warnings = [...readWarnings, ...diagnostics.filter((d) => d.severity === 'warning'), ...counted.warnings];
  if (!args.impact) return { plan, warnings, errors, impactRequests: 0, live };
  const dsIds = new Map<string, string>();
  for (const [ref, v] of live.data_sources) dsIds.set(ref, v.live.id);
  const typeOf = new Map<string, PropertyType>();
  for (const [ref, v] of live.data_sources) for (const p of v.live.properties) typeOf.set(`${ref}\u0000${p.id}`, p.config.type);
  let requests = 0;
  const steps: Step[] = [];
  for (const step of plan.steps) {
    const trashed = step.kind === 'remove_data_source' ? [step.data_source_id]
      : step.kind === 'remove_database' ? live.removed?.databases.get(step.database)?.data_source_ids ?? [] : null;
    if (trashed !== null) {
      // A removal takes every page of its data sources to the trash.
      const impact = { pages: 0, capped: false };
      for (const id of trashed) {
        const c = await countPages(args.client, id, null, args.impactMaxPages ?? 100);
        requests += c.requests;
        impact.pages += c.pages;
        impact.capped ||= c.capped;
      }
      steps.push({ ...step, impact });
      continue;
    }
    const dsId = step.data_source !== undefined ? dsIds.get(step.data_source) : undefined;
    const type = step.property_id !== undefined ? typeOf.get(`${step.data_source}\u0000${step.property_id}`) : undefined;
    const filter = step.risk === 'destructive' && dsId && step.property_id && type ? impactFilter(step, step.property_id, type) : null;
    if (!filter || !dsId) { steps.push(step); continue; }
    const counted = await countPages(args.client, dsId, filter, args.impactMaxPages ?? 100);
    requests += counted.requests;
    steps.push({ ...step, impact: { pages: counted.pages, capped: counted.capped } });
  }
  return { plan: { ...plan, steps }, warnings, errors, impactRequests: requests, live };
}

/** The query filter selecting pages that hold a value the step removes, or null when the API cannot filter it. */
export function impactFilter(step: Step, propertyId: string, type: PropertyType): Record<string, unknown> | null {
  if (step.kind === 'remove_options') {
    if (type !== 'select' && type !== 'multi_select' && type !== 'status') return null;
    const op = type === 'multi_select' ? 'contains' : 'equals';
    const or = step.options.map((name) => ({ property: propertyId, [type]: { [op]: name } }));
    return or.length === 1 ? (or[0] ?? null) : { or };
  }
  switch (type) {
    case 'title': case 'rich_text': case 'url': case 'email': case 'phone_number': case 'number': case 'select':
    case 'multi_select': case 'status': case 'date': case 'people': case 'files': case 'relation':
      return { property: propertyId, [type]: { is_not_empty: true } };
    case 'checkbox':
      return { property: propertyId, checkbox: { equals: true } };
    default:
      return null;
  }
}

async function countPages(client: NotionClient, dsId: string, filter: Record<string, unknown> | null, maxPages: number): Promise<{ pages: number; capped: boolean; requests: number }> {
  let pages = 0;
  let requests = 0;
  let cursor: string | null = null;
  for (;;) {
    const resp = await queryDataSource(client, dsId, {
      ...(filter !== null ? { filter: filter as QueryBody['filter'] } : {}), page_size: 100, ...(cursor ? { start_cursor: cursor } : {}),
    });
    requests += 1;
    pages += resp.results.length;
    if (!resp.has_more || !resp.next_cursor) return { pages, capped: false, requests };
    if (requests >= maxPages) return { pages, capped: true, requests };
    cursor = resp.next_cursor;
  }
}

/**
 * A relation the plan would create (or convert to) that targets a data source id the
 * integration cannot read: Notion rejects the whole request carrying it, so say so at plan
 * time, naming the property and how to fix it, instead of failing half-way through apply.
 */
function unreadableRelationTargets(plan: Plan, live: LiveState, desired: DesiredState): Diagnostic[] {
  const readable = new Set<string>([...live.external.keys()].map(toDashedId));
  for (const v of live.data_sources.values()) readable.add(toDashedId(v.live.id));
  const out: Diagnostic[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'add_property' && step.kind !== 'change_property_type') continue;
    const config = step.config;
    if (config.type !== 'relation' || config.target.kind !== 'id') continue;
    const target = toDashedId(config.target.id);
    if (readable.has(target)) continue;
    const location = desired.databases.flatMap((db) => db.data_sources).find((ds) => ds.ref === step.data_source)
      ?.properties.find((p) => p.name === step.property)?.location;
    out.push({
      severity: 'error',
      code: 'relation-target-unreadable',
      message: `relation "${step.property}" of ${step.data_source} targets data source ${target}, which the integration cannot read`,
      hint: `share that data source's database with the integration (… menu › Connections), or fix the id; Notion would reject the request that creates this relation.`,
      ...(location ? { location } : {}),
    });
  }
  return out;
}
