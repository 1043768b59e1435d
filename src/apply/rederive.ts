import { NotionApiError } from '../errors.js';
import type { IdOrRef } from '../model/ref.js';
import type { OptionSpec, PropertyConfig } from '../model/property.js';
import type { PlanRequest, Step } from '../model/plan.js';
import { getDatabase, getDataSource } from '../notion/endpoints.js';
import { saysDoNotRepeat } from '../notion/api-error.js';
import type { NotionClient } from '../notion/types.js';
import { encodeBody } from '../plan/encode.js';
import { databaseRef, dataSourceRef } from '../wire/refs.js';
import type { Journal } from './journal.js';
import { lookupRef, type KnownIds } from './known-ids.js';
import { plainText } from './recover.js';

/**
 * Writes that collided or whose outcome is unknown (issue #14 §3). A 409 `conflict_error` on a
 * PATCH, or a 5xx whose `retry_guidance` says not to repeat the write, is never answered by sending
 * the same body again: the object is re-read, the steps it already shows are dropped, and the
 * request is derived again from the plan's remaining steps through the planner's encoders, with
 * the ids the fresh read shows (options that now exist are named by id). Bounded: at most
 * `REDERIVE_ATTEMPTS` sends in all. When nothing remains, the re-read object is the response.
 */
export const REDERIVE_ATTEMPTS = 4;

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Why a failed PATCH is re-derived, or null when it is not. */
export function rederiveReason(err: unknown): 'conflict' | 'unknown-outcome' | null {
  if (!(err instanceof NotionApiError)) return null;
  if (err.status === 409 && err.code === 'conflict_error') return 'conflict';
  if (err.status >= 500 && saysDoNotRepeat(err)) return 'unknown-outcome';
  return null;
}

/** What `sendUpdate` needs from its run. */
export interface RederiveContext {
  readonly client: NotionClient;
  readonly known: KnownIds;
  readonly journal: Journal;
  /** Resolves a (re-derived) request into the path and body to send. */
  readonly resolve: (req: PlanRequest) => { path: string; body: Obj };
  /** Waits before the re-read (default: a timer); the other write has committed by then. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The wait before re-read n (1-based): 250 ms, doubling; the colliding write has usually committed. */
export const rederiveDelay = (attempt: number): number => 250 * 2 ** (attempt - 1);
const timer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a PATCH request of the plan; after a conflict or an unknown outcome, re-reads its target
 * and derives it again (see above). Throws the last error when the attempts are used up.
 */
export async function sendUpdate(ctx: RederiveContext, req: PlanRequest, steps: ReadonlyMap<string, Step>): Promise<unknown> {
  let current = req;
  for (let attempt = 1; ; attempt++) {
    const { path, body } = ctx.resolve(current);
    try {
      return await ctx.client.request({ method: current.method, path, body, idempotent: current.idempotent, rederive: true });
    } catch (err) {
      const why = rederiveReason(err);
      if (why === null || attempt >= REDERIVE_ATTEMPTS) throw err;
      await (ctx.sleep ?? timer)(rederiveDelay(attempt));
      const fresh = asObj(await readTarget(ctx.client, path, current));
      const pending = current.steps.map((id) => steps.get(id)).filter((s): s is Step => s !== undefined && !inEffect(s, fresh, ctx.known));
      ctx.journal.write({ type: 'rederived', request: req.id, why, attempt, pending: pending.map((s) => s.id) });
      if (pending.length === 0) return fresh;
      current = rederive(current, pending, fresh, ctx.known);
    }
  }
}

async function readTarget(client: NotionClient, path: string, req: PlanRequest): Promise<unknown> {
  const id = path.split('/').pop() ?? '';
  return req.endpoint === 'update_database' ? getDatabase(client, id) : getDataSource(client, id);
}

/** The request again, from `pending` steps (ids refreshed from `fresh`), through the plan's encoders. */
export function rederive(req: PlanRequest, pending: readonly Step[], fresh: Obj, known: KnownIds): PlanRequest {
  const refreshed = pending.map((s) => withFreshOptions(s, fresh));
  const first = refreshed[0];
  const slot = req.endpoint === 'update_database'
    ? { type: 'update_database' as const, database: first?.database ?? '' }
    : { type: 'patch_data_source' as const, data_source: first?.data_source ?? '' };
  const target = (key: string): IdOrRef => known.dataSources.get(key) ?? dataSourceRef(key);
  const encoded = encodeBody(slot, refreshed, {
    target: (ref) => (ref.kind === 'id' ? ref.id : target(ref.key)),
    databaseId: (key) => known.databases.get(key) ?? databaseRef(key),
  });
  const { ref_keyed: _dropped, ...rest } = req;
  return { ...rest, ...encoded, steps: refreshed.map((s) => s.id) };
}

/** The property of `fresh` a step names: by id when the plan knows it, else by name. */
function propertyOf(step: Step, fresh: Obj, known: KnownIds): Obj | null {
  const props = Object.entries(asObj(fresh['properties'])).map(([name, v]): Obj => ({ ...asObj(v), name }));
  const id = 'property_id' in step && typeof step.property_id === 'string'
    ? step.property_id
    : step.kind === 'rename_property' && step.synced_of !== undefined ? lookupRef(known, { $ref: 'synced_property_id', step: step.synced_of }) : undefined;
  if (id !== undefined) return props.find((p) => p['id'] === id) ?? null;
  return props.find((p) => p['name'] === step.property) ?? null;
}

function optionNames(prop: Obj): string[] {
  const conf = asObj(prop[String(prop['type'])]);
  return Array.isArray(conf['options']) ? (conf['options'] as unknown[]).map((o) => String(asObj(o)['name'] ?? '')) : [];
}

/** True when the fresh object already shows the step's effect (sending it again would change nothing or fail). */
function inEffect(step: Step, fresh: Obj, known: KnownIds): boolean {
  const prop = step.property === undefined ? null : propertyOf(step, fresh, known);
  switch (step.kind) {
    case 'add_property': return prop !== null && prop['type'] === step.config.type;
    case 'rename_property': return prop !== null && prop['name'] === step.property;
    case 'remove_property': return prop === null;
    case 'add_options': return prop !== null && step.options.every((o) => optionNames(prop).includes(o.name));
    case 'remove_options': return prop !== null && step.options.every((o) => !optionNames(prop).includes(o));
    case 'remove_database':
    case 'remove_data_source': return fresh['in_trash'] === true;
    case 'restore_database': return fresh['in_trash'] === false;
    case 'update_data_source':
    case 'update_database':
      return step.changes.every((c) => c.field === 'title' && plainText(fresh['title']) === (typeof c.after === 'string' ? c.after : ''));
    default: return false;
  }
}

/** Options the plan adds by name that the fresh read shows now are named by their id. */
function withFreshOptions(step: Step, fresh: Obj): Step {
  if (!('config' in step) || step.config === undefined) return step;
  const config = step.config as PropertyConfig;
  if (config.type !== 'select' && config.type !== 'multi_select' && config.type !== 'status') return step;
  const live = Object.values(asObj(fresh['properties'])).map(asObj).find((p) => p['name'] === step.property || (step.property_id !== undefined && p['id'] === step.property_id));
  if (live === undefined) return step;
  const ids = new Map<string, string>();
  for (const o of asObj(live[String(live['type'])])['options'] as unknown[] ?? []) {
    const opt = asObj(o);
    if (typeof opt['name'] === 'string' && typeof opt['id'] === 'string') ids.set(opt['name'], opt['id']);
  }
  const options = config.options.map((o): OptionSpec => (o.id === undefined && ids.has(o.name) ? { ...o, id: ids.get(o.name) ?? '' } : o));
  return { ...step, config: { ...config, options } } as Step;
}
