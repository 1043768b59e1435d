import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { ApplyEvent } from '../../src/apply/events.js';
import type { NotionRequest } from '../../src/notion/types.js';
import { FakeNotion, type Fault } from './fake-notion.js';
import { fakeServices } from './fake-services.js';
import { createCrmPlan, PARENT } from './plan-fixtures.js';

const isCreate = (req: Pick<NotionRequest, 'path'> & { readonly method: string }) => req.method === 'POST' && (req.path === '/v1/databases' || req.path === '/v1/data_sources');

/** Applies the CRM plan with `fault` on the first attempt of every create. */
async function applyWithCreateFault(fault: Fault) {
  const fake = new FakeNotion();
  const seen = new Set<string>();
  fake.faultFor = (req) => {
    if (!isCreate(req) || seen.has(req.path)) return null;
    seen.add(req.path);
    return fault;
  };
  const events: ApplyEvent[] = [];
  const services = fakeServices(fake);
  const result = await applyPlan(createCrmPlan(), { client: fake, lockPath: 'lock.json', services, journalDir: null, onEvent: (e) => events.push(e) });
  return { fake, result, events, services };
}

describe('create recovery', () => {
  it('uses additional_data.committed_resource_id after commit-then-503: no duplicate, no retry', async () => {
    const { fake, result, events } = await applyWithCreateFault({ when: 'after', error: '503', committedId: true });
    expect(result.ok).toBe(true);
    expect(fake.countDatabases('CRM')).toBe(1);
    expect(fake.countDataSources('Companies')).toBe(1);
    expect(events.flatMap((e) => (e.type === 'recovered' ? [e.via] : []))).toEqual(['committed_resource_id', 'committed_resource_id']);
    expect(fake.log.filter(isCreate)).toHaveLength(2);
  });

  it('looks the object up by parent and title after commit-then-reset: no duplicate', async () => {
    const { fake, result, events, services } = await applyWithCreateFault({ when: 'after', error: 'reset' });
    expect(result.ok).toBe(true);
    expect(fake.countDatabases('CRM')).toBe(1);
    expect(fake.countDataSources('Companies')).toBe(1);
    expect(events.flatMap((e) => (e.type === 'recovered' ? [e.via] : []))).toEqual(['lookup', 'lookup']);
    const crm = [...fake.dbs.values()][0];
    expect(services.locks.get('lock.json')?.databases['crm']?.id).toBe(crm?.id);
  });

  it('retries once the lookup finds nothing (the failure came before the commit)', async () => {
    const { fake, result, events } = await applyWithCreateFault({ when: 'before', error: 'reset' });
    expect(result.ok).toBe(true);
    expect(fake.countDatabases('CRM')).toBe(1);
    expect(fake.countDataSources('Companies')).toBe(1);
    expect(events.some((e) => e.type === 'recovered')).toBe(false);
    expect(fake.log.filter(isCreate)).toHaveLength(4);
  });

  it('never adopts a pre-existing database with the same title and parent', async () => {
    const fake = new FakeNotion();
    const twin = fake.createDatabase({ title: [{ text: { content: 'CRM' } }], parent: { type: 'page_id', page_id: '5d1b6e3a-0000-4000-8000-000000000001' } }) as { id: string };
    let first = true;
    fake.faultFor = (req) => {
      if (req.path !== '/v1/databases' || req.method !== 'POST' || !first) return null;
      first = false;
      return { when: 'before', error: '503' };
    };
    const plan = createCrmPlan();
    const result = await applyPlan({ ...plan, basis: [{ kind: 'database', key: 'other', id: twin.id, fingerprint: 'x' }] },
      { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, skipStalenessCheck: true });
    expect(result.ok).toBe(true);
    expect(result.created[0]?.id).not.toBe(twin.id);
    expect(fake.countDatabases('CRM')).toBe(2);
  });

  it('never adopts an older database with the same title and parent that the plan does not know', async () => {
    const fake = new FakeNotion();
    const twin = fake.createDatabase({ title: [{ text: { content: 'CRM' } }], parent: { type: 'page_id', page_id: PARENT } }) as { id: string };
    const twinDb = fake.dbs.get(twin.id);
    if (twinDb !== undefined) twinDb.created_time = new Date(Date.now() - 3_600_000).toISOString();
    let first = true;
    fake.faultFor = (req) => {
      if (req.path !== '/v1/databases' || req.method !== 'POST' || !first) return null;
      first = false;
      return { when: 'before', error: '503' };
    };
    const result = await applyPlan(createCrmPlan(), { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, skipStalenessCheck: true });
    expect(result.ok).toBe(true);
    expect(result.created[0]?.id).not.toBe(twin.id);
    expect(fake.countDatabases('CRM')).toBe(2);
  });

  it('does not retry a create that failed with a 4xx', async () => {
    const fake = new FakeNotion();
    const plan = createCrmPlan();
    // A body Notion rejects with a 400 (the fake checks the parent).
    const bad = { ...plan, requests: plan.requests.map((r) => (r.id === 'r2' ? { ...r, body: { ...r.body, parent: { type: 'database_id', database_id: 'nope' } } } : r)) };
    const result = await applyPlan(bad, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null });
    expect(result.steps.map((s) => s.status)).toEqual(['applied', 'failed', 'skipped', 'skipped']);
    expect(fake.log.filter((r) => r.method === 'POST' && r.path === '/v1/data_sources')).toHaveLength(1);
  });
});
