import { BlockedError } from '../errors.js';
import type { Plan, Step } from '../model/plan.js';

/** What the safety rules allow. */
export interface SafetyOptions {
  readonly allowDestructive: boolean;
  readonly skipManual: boolean;
  /** `--migrate-data`: data migrations (`migrate_values` steps) may rewrite page values. Default false. */
  readonly migrateData?: boolean;
}

/** A one-line human description of a step: kind and target. */
export function describeStep(step: Step): string {
  const view = step.kind === 'create_view' || step.kind === 'update_view' || step.kind === 'remove_view' ? ` view "${step.view}"` : '';
  const target = step.property !== undefined
    ? `${step.data_source ?? step.database}.${step.property}`
    : `${step.data_source ?? step.database}${view}`;
  return `${step.id} ${step.kind} ${target}`;
}

/** Forbidden and manual steps: never attempted. */
export function manualSteps(plan: Plan): Step[] {
  return plan.steps.filter((s) => s.kind === 'manual' || s.risk === 'forbidden');
}

/** What the user must do in the Notion app for a manual/forbidden step. */
export function manualInstruction(step: Step): string {
  return step.kind === 'manual' ? step.instruction : step.reason;
}

/**
 * Applies the safety rules before any write. Throws BlockedError (exit 3) listing:
 * - destructive steps, unless `allowDestructive`;
 * - forbidden/manual steps, unless `skipManual`;
 * - data migrations, unless `migrateData` (or `skipManual`: then they are skipped like manual steps).
 */
export function checkSafety(plan: Plan, opts: SafetyOptions): void {
  // Every rule that blocks is reported at once, so one run tells the user all the flags and work needed.
  const manual = opts.skipManual ? [] : manualSteps(plan);
  const destructive = opts.allowDestructive ? [] : plan.steps.filter((s) => s.risk === 'destructive');
  const migrations = opts.migrateData === true || opts.skipManual ? [] : plan.steps.filter((s) => s.kind === 'migrate_values');
  const reasons: string[] = [];
  const details: string[] = [];
  if (migrations.length > 0) {
    reasons.push(`${migrations.length} data migration(s) that rewrite page values; review the pages and requests they cost, then pass --migrate-data (or --skip-manual to apply the rest)`);
    for (const s of migrations) details.push(`${describeStep(s)}: ${s.reason}`);
  }
  if (manual.length > 0) {
    reasons.push(`${manual.length} manual step${manual.length === 1 ? '' : 's'} that the API cannot perform; do them in the Notion app, or pass --skip-manual to apply the rest`);
    for (const s of manual) details.push(`${describeStep(s)}: ${manualInstruction(s)}`);
  }
  if (destructive.length > 0) {
    reasons.push(`${destructive.length} destructive step(s); review them and pass --allow-destructive to apply`);
    for (const s of destructive) details.push(`${describeStep(s)}: ${s.reason}`);
  }
  if (reasons.length > 0) throw new BlockedError(`the plan has ${reasons.join('; and ')}`, details);
}
