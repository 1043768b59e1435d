import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { Plan, PlanRequest, Step } from '../../src/model/index.js';
import { FakeNotion } from './fake-notion.js';
import { fakeServices } from './fake-services.js';
import { createCrmPlan, PARENT, planOf } from './plan-fixtures.js';

const rich = (t: string): unknown[] => [{ type: 'text', text: { content: t } }];

/** A plan that adds data source "Companies" to the existing database `dbId` (bound as key crm). */
function addCompaniesPlan(dbId: string): Plan {
  const steps: Step[] = [
    { id: 's1', kind: 'create_data_source', risk: 'safe', reason: 'new', depends_on: [], database: 'crm', data_source: 'crm.companies', title: 'Companies', icon: null },
  ];
  const requests: PlanRequest[] = [
    { id: 'r1', endpoint: 'create_data_source', method: 'POST', steps: ['s1'], depends_on: [], idempotent: false,
      creates: { kind: 'data_source', data_source: 'crm.companies' },
      body: { parent: { type: 'database_id', database_id: dbId }, title: rich('Companies'), properties: { Name: { title: {} } } } },
  ];
  return planOf(steps, requests);
}

describe('a create whose object appeared since the plan was made (another apply ran meanwhile)', () => {
  it('database: refused before the POST, named, and nothing is created', async () => {
    const fake = new FakeNotion();
    const plan = createCrmPlan();
    // Another process created "CRM" under the same page after this plan was made.
    const other = fake.createDatabase({ title: rich('CRM'), parent: { type: 'page_id', page_id: PARENT } }) as { id: string };
    fake.log.length = 0;
    const result = await applyPlan(plan, { client: fake, lockPath: 'lock.json', services: fakeServices(fake), journalDir: null });
    expect(result.ok).toBe(false);
    expect(fake.log.filter((r) => r.method === 'POST')).toEqual([]);
    expect([...fake.dbs.values()].filter((d) => d.title === 'CRM')).toHaveLength(1);
    const first = result.steps.find((s) => s.step === 's1');
    expect(first?.status).toBe('failed');
    expect(first?.message).toContain(other.id);
    expect(first?.message).toMatch(/appeared .* since the plan was made.*run plan again/);
  });

  it('data source: refused when a same-titled data source appeared in the database', async () => {
    const fake = new FakeNotion();
    const db = fake.createDatabase({ title: rich('CRM'), parent: { type: 'page_id', page_id: PARENT } }) as { id: string };
    const plan = addCompaniesPlan(db.id);
    await fake.request({ method: 'POST', path: '/v1/data_sources', body: { parent: { type: 'database_id', database_id: db.id }, title: rich('Companies'), properties: { Name: { title: {} } } } });
    const result = await applyPlan(plan, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null });
    expect(result.ok).toBe(false);
    expect([...fake.dss.values()].filter((d) => d.title === 'Companies')).toHaveLength(1);
    expect(result.steps[0]?.message).toMatch(/data source titled "Companies"/);
  });

  it('an object that existed long before (the plan chose to create anyway) does not block the create', async () => {
    const fake = new FakeNotion();
    const old = fake.createDatabase({ title: rich('CRM'), parent: { type: 'page_id', page_id: PARENT } }) as { id: string };
    const rec = fake.dbs.get(old.id);
    if (rec !== undefined) rec.created_time = new Date(Date.now() - 3_600_000).toISOString();
    const result = await applyPlan(createCrmPlan(), { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null });
    expect(result.ok).toBe(true);
    expect([...fake.dbs.values()].filter((d) => d.title === 'CRM')).toHaveLength(2);
  });

  it('costs one look-up per database create and none for a data source of a database this run created', async () => {
    const fake = new FakeNotion();
    const result = await applyPlan(createCrmPlan(), { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null });
    expect(result.ok).toBe(true);
    expect(fake.log.filter((r) => r.method === 'GET' && r.path.includes('/blocks/'))).toHaveLength(1);
  });
});
