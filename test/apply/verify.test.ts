import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { remainingDifferences } from '../../src/apply/verify-report.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { Step } from '../../src/model/plan.js';
import { FakeNotion } from './fake-notion.js';
import { fakeServices } from './fake-services.js';
import { addPropertiesPlan, planOf } from './plan-fixtures.js';

describe('verification', () => {
  it('turns every remaining non-manual step into an error naming the property and the field', () => {
    const steps: Step[] = [
      { id: 's1', kind: 'update_property', risk: 'safe', reason: 'r', depends_on: [], database: 'crm', data_source: 'crm.contacts', property: 'Email',
        changes: [{ field: 'description', before: null, after: 'Work email' }], config: { type: 'email' }, description: 'Work email' },
      { id: 's2', kind: 'add_options', risk: 'safe', reason: 'r', depends_on: [], database: 'crm', data_source: 'crm.contacts', property: 'Stage',
        options: [{ name: 'Lead' }], config: { type: 'select', options: [{ name: 'Lead' }] }, description: null },
      { id: 's3', kind: 'manual', risk: 'forbidden', reason: 'r', depends_on: [], database: 'crm', cause: { code: 'unmanageable_remove', location: 'CRM › Contacts', property: 'Where', type: 'place' }, why: 'r', instruction: 'do it by hand' },
    ];
    const problems = remainingDifferences(planOf(steps, []));
    expect(problems.map((p) => p.message)).toEqual([
      'after apply, crm.contacts: property "Email": description is unset, expected "Work email"',
      'after apply, crm.contacts: property "Stage": options "Lead" are missing',
    ]);
    expect(problems.every((p) => p.severity === 'error' && p.code === 'apply-verification')).toBe(true);
  });

  it('reports a difference the API silently ignored: the apply is not ok', async () => {
    const fake = new FakeNotion();
    fake.createDatabase({ title: [{ text: { content: 'T' } }], parent: { type: 'workspace', workspace: true } });
    const dsId = [...fake.dss.keys()][0] ?? '';
    const services = fakeServices(fake);
    const ignored = { severity: 'error' as const, code: 'apply-verification', message: 'after apply, t.main: property "P1": description is unset, expected "x"' };
    let verifiedWith: string | null = null;
    services.verify = async (_c, _d, lockPath) => { verifiedWith = lockPath; return [ignored]; };
    const desired = { file: 'x', hash: 'h', databases: [] } as DesiredState;
    const result = await applyPlan(addPropertiesPlan('t.main', dsId, 1), { client: fake, lockPath: 'lock.json', services, journalDir: null, desired });
    expect(verifiedWith).toBe('lock.json');
    expect(result.steps.map((s) => s.status)).toEqual(['applied']);
    expect(result.verification).toEqual([ignored]);
    expect(result.ok).toBe(false);
  });
});

describe('verification that cannot read', () => {
  it('reports the failed re-read as a verification error instead of throwing', async () => {
    const fake = new FakeNotion();
    fake.createDatabase({ title: [{ text: { content: 'T' } }], parent: { type: 'workspace', workspace: true } });
    const dsId = [...fake.dss.keys()][0] ?? '';
    const services = fakeServices(fake);
    services.verify = async () => { throw new Error('socket hang up'); };
    const desired = { file: 'x', hash: 'h', databases: [] } as DesiredState;
    const result = await applyPlan(addPropertiesPlan('t.main', dsId, 1), { client: fake, lockPath: 'lock.json', services, journalDir: null, desired });
    expect(result.ok).toBe(false);
    expect(result.verification[0]?.message).toMatch(/could not be re-read to verify it: socket hang up/);
  });
});
