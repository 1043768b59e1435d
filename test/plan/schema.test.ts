import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { STEP_KINDS } from '../../src/model/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { SCENARIOS } from './scenarios.js';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schemas/plan.schema.json', import.meta.url)), 'utf8')) as { $defs: { step: { oneOf: { properties: { kind: { const: string } } }[] } } };
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('schemas/plan.schema.json', () => {
  it('lists exactly the step kinds of the model', () => {
    expect(schema.$defs.step.oneOf.map((v) => v.properties.kind.const).sort()).toEqual([...STEP_KINDS].sort());
  });
  for (const sc of SCENARIOS) {
    it(`accepts the ${sc.name} plan`, () => {
      const { plan } = buildPlan({ desired: sc.desired, live: sc.live, toolVersion: '1', notionVersion: '2025-09-03', target: 'local' });
      const ok = validate(JSON.parse(JSON.stringify(plan)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }
  it('rejects a plan with an unknown step kind or risk', () => {
    const sc = SCENARIOS[0];
    if (!sc) throw new Error('no scenario');
    const plan = JSON.parse(JSON.stringify(buildPlan({ desired: sc.desired, live: sc.live, toolVersion: '1', notionVersion: '2025-09-03', target: 'local' }).plan)) as { steps: Record<string, unknown>[] };
    const bad1 = { ...plan, steps: [{ ...plan.steps[0], kind: 'drop_everything' }] };
    const bad2 = { ...plan, steps: [{ ...plan.steps[0], risk: 'fine' }] };
    expect(validate(bad1)).toBe(false);
    expect(validate(bad2)).toBe(false);
  });
});
