import type { Plan } from '../model/index.js';

/**
 * The plan file itself: pretty JSON with a trailing newline. Throws on a plan made without
 * fingerprints (createPlan's `fingerprints: false`): saved, it could never be verified.
 */
export function renderJson(plan: Plan): string {
  if (plan.basis.some((b) => b.fingerprint === '')) throw new Error('internal error: a plan made without live fingerprints cannot be saved');
  return `${JSON.stringify(plan, null, 2)}\n`;
}
