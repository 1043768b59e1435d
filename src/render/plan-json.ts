import type { Plan } from '../model/index.js';

/** The plan file itself: pretty JSON with a trailing newline. */
export function renderJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
