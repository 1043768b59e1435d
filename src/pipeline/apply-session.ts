import { applyPlan, checkSafety, defaultServices, recoverInterruptedApply, type ApplyEventListener, type RecoveredObject } from '../apply/index.js';
import { acquireApplyLock } from '../apply/apply-lock.js';
import { recordUnchanged } from '../apply/lock-store.js';
import { checkSavedPlan, requireVerifiable } from '../apply/plan-integrity.js';
import { checkPlanOrigin } from '../apply/staleness.js';
import { StalePlanError, UserInputError } from '../errors.js';
import type { ApplyResult } from '../model/apply.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { NotionClient } from '../notion/types.js';
import { withReadCache } from '../notion/read-cache.js';
import { createPlan } from './create-plan.js';
import type { ProjectLayout } from './project.js';
import { checkPromotion, recordApplied, type PromotionRule } from './promotion.js';

/** What to apply: the schema file (planned in this session) or a saved plan (verified first). */
export type ApplySource =
  | { readonly kind: 'schema'; readonly desired: DesiredState; readonly impact?: boolean }
  | {
      readonly kind: 'saved';
      readonly plan: Plan;
      /** sha256 of the schema file on disk now (null when absent): a plan from another version is stale. */
      readonly schemaHash: string | null;
      /**
       * The desired state, only when the file on disk is the one the plan was made from: the plan
       * is made again from it and must match the saved one (without it, the saved plan is refused).
       */
      readonly desired?: DesiredState;
      /** The plan file as the user named it, for messages. */
      readonly file?: string;
    };

export interface ApplySessionOptions {
  readonly client: NotionClient;
  readonly layout: ProjectLayout;
  readonly source: ApplySource;
  readonly toolVersion: string;
  readonly allowDestructive: boolean;
  readonly skipManual: boolean;
  /** `--migrate-data`: run data migrations (`migrate_values` steps). Default false. */
  readonly migrateData?: boolean;
  readonly concurrency?: number;
  /** Called once with the plan as soon as it is known (also when it has no changes), before the safety rules. */
  readonly show?: (plan: Plan, warnings: readonly Diagnostic[]) => Promise<void> | void;
  /**
   * Called with the plan after the safety rules pass, before anything is written; resolves true
   * to go on. A plan made in this session whose confirmation took longer than `freshForMs` is
   * re-read (staleness check) before the first write.
   */
  readonly confirm: (plan: Plan) => Promise<boolean>;
  readonly onEvent?: ApplyEventListener;
  /** Told about each object an interrupted earlier apply had created (bound in the lock file now). */
  readonly onRecovered?: (r: RecoveredObject) => void;
  /** Default 5 s. */
  readonly freshForMs?: number;
  /**
   * Aborted on the first SIGINT/SIGTERM: before the first write the session ends as `interrupted` with
   * nothing changed; during execution nothing new starts, in-flight requests finish and the result says so.
   */
  readonly interrupt?: AbortSignal;
  /**
   * Environments only: record `last_applied` (the schema hash) in the lock file when the session
   * ends with the workspace matching the file (applied and verified, or nothing to change).
   */
  readonly recordApplied?: boolean;
  /** `requires:` of the environment: checked before a plan with changes is confirmed (BlockedError). */
  readonly promotion?: PromotionRule;
}

/** How an apply session ended (errors that stop it are thrown: UserInputError, BlockedError, StalePlanError, API errors). */
export type ApplySessionOutcome =
  | { readonly kind: 'plan_errors'; readonly errors: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] }
  | { readonly kind: 'no_changes'; readonly plan: Plan; readonly warnings: readonly Diagnostic[] }
  | { readonly kind: 'cancelled'; readonly plan: Plan }
  /** A signal arrived before anything was written. */
  | { readonly kind: 'interrupted'; readonly plan: Plan | null }
  | { readonly kind: 'applied'; readonly plan: Plan; readonly result: ApplyResult };

/**
 * The one apply use case, shared by the CLI, the Action and the library:
 * guard (one apply per project) → recovery from an interrupted apply's journal → plan (or the
 * saved plan) → safety rules → `confirm` → execute → verify. The guard is always released.
 */
export async function applySession(options: ApplySessionOptions): Promise<ApplySessionOutcome> {
  const release = acquireApplyLock(options.layout.stateDir);
  // Every object read or written is remembered, so verification re-reads only what no response covered.
  const opts: ApplySessionOptions = { ...options, client: withReadCache(options.client) };
  const sessionStart = opts.client.stats.requests;
  try {
    const recovered = await recoverInterruptedApply({
      client: opts.client, journalDir: opts.layout.journalDir, lockPath: opts.layout.lockPath, services: defaultServices,
    });
    for (const r of recovered) opts.onRecovered?.(r);
    if (interrupted(opts)) return { kind: 'interrupted', plan: null };
    const resolved = await resolvePlan(opts, recovered.length);
    if (interrupted(opts)) return { kind: 'interrupted', plan: 'plan' in resolved ? resolved.plan : null };
    if ('errors' in resolved) return { kind: 'plan_errors', ...resolved };
    const { plan, warnings, desired, schemaHash, planned } = resolved;
    await opts.show?.(plan, warnings);
    if (plan.steps.length === 0) {
      // Nothing to change, but adoptions and property ids are still recorded (the lock file is the state).
      if (resolved.live !== undefined && desired !== undefined) await recordUnchanged(opts.layout.lockPath, plan, desired, resolved.live);
      if (opts.recordApplied === true && schemaHash !== null) await recordApplied(opts.layout.lockPath, schemaHash, { unlessSame: true });
      return { kind: 'no_changes', plan, warnings };
    }
    if (opts.promotion !== undefined) await checkPromotion(opts.promotion, schemaHash, plan.schema_file ?? 'the schema file');
    checkSafety(plan, { allowDestructive: opts.allowDestructive, skipManual: opts.skipManual, migrateData: opts.migrateData === true });
    const asked = Date.now();
    if (!(await opts.confirm(plan))) return { kind: 'cancelled', plan };
    if (interrupted(opts)) return { kind: 'interrupted', plan };
    // A plan made in this session from reads a moment ago needs no second read, unless the user took a while.
    const fresh = planned && Date.now() - asked <= (opts.freshForMs ?? 5000);
    const result = await applyPlan(plan, {
      client: opts.client,
      lockPath: opts.layout.lockPath,
      schemaHash,
      ...(desired !== undefined ? { desired } : {}),
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
      allowDestructive: opts.allowDestructive,
      skipManual: opts.skipManual,
      migrateData: opts.migrateData === true,
      stateDir: opts.layout.stateDir,
      journalDir: opts.layout.journalDir,
      skipStalenessCheck: fresh,
      ...(opts.onEvent !== undefined ? { onEvent: opts.onEvent } : {}),
      ...(opts.interrupt !== undefined ? { interrupt: opts.interrupt } : {}),
    });
    if (opts.recordApplied === true && schemaHash !== null && result.ok && result.interrupted !== true) await recordApplied(opts.layout.lockPath, schemaHash);
    // The summary counts every request of the session: the plan's reads too, not only the apply's.
    return { kind: 'applied', plan, result: { ...result, requests: opts.client.stats.requests - sessionStart } };
  } finally {
    release();
  }
}

/** A function, not a property test: TypeScript would otherwise narrow `aborted` to false after the first check. */
const interrupted = (opts: ApplySessionOptions): boolean => opts.interrupt?.aborted === true;

async function resolvePlan(opts: ApplySessionOptions, recovered: number): Promise<{
  plan: Plan; warnings: readonly Diagnostic[]; desired: DesiredState | undefined; schemaHash: string | null; planned: boolean; live?: LiveState;
} | { errors: readonly Diagnostic[]; warnings: readonly Diagnostic[] }> {
  const src = opts.source;
  if (src.kind === 'saved') return verifySaved(opts, src, recovered);
  const made = await createPlan({
    client: opts.client, desired: src.desired, lockPath: opts.layout.lockPath, toolVersion: opts.toolVersion,
    ...(src.impact === true ? { impact: true } : {}),
  });
  if (made.errors.length > 0) return { errors: made.errors, warnings: made.warnings };
  return { plan: made.plan, warnings: made.warnings, desired: src.desired, schemaHash: src.desired.hash, planned: true, live: made.live };
}

/**
 * A saved plan is data to verify, not a script: it is made again from the schema file and the
 * live state by the same code path, and must match; the plan made now is the one applied
 * (its requests, its risks, its bindings), never the file's. Nothing is written before this passes.
 */
async function verifySaved(opts: ApplySessionOptions, src: Extract<ApplySource, { kind: 'saved' }>, recovered: number): Promise<{
  plan: Plan; warnings: readonly Diagnostic[]; desired: DesiredState; schemaHash: string | null; planned: boolean; live?: LiveState;
} | { errors: readonly Diagnostic[]; warnings: readonly Diagnostic[] }> {
  const file = src.file ?? 'the plan file';
  requireVerifiable(src.plan, file);
  checkPlanOrigin(src.plan, opts.client, src.schemaHash);
  if (recovered > 0) {
    throw new StalePlanError('plan is stale: an earlier apply was interrupted after creating objects the plan would create again; run plan again');
  }
  if (src.desired === undefined) {
    throw new UserInputError(`${file} can only be applied with the schema file it was made from, to verify it against; name it: \`notion-schema apply FILE --plan PLAN\``);
  }
  const made = await createPlan({
    client: opts.client, desired: src.desired, lockPath: opts.layout.lockPath, toolVersion: opts.toolVersion, identifyWorkspace: true,
  });
  if (made.errors.length > 0) return { errors: made.errors, warnings: made.warnings };
  checkSavedPlan(src.plan, made.plan, file);
  return { plan: made.plan, warnings: made.warnings, desired: src.desired, schemaHash: src.schemaHash, planned: true, live: made.live };
}
