import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/plan/index.js';
import { checkSafety } from '../../src/apply/safety.js';
import type { Plan, Step } from '../../src/model/index.js';
import { addPropertiesPlan } from '../apply/plan-fixtures.js';

/**
 * A plan of 1,000 data sources × 100 properties has over 100,000 steps: more lines than one call
 * may take as arguments. Rendering it once threw "Maximum call stack size exceeded" (push(...lines)),
 * found by the 1,000-data-source benchmark through the CLI.
 */
describe('a plan too large for argument spreading', () => {
  const plan = addPropertiesPlan('t.main', '7ad46108-b0be-4a49-934f-cbc7a9c20c22', 150_000);

  it('renders as text, grouped and compact', () => {
    const text = renderText(plan);
    expect(text.split('\n').length).toBeGreaterThan(150_000);
    expect(renderText(plan, undefined, { compact: true }).split('\n').length).toBeGreaterThan(150_000);
  });

  it('lists every destructive step when the safety gate refuses', () => {
    const destructive: Plan = { ...plan, steps: plan.steps.map((s) => ({ ...s, risk: 'destructive' }) as Step) };
    expect(() => checkSafety(destructive, { allowDestructive: false, skipManual: false, migrateData: false })).toThrow(/destructive/);
  });
});
