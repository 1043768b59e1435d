/**
 * The applier: executes a plan against Notion (or the emulator) so that the live schema ends
 * as declared. See `applyPlan`.
 */
import type { ApplyResult } from '../model/apply.js';
import type { Plan } from '../model/plan.js';
import { applyPlan as applyPlanWith, type ApplyOptions as CoreOptions } from './apply-plan.js';
import { defaultServices } from './default-services.js';
import type { ApplyServices } from './services.js';

export type { ApplyEvent, ApplyEventListener } from './events.js';
export type { ApplyServices } from './services.js';
export { checkSafety, manualSteps, manualInstruction, describeStep } from './safety.js';
export { remainingDifferences } from './verify-report.js';
export { defaultServices } from './default-services.js';
export { recoverInterruptedApply, type RecoveredObject } from './journal-recovery.js';
export { defaultJournalDir } from './journal.js';

/** `applyPlan` options; `services` defaults to the real lock file, live reader and planner. */
export type ApplyOptions = Omit<CoreOptions, 'services'> & { readonly services?: ApplyServices };

/**
 * Executes `plan`: origin and safety checks, staleness re-read, requests in dependency order
 * (concurrently where independent), create recovery, lock updates after each create, journal,
 * and verification against `desired` when given.
 * Throws BlockedError/StalePlanError (exit 3) before any write; returns per-step results otherwise.
 */
export function applyPlan(plan: Plan, opts: ApplyOptions): Promise<ApplyResult> {
  return applyPlanWith(plan, { ...opts, services: opts.services ?? defaultServices });
}
