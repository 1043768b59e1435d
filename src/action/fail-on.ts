import type { Plan, Step } from '../model/plan.js';

/** `fail-on` input values: the lowest risk that fails the job (`forbidden`, the earlier name of `manual`, is read as `manual`). */
export type FailOn = 'manual' | 'destructive' | 'never';

/** Counts of risky steps in a plan. */
export interface RiskCounts {
  readonly destructive: number;
  readonly forbidden: number;
}

export function riskCounts(plan: Pick<Plan, 'steps'>): RiskCounts {
  let destructive = 0;
  let forbidden = 0;
  for (const step of plan.steps) {
    if (step.risk === 'destructive') destructive++;
    else if (step.risk === 'forbidden') forbidden++;
  }
  return { destructive, forbidden };
}

function describe(step: Step): string {
  const where = [step.data_source ?? step.database, step.property].filter(Boolean).join(' → ');
  return `  - ${step.id} ${step.kind} ${where}: ${step.reason}`;
}

/**
 * The failure message for a plan under a `fail-on` setting, or null when the job passes.
 * The message names each offending step and says how to proceed.
 */
export function failureFor(plan: Pick<Plan, 'steps'>, failOn: FailOn): string | null {
  if (failOn === 'never') return null;
  const forbidden = plan.steps.filter((s) => s.risk === 'forbidden');
  if (forbidden.length > 0) {
    return (
      `The plan has ${forbidden.length} manual step${forbidden.length === 1 ? '' : 's'} that the Notion API cannot perform:\n` +
      forbidden.map(describe).join('\n') +
      '\nDo them by hand in the Notion app (each reason says how), or change the schema; ' +
      'set `fail-on: never` to report them without failing.'
    );
  }
  if (failOn === 'destructive') {
    const destructive = plan.steps.filter((s) => s.risk === 'destructive');
    if (destructive.length > 0) {
      return (
        `The plan has ${destructive.length} destructive step${destructive.length === 1 ? '' : 's'} that would delete data:\n` +
        destructive.map(describe).join('\n') +
        '\nReview them; set `fail-on: manual` to allow destructive plans (apply still needs `allow-destructive: true`).'
      );
    }
  }
  return null;
}
