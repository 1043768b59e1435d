import pLimit from 'p-limit';
import { NetworkError, NotionApiError } from '../errors.js';
import type { Plan, PlanRequest, Step } from '../model/plan.js';
import { getDatabase, getDataSource } from '../notion/endpoints.js';
import type { NotionClient } from '../notion/types.js';
import type { ApplyEventListener } from './events.js';
import type { Journal } from './journal.js';
import type { LockStore } from './lock-store.js';
import type { IdRef } from '../model/ref.js';
import { PLAN_ENDPOINTS } from '../wire/plan-endpoints.js';
import { isIdRef, refLabel, refsIn, resolveRefs } from '../wire/refs.js';
import { lookupRef, type KnownIds } from './known-ids.js';
import { compactId, isAmbiguousFailure, isNotCommittedRetryable, recoverCreate } from './recover.js';
import { describeStep } from './safety.js';
import { checkStillAbsent } from './still-absent.js';
import { WriteKeyLock, writeKeys } from './write-order.js';
import { sendUpdate } from './rederive.js';
import { noteCreatedView, resolveViewRefs } from './view-refs.js';

/** The outcome of one request. */
export interface RequestOutcome {
  readonly status: 'applied' | 'failed' | 'skipped';
  readonly message?: string;
}

export interface CreatedObject {
  readonly kind: 'database' | 'data_source';
  readonly key: string;
  readonly id: string;
}

export interface ExecuteContext {
  readonly client: NotionClient;
  readonly plan: Plan;
  readonly concurrency: number;
  /** Filled in as objects are created. */
  readonly known: KnownIds;
  /** Compact ids that exist or are bound: never adopted as a "lost" create. */
  readonly knownCompact: Set<string>;
  /** Compact ids of the databases this run created (nothing else adds data sources to them). */
  readonly createdCompact: Set<string>;
  readonly lock: LockStore;
  readonly journal: Journal;
  readonly emit: ApplyEventListener;
  /** How many times a create is sent at most (first try included). */
  readonly maxCreateAttempts?: number;
  /** Aborted on SIGINT/SIGTERM: no request is launched after it; those in flight finish. */
  readonly interrupt?: AbortSignal;
}

export interface ExecuteOutcome {
  readonly requests: ReadonlyMap<string, RequestOutcome>;
  readonly created: readonly CreatedObject[];
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** A short message for a failed request: status and code for API errors. */
export function errorMessage(err: unknown): string {
  if (err instanceof NotionApiError) return `Notion API ${err.status} ${err.code}: ${err.message}`;
  if (err instanceof NetworkError) return `network error: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

export function requestLabel(req: PlanRequest, steps: ReadonlyMap<string, Step>): string {
  const parts = req.steps.map((id) => {
    const s = steps.get(id);
    return s === undefined ? id : describeStep(s);
  });
  return `${req.id} ${req.method} ${parts.join(', ')}`;
}

/**
 * Sends the plan's requests in dependency order, independent ones concurrently (at most
 * `concurrency` in flight, all through the one client and its shared rate limiter).
 * On the first failure no new request is launched; in-flight ones finish.
 */
export async function executeRequests(ctx: ExecuteContext): Promise<ExecuteOutcome> {
  const { plan } = ctx;
  const steps = new Map(plan.steps.map((s) => [s.id, s] as const));
  const byId = new Map(plan.requests.map((r) => [r.id, r] as const));
  const outcomes = new Map<string, RequestOutcome>();
  const created: CreatedObject[] = [];
  const limit = pLimit(Math.max(1, ctx.concurrency));
  const running = new Map<string, Promise<boolean>>();
  let stopped = false;
  let fatalReported = false;
  // No two writes to one data source (far sides of relations included) are in flight at once.
  const writing = new WriteKeyLock();

  const finish = (req: PlanRequest, outcome: RequestOutcome): boolean => {
    outcomes.set(req.id, outcome);
    const label = requestLabel(req, steps);
    ctx.journal.write({ type: 'request', request: req.id, steps: req.steps, ...outcome });
    ctx.emit({ type: 'request-end', request: req.id, label, ...outcome });
    return outcome.status === 'applied';
  };

  const depsOf = dependencies(plan);
  const position = new Map(plan.requests.map((r, i) => [r.id, i] as const));
  const run = (req: PlanRequest): Promise<boolean> => {
    const existing = running.get(req.id);
    if (existing !== undefined) return existing;
    const p = (async () => {
      const allDeps = depsOf.get(req.id) ?? req.depends_on;
      // Only earlier requests count: a dependency on a later one (a cycle) never succeeds, so no
      // request waits on itself (readPlanFile refuses such plans before this point).
      const deps = await Promise.all(allDeps.map((d) => {
        const dep = byId.get(d);
        return dep === undefined || (position.get(d) ?? Infinity) >= (position.get(req.id) ?? -1) ? Promise.resolve(false) : run(dep);
      }));
      const failedDep = allDeps.find((_, i) => deps[i] !== true);
      if (failedDep !== undefined) {
        return finish(req, { status: 'skipped', message: `dependency ${failedDep} did not succeed` });
      }
      const forbidden = req.steps.find((id) => steps.get(id)?.risk === 'forbidden');
      if (forbidden !== undefined) {
        return finish(req, { status: 'skipped', message: `carries manual step ${forbidden}: never attempted` });
      }
      const release = await writing.acquire(writeKeys(req, steps, (ref) => lookupRef(ctx.known, ref)));
      return limit(async () => {
        if (ctx.interrupt?.aborted === true) return finish(req, { status: 'skipped', message: 'not started: apply was interrupted' });
        if (stopped) return finish(req, { status: 'skipped', message: 'not started: an earlier request failed' });
        ctx.emit({ type: 'request-start', request: req.id, label: requestLabel(req, steps) });
        try {
          await sendOne(ctx, req, steps, created);
          return finish(req, { status: 'applied' });
        } catch (err) {
          stopped = true;
          // A fatal error (401, 403, blocked) ends every request of the run at once (client.ts):
          // reported once, on the request that met it; the others were cut short by it.
          if (err === ctx.client.fatalError && fatalReported) return finish(req, { status: 'skipped', message: 'stopped by the fatal error above' });
          if (err === ctx.client.fatalError) fatalReported = true;
          return finish(req, { status: 'failed', message: errorMessage(err) });
        }
      }).finally(release);
    })();
    running.set(req.id, p);
    return p;
  };

  await Promise.all(plan.requests.map(run));
  return { requests: outcomes, created };
}

/** Every reference a request mentions: in its target, body and reference-keyed entries. */
export function requestRefs(req: PlanRequest): IdRef[] {
  return [
    ...(isIdRef(req.target) ? [req.target] : []),
    ...refsIn(req.body),
    ...(req.ref_keyed ?? []).flatMap((e) => [e.key, ...refsIn(e.value)]),
  ];
}

/**
 * Each request's dependencies: its `depends_on`, plus (defensively) every earlier request that
 * produces an id one of its references needs, so a request never runs before the id exists.
 */
export function dependencies(plan: Plan): Map<string, readonly string[]> {
  const producer = new Map<string, string>();
  for (const req of plan.requests) {
    if (req.creates?.kind === 'database') {
      producer.set(refLabel({ $ref: 'database_id', key: req.creates.database }), req.id);
      producer.set(refLabel({ $ref: 'data_source_id', key: req.creates.data_source }), req.id);
    } else if (req.creates?.kind === 'data_source') {
      producer.set(refLabel({ $ref: 'data_source_id', key: req.creates.data_source }), req.id);
    }
    for (const step of req.steps) producer.set(refLabel({ $ref: 'synced_property_id', step }), req.id);
  }
  const order = new Map(plan.requests.map((r, i) => [r.id, i] as const));
  const out = new Map<string, readonly string[]>();
  for (const req of plan.requests) {
    const deps = new Set(req.depends_on);
    for (const ref of requestRefs(req)) {
      const from = producer.get(refLabel(ref));
      // Only earlier requests: the plan's order is a valid execution order, so no cycle can form.
      if (from !== undefined && from !== req.id && (order.get(from) ?? Infinity) < (order.get(req.id) ?? -1)) deps.add(from);
    }
    out.set(req.id, [...deps]);
  }
  return out;
}

/** The path and body to send: every reference resolved; user text is copied as is, never scanned. */
export function resolveRequest(req: PlanRequest, known: KnownIds): { path: string; body: Obj } {
  const lookup = (ref: IdRef): string | undefined => lookupRef(known, ref);
  const target = req.target === undefined ? '' : String(resolveRefs(req.target, lookup));
  const body = asObj(resolveRefs(req.body, lookup));
  if (req.ref_keyed !== undefined && req.ref_keyed.length > 0) {
    const props: Obj = { ...asObj(body['properties']) };
    for (const e of req.ref_keyed) {
      const key = String(resolveRefs(e.key, lookup));
      Object.defineProperty(props, key, { value: { ...asObj(props[key]), ...asObj(resolveRefs(e.value, lookup)) }, enumerable: true, writable: true, configurable: true });
    }
    body['properties'] = props;
  }
  return { path: PLAN_ENDPOINTS[req.endpoint].path(target), body };
}

const VIEW_ENDPOINTS: ReadonlySet<string> = new Set(['create_view', 'update_view', 'delete_view']);

async function sendOne(ctx: ExecuteContext, req: PlanRequest, steps: ReadonlyMap<string, Step>, created: CreatedObject[]): Promise<void> {
  await resolveSyncedRefs(ctx, req, steps);
  await resolveViewRefs(ctx.client, ctx.known, requestRefs(req));
  const { path, body } = resolveRequest(req, ctx.known);
  // A schema PATCH that collides (409) or whose outcome is unknown is re-read and derived again
  // (rederive.ts); a view request holds no page data and is sent as planned.
  const response = req.creates !== undefined
    ? await createWithRecovery(ctx, req, path, body)
    : VIEW_ENDPOINTS.has(req.endpoint)
      ? await ctx.client.request({ method: req.method, path, ...(req.method !== 'DELETE' ? { body } : {}), idempotent: req.idempotent })
      : await sendUpdate({ client: ctx.client, known: ctx.known, journal: ctx.journal, resolve: (r) => resolveRequest(r, ctx.known) }, req, steps);
  noteCreatedView(ctx.known, req, response);
  if (req.creates !== undefined) await bindCreated(ctx, req, response, created);
  bindSyncedProperties(ctx, req, steps, response);
}

async function createWithRecovery(ctx: ExecuteContext, req: PlanRequest, path: string, body: Obj): Promise<unknown> {
  const kind = req.creates?.kind ?? 'database';
  const attempts = ctx.maxCreateAttempts ?? 3;
  // Narrows the window in which another apply creates the same object (issue 15 case 8).
  // A data source of a database this run created needs no look-up: no other plan knows that database.
  if (!createdHere(ctx, body)) await checkStillAbsent(ctx.client, kind, body, ctx.knownCompact);
  // Journaled before sending: if the process dies with the create in flight, the next apply
  // looks the object up (recoverInterruptedApply) instead of creating it again.
  ctx.journal.write({ type: 'create-sent', request: req.id, kind, creates: req.creates, parent: body['parent'], title: body['title'] });
  const sentAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.client.request({ method: req.method, path, body, idempotent: false });
    } catch (err) {
      if (isAmbiguousFailure(err)) {
        const found = await recoverCreate(ctx.client, kind, body, err, ctx.knownCompact, sentAt);
        ctx.journal.write({ type: 'ambiguous-create', request: req.id, kind, attempt, error: errorMessage(err), found: found === null ? null : String(asObj(found.response)['id'] ?? '') });
        if (found !== null) {
          const id = String(asObj(found.response)['id'] ?? '');
          ctx.journal.write({ type: 'recovered', request: req.id, kind, id, via: found.via });
          ctx.emit({ type: 'recovered', request: req.id, kind, id, via: found.via });
          return found.response;
        }
      } else if (!isNotCommittedRetryable(err)) {
        throw err;
      }
      if (attempt >= attempts) throw err;
    }
  }
}

function createdHere(ctx: ExecuteContext, body: Obj): boolean {
  const dbId = asObj(body['parent'])['database_id'];
  return typeof dbId === 'string' && ctx.createdCompact.has(compactId(dbId));
}

async function bindCreated(ctx: ExecuteContext, req: PlanRequest, response: unknown, created: CreatedObject[]): Promise<void> {
  const c = req.creates;
  if (c === undefined) return;
  const res = asObj(response);
  const id = res['id'];
  if (typeof id !== 'string') throw new Error(`${req.id}: the create response has no id`);
  ctx.knownCompact.add(compactId(id));
  const bindings: CreatedObject[] = [];
  if (c.kind === 'database') {
    ctx.createdCompact.add(compactId(id));
    ctx.known.databases.set(c.database, id);
    bindings.push({ kind: 'database', key: c.database, id });
    let sources = Array.isArray(res['data_sources']) ? (res['data_sources'] as unknown[]).map(asObj) : [];
    if (sources.length === 0) {
      // The database exists: record it before the read below, which may fail.
      await record(ctx, bindings.splice(0), created);
      const db = asObj(await getDatabase(ctx.client, id));
      sources = Array.isArray(db['data_sources']) ? (db['data_sources'] as unknown[]).map(asObj) : [];
    }
    const dsId = sources[0]?.['id'];
    if (typeof dsId !== 'string') throw new Error(`${req.id}: database ${id} was created but lists no data source`);
    ctx.knownCompact.add(compactId(dsId));
    ctx.known.dataSources.set(c.data_source, dsId);
    bindings.push({ kind: 'data_source', key: c.data_source, id: dsId });
  } else {
    ctx.known.dataSources.set(c.data_source, id);
    bindings.push({ kind: 'data_source', key: c.data_source, id });
  }
  await record(ctx, bindings, created);
}

/** Binds created objects in the lock, then reports them. */
async function record(ctx: ExecuteContext, bindings: readonly CreatedObject[], created: CreatedObject[]): Promise<void> {
  // Written before anything else happens, so a crash never loses the id of something that exists.
  await ctx.lock.update(bindings);
  for (const b of bindings) {
    created.push(b);
    ctx.journal.write({ type: 'created', ...b });
    ctx.emit({ type: 'created', ...b });
  }
}

/** A response's `properties[<name>].relation.dual_property.synced_property_id` binds `synced_property_id(STEP)`. */
function bindSyncedProperties(ctx: ExecuteContext, req: PlanRequest, steps: ReadonlyMap<string, Step>, response: unknown): void {
  const props = asObj(asObj(response)['properties']);
  for (const stepId of req.steps) {
    const step = steps.get(stepId);
    if (step === undefined || step.property === undefined) continue;
    const prop = asObj(props[step.property]);
    const synced = asObj(asObj(asObj(prop['relation'])['dual_property']))['synced_property_id'];
    if (typeof synced === 'string') ctx.known.syncedProperties.set(stepId, synced);
  }
}

/**
 * A synced property id not bound by an earlier response (e.g. the relation came with a
 * database create, whose response has no properties): read the data source that holds the relation.
 */
async function resolveSyncedRefs(ctx: ExecuteContext, req: PlanRequest, steps: ReadonlyMap<string, Step>): Promise<void> {
  for (const ref of requestRefs(req)) {
    if (ref.$ref !== 'synced_property_id' || ctx.known.syncedProperties.has(ref.step)) continue;
    const step = steps.get(ref.step);
    const dsId = step?.data_source !== undefined ? ctx.known.dataSources.get(step.data_source) : undefined;
    if (step === undefined || dsId === undefined) continue;
    const ds = await getDataSource(ctx.client, dsId);
    bindSyncedProperties(ctx, { ...req, steps: [ref.step] }, steps, ds);
  }
}
