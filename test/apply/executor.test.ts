import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { dependencies } from '../../src/apply/executor.js';
import type { ApplyEvent } from '../../src/apply/events.js';
import type { NotionRequest } from '../../src/notion/types.js';
import { FakeNotion } from './fake-notion.js';
import { fakeServices } from './fake-services.js';
import { addPropertiesAcross, addPropertiesPlan, createCrmPlan } from './plan-fixtures.js';

/** Four databases of one data source each in `fake`: `t1.main` … `t4.main`. */
function fourSources(fake: FakeNotion): { ref: string; id: string }[] {
  return [1, 2, 3, 4].map((n) => {
    const before = new Set(fake.dss.keys());
    fake.createDatabase({ title: [{ text: { content: `T${n}` } }], parent: { type: 'workspace', workspace: true } });
    return { ref: `t${n}.main`, id: [...fake.dss.keys()].find((k) => !before.has(k)) ?? '' };
  });
}

describe('executor', () => {
  it('creates in dependency order and fills ids known only after apply', async () => {
    const fake = new FakeNotion();
    const services = fakeServices(fake);
    const result = await applyPlan(createCrmPlan(), { client: fake, lockPath: 'lock.json', services, journalDir: null });
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => s.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const crm = [...fake.dbs.values()].find((d) => d.title === 'CRM');
    expect(crm?.data_sources.map((d) => d.name)).toEqual(['Contacts', 'Companies']);
    const companies = [...fake.dss.values()].find((d) => d.title === 'Companies');
    // The synced property was renamed through {{synced_property_id:s3}}.
    expect(companies?.properties.map((p) => p.name)).toContain('Contacts');
    expect(fake.log.every((r) => !r.path.includes('{{') && !JSON.stringify(r.body ?? {}).includes('{{'))).toBe(true);
    expect(result.created.map((c) => `${c.kind}:${c.key}`)).toEqual(['database:crm', 'data_source:crm.contacts', 'data_source:crm.companies']);
    const lock = services.locks.get('lock.json');
    expect(lock?.databases['crm']?.id).toBe(crm?.id);
    expect(lock?.databases['crm']?.data_sources).toEqual({ contacts: crm?.data_sources[0]?.id, companies: companies?.id });
    expect(result.requests).toBe(fake.stats.requests);
  });

  it('writes the lock right after each create, before the next request', async () => {
    const fake = new FakeNotion();
    const services = fakeServices(fake);
    await applyPlan(createCrmPlan(), { client: fake, lockPath: 'lock.json', services, journalDir: null });
    // Request 0 is the pre-create look-up of the parent page's child databases (issue 15 case 8);
    // request 1 created the database: the lock was written before request 2 was sent.
    expect(fake.log[0]?.path).toMatch(/^\/v1\/blocks\/.*\/children$/);
    const afterDb = services.writes.find((w) => w.lock.databases['crm'] !== undefined);
    expect(afterDb?.at).toBe(2);
    const afterDs = services.writes.find((w) => w.lock.databases['crm']?.data_sources['companies'] !== undefined);
    expect(afterDs?.at).toBe(3);
  });

  it('runs independent requests concurrently, never more than the limit', async () => {
    const fake = new FakeNotion();
    fake.latencyMs = 5;
    const sources = fourSources(fake);
    const result = await applyPlan(addPropertiesAcross(sources, 12), { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, concurrency: 4 });
    expect(result.ok).toBe(true);
    expect(fake.maxInFlight).toBe(4);
    for (const s of sources) expect(fake.dss.get(s.id)?.properties).toHaveLength(4);
  });

  it('never has two writes to one data source in flight, even with room for more', async () => {
    const fake = new FakeNotion();
    fake.latencyMs = 5;
    fake.createDatabase({ title: [{ text: { content: 'T' } }], parent: { type: 'workspace', workspace: true } });
    const dsId = [...fake.dss.keys()][0] ?? '';
    const result = await applyPlan(addPropertiesPlan('t.main', dsId, 6), { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, concurrency: 4 });
    expect(result.ok).toBe(true);
    expect(fake.maxInFlight).toBe(1);
    expect(fake.dss.get(dsId)?.properties).toHaveLength(7);
  });

  it('stops launching on the first failure, lets in-flight requests finish, and reports per step', async () => {
    const fake = new FakeNotion();
    // P2 fails at once while P1 and P3 are still in flight.
    fake.latencyMs = (req) => (JSON.stringify(req.body ?? {}).includes('"P2"') ? 0 : 20);
    const sources = fourSources(fake);
    fake.faultFor = (req) => (JSON.stringify(req.body ?? {}).includes('"P2"') ? { when: 'before', error: '503' } : null);
    const events: ApplyEvent[] = [];
    const result = await applyPlan(addPropertiesAcross(sources, 10), {
      client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, concurrency: 3, onEvent: (e) => events.push(e),
    });
    expect(result.ok).toBe(false);
    const byStatus = (st: string) => result.steps.filter((s) => s.status === st).map((s) => s.step);
    expect(byStatus('failed')).toEqual(['s2']);
    // s1 and s3 were in flight with s2 and finished; nothing after them was launched.
    expect(byStatus('applied')).toEqual(['s1', 's3']);
    expect(byStatus('skipped')).toHaveLength(7);
    expect(result.steps.find((s) => s.step === 's2')?.message).toMatch(/503/);
    expect(events.filter((e) => e.type === 'request-start')).toHaveLength(3);
  });

  it('skips requests whose dependency failed', async () => {
    const fake = new FakeNotion();
    fake.faultFor = (req) => (req.path === '/v1/data_sources' && req.method === 'POST' ? { when: 'before', error: '503' } : null);
    // r2 fails before commit three times (lookup finds nothing each time), so r3 and r4 never run.
    const result = await applyPlan(createCrmPlan(), { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null });
    expect(result.steps.map((s) => s.status)).toEqual(['applied', 'failed', 'skipped', 'skipped']);
    expect(result.steps[2]?.message).toMatch(/dependency r2/);
    expect(fake.countDataSources('Companies')).toBe(0);
  });
});

describe('implicit dependencies', () => {
  it('waits for the request that produces an id a placeholder needs, even when depends_on omits it', async () => {
    const plan = createCrmPlan();
    // Drop every depends_on: the placeholders alone must order r2 after r1, r3 after r1/r2, r4 after r3.
    const loose = { ...plan, requests: plan.requests.map((r) => ({ ...r, depends_on: [] })) };
    expect(Object.fromEntries(dependencies(loose))).toEqual({ r1: [], r2: ['r1'], r3: ['r1', 'r2'], r4: ['r2', 'r3'] });
    const fake = new FakeNotion();
    fake.latencyMs = (req) => (req.path === '/v1/databases' ? 15 : 0);
    const result = await applyPlan(loose, { client: fake, lockPath: null, services: fakeServices(fake), journalDir: null, concurrency: 4 });
    expect(result.ok).toBe(true);
    // The database create is preceded by its look-up (GET blocks: has it appeared meanwhile?); the
    // data source of a database this run created needs none.
    expect(fake.log.map((r) => `${r.method} ${r.path.split('/')[2]}`)).toEqual(['GET blocks', 'POST databases', 'POST data_sources', 'PATCH data_sources', 'PATCH data_sources']);
  });
});

describe('a create whose answer lacks the new data source', () => {
  /** The create response omits `data_sources`; reading the database afterwards fails. */
  class NoSourcesInCreate extends FakeNotion {
    override async request<T>(req: NotionRequest): Promise<T> {
      const res = await super.request<T>(req);
      if (req.method === 'POST' && req.path === '/v1/databases') delete (res as { data_sources?: unknown }).data_sources;
      return res;
    }
  }

  it('records the database id in the lock before the read that may fail, so a re-run never duplicates it', async () => {
    const fake = new NoSourcesInCreate();
    fake.faultFor = (req) => (req.method === 'GET' && req.path.startsWith('/v1/databases/') ? { when: 'before', error: '503' } : null);
    const services = fakeServices(fake);
    const result = await applyPlan(createCrmPlan(), { client: fake, lockPath: 'lock.json', services, journalDir: null });
    expect(result.ok).toBe(false);
    const crm = [...fake.dbs.values()].find((d) => d.title === 'CRM');
    expect(crm).toBeDefined();
    expect(services.locks.get('lock.json')?.databases['crm']?.id).toBe(crm?.id);
    expect(result.created.map((c) => `${c.kind}:${c.key}:${c.id}`)).toEqual([`database:crm:${crm?.id}`]);
  });
});
