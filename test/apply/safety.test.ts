import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { BlockedError, StalePlanError } from '../../src/errors.js';
import type { Plan, Step } from '../../src/model/plan.js';
import { FakeNotion } from './fake-notion.js';
import { fakeServices } from './fake-services.js';
import { addPropertiesPlan, createCrmPlan } from './plan-fixtures.js';

function withDs() {
  const fake = new FakeNotion();
  fake.createDatabase({ title: [{ text: { content: 'T' } }], parent: { type: 'workspace', workspace: true } });
  const dsId = [...fake.dss.keys()][0] ?? '';
  return { fake, dsId };
}

const removeStep: Step = { id: 's9', kind: 'remove_options', risk: 'destructive', reason: 'option Old is no longer declared', depends_on: [],
  database: 't', data_source: 't.main', property: 'Stage', options: ['Old'],
  config: { type: 'select', options: [] }, description: null };
const manualStep: Step = { id: 's8', kind: 'manual', risk: 'forbidden', reason: 'cannot convert', depends_on: [], database: 't',
  data_source: 't.main', property: 'Where', cause: { code: 'unmanageable_remove', location: 'CRM › Contacts', property: 'Where', type: 'place' }, why: 'cannot convert', instruction: 'Change the type of "Where" in the Notion app' };

function extend(plan: Plan, step: Step): Plan {
  return { ...plan, steps: [...plan.steps, step] };
}

describe('safety rules', () => {
  it('refuses destructive steps without allowDestructive, before any request, listing them', async () => {
    const { fake, dsId } = withDs();
    const plan = extend(addPropertiesPlan('t.main', dsId, 2), removeStep);
    const err = await applyPlan(plan, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedError);
    expect((err as BlockedError).details.join('\n')).toContain('s9 remove_options t.main.Stage');
    expect(fake.log).toHaveLength(0);
  });

  it('refuses forbidden/manual steps unless skipManual, and then never attempts them', async () => {
    const { fake, dsId } = withDs();
    const plan = extend(addPropertiesPlan('t.main', dsId, 1), manualStep);
    const err = await applyPlan(plan, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedError);
    expect((err as BlockedError).details[0]).toContain('Change the type of "Where" in the Notion app');
    const result = await applyPlan(plan, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, skipManual: true });
    expect(result.ok).toBe(true);
    expect(result.steps.find((s) => s.step === 's8')).toEqual({ step: 's8', status: 'skipped', message: 'manual: Change the type of "Where" in the Notion app' });
  });

  it('reports every blocking rule at once: manual and destructive steps, with both flags named', async () => {
    const { fake, dsId } = withDs();
    const plan = extend(extend(addPropertiesPlan('t.main', dsId, 1), manualStep), removeStep);
    const err = await applyPlan(plan, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedError);
    expect((err as BlockedError).message).toMatch(/--skip-manual/);
    expect((err as BlockedError).message).toMatch(/--allow-destructive/);
    const details = (err as BlockedError).details.join('\n');
    expect(details).toContain('Change the type of "Where" in the Notion app');
    expect(details).toContain('s9 remove_options t.main.Stage');
    // With one flag, the other rule still blocks.
    const onlyManual = await applyPlan(plan, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, skipManual: true }).catch((e: unknown) => e);
    expect((onlyManual as BlockedError).message).not.toMatch(/--skip-manual/);
    expect((onlyManual as BlockedError).message).toMatch(/--allow-destructive/);
    expect(fake.log).toHaveLength(0);
  });

  it('refuses a plan made for another target or from another schema file version', async () => {
    const { fake, dsId } = withDs();
    const plan = addPropertiesPlan('t.main', dsId, 1);
    await expect(applyPlan({ ...plan, target: 'https://api.notion.com' }, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null }))
      .rejects.toThrow(/plan is stale: it was made for target https:\/\/api.notion.com, not local/);
    await expect(applyPlan(plan, { client: fake, lockPath: null, schemaHash: 'hash-2', services: fakeServices(fake), journalDir: null }))
      .rejects.toThrow(/plan is stale: the schema file notion.schema.yaml changed/);
    expect(fake.log).toHaveLength(0);
  });

  it('refuses a stale basis before the first write, naming what changed', async () => {
    const { fake, dsId } = withDs();
    const services = fakeServices(fake);
    const fp = await services.fetchFingerprint(fake, 'data_source', dsId);
    const plan: Plan = { ...addPropertiesPlan('t.main', dsId, 1), basis: [{ kind: 'data_source', key: 't.main', id: dsId, fingerprint: fp }] };
    // Someone edits the data source between plan and apply.
    await fake.request({ method: 'PATCH', path: `/v1/data_sources/${dsId}`, body: { properties: { Extra: { url: {} } } } });
    const writesBefore = fake.log.filter((r) => r.method !== 'GET').length;
    const err = await applyPlan(plan, { client: fake, lockPath: null, services, journalDir: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StalePlanError);
    expect((err as Error).message).toBe('plan is stale: 1 object changed since the plan was made; run plan again');
    // Each reason once, in the details (not repeated in the message).
    expect((err as StalePlanError).details).toEqual([`data source t.main (${dsId}) changed`]);
    expect(fake.log.filter((r) => r.method !== 'GET').length).toBe(writesBefore);
  });

  it('accepts an unchanged basis', async () => {
    const { fake, dsId } = withDs();
    const services = fakeServices(fake);
    const fp = await services.fetchFingerprint(fake, 'data_source', dsId);
    const plan: Plan = { ...addPropertiesPlan('t.main', dsId, 1), basis: [{ kind: 'data_source', key: 't.main', id: dsId, fingerprint: fp }] };
    expect((await applyPlan(plan, { client: fake, lockPath: null, services, journalDir: null })).ok).toBe(true);
  });

  it('refuses a saved plan whose creates the lock file already binds (a partial apply happened since)', async () => {
    const fake = new FakeNotion();
    const services = fakeServices(fake);
    services.locks.set('lock.json', { version: 1, databases: { crm: { id: '0c5e0000-0000-4000-8000-000000000001', data_sources: {} } } });
    const err = await applyPlan(createCrmPlan(), { client: fake, lockPath: 'lock.json', services, journalDir: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StalePlanError);
    expect((err as StalePlanError).details[0]).toMatch(/^database crm exists now \(0c5e0000-/);
    expect(fake.log).toHaveLength(0);
  });
});

describe('forbidden steps inside requests', () => {
  it('are never sent, even with skipManual', async () => {
    const { fake, dsId } = withDs();
    const plan = addPropertiesPlan('t.main', dsId, 2);
    const steps = plan.steps.map((s) => (s.id === 's2' ? { ...s, risk: 'forbidden' as const } : s));
    const result = await applyPlan({ ...plan, steps }, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, skipManual: true });
    expect(fake.log.map((r) => JSON.stringify(r.body))).toEqual([JSON.stringify({ properties: { P1: { rich_text: {} } } })]);
    expect(result.steps.find((s) => s.step === 's2')?.status).toBe('skipped');
    expect(result.ok).toBe(true);
  });
});
