import { describe, expect, it } from 'vitest';
import { buildPlan, summaryLine } from '../../src/plan/index.js';
import type { Plan, Risk, Step, StepKind } from '../../src/model/index.js';
import { STEP_KINDS } from '../../src/model/index.js';
import { SCENARIOS } from './scenarios.js';
import { expectPlanInvariants } from './invariants.js';

function planOf(name: string): Plan {
  const sc = SCENARIOS.find((s) => s.name === name);
  if (!sc) throw new Error(name);
  return buildPlan({ desired: sc.desired, live: sc.live, toolVersion: '1.2.3', notionVersion: '2025-09-03', target: 'local' }).plan;
}
const all = SCENARIOS.map((s) => ({ name: s.name, plan: planOf(s.name) }));
const steps = all.flatMap((x) => x.plan.steps);
const byKind = <K extends StepKind>(k: K): Extract<Step, { kind: K }>[] => steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === k);

describe('plan invariants', () => {
  for (const { name, plan } of all) it(`${name}: ids, ordering, one request per step`, () => expectPlanInvariants(plan));
});

describe('every step kind and risk class', () => {
  const expected: Record<StepKind, Risk[]> = {
    create_database: ['safe'], create_data_source: ['safe'], update_database: ['safe'], update_data_source: ['safe'],
    add_property: ['safe'], rename_property: ['safe'], update_property: ['safe', 'destructive'], change_property_type: ['destructive'],
    remove_property: ['destructive'], add_options: ['safe'], remove_options: ['destructive'], migrate_values: ['safe'], manual: ['forbidden'],
    remove_data_source: ['destructive'], remove_database: ['destructive'], restore_database: ['safe'],
    create_view: ['safe'], update_view: ['safe'], remove_view: ['safe'],
  };
  for (const kind of STEP_KINDS) {
    it(`${kind} appears with risk ${expected[kind].join(' and ')}`, () => {
      const found = [...new Set(byKind(kind).map((s) => s.risk))].sort();
      expect(found).toEqual([...expected[kind]].sort());
    });
  }
});

describe('batching', () => {
  it('puts every change to one existing data source into one PATCH keyed by property id', () => {
    const plan = planOf('options');
    expect(plan.requests).toHaveLength(1);
    const r = plan.requests[0];
    expect(r?.method).toBe('PATCH');
    expect(r?.endpoint).toBe('update_data_source');
    expect(r?.target).toBe('00000000-0000-4000-8000-000000000002');
    expect(Object.keys((r?.body['properties'] ?? {}) as object)).toEqual(['stg']);
  });
  it('sends the complete option list: kept options by id (renamed ones too), new ones by name; re-sends the description', () => {
    const body = planOf('options').requests[0]?.body as { properties: { stg: { select: { options: unknown[] }; description: string } } };
    expect(body.properties.stg.select.options).toEqual([{ id: 'o1', description: null }, { id: 'o2', description: null }, { name: 'Won', color: 'green' }]);
    expect(body.properties.stg.description).toBe('Sales stage');
  });
  it('lets new status options name their group', () => {
    const body = planOf('status-groups').requests[0]?.body as { properties: { st: { status: { options: Record<string, unknown>[] } } } };
    expect(body.properties.st.status.options).toContainEqual({ name: 'Blocked', color: 'red', group: 'In progress' });
  });
  it('creates a database with every property free of in-plan dependencies inside initial_data_source', () => {
    const plan = planOf('new-workspace');
    const create = plan.requests.find((r) => r.endpoint === 'create_database' && (r.creates?.kind === 'database' && r.creates.database === 'crm'));
    const props = (create?.body['initial_data_source'] as { properties: Record<string, unknown> }).properties;
    expect(Object.keys(props)).toEqual(['Name', 'Email', 'Amount', 'Stage', 'Status', 'Ticket']);
    expect(props['Email']).toEqual({ email: {}, description: 'Work email' });
    expect(create?.body['parent']).toEqual({ type: 'page_id', page_id: '5d1b6e3a-0000-4000-8000-000000000001' });
    expect(create?.body['title']).toEqual([{ type: 'text', text: { content: 'CRM' } }]);
    expect(create?.idempotent).toBe(false);
  });
  it('creates extra data sources under a database reference, and relations to new data sources afterwards', () => {
    const plan = planOf('new-workspace');
    const cds = plan.requests.find((r) => r.endpoint === 'create_data_source');
    expect(cds?.body['parent']).toEqual({ type: 'database_id', database_id: { $ref: 'database_id', key: 'crm' } });
    const rel = plan.requests.find((r) => JSON.stringify(r.body).includes('"Company"'));
    expect(rel?.target).toEqual({ $ref: 'data_source_id', key: 'crm.contacts' });
    expect((rel?.body['properties'] as Record<string, { relation: { data_source_id: unknown } }>)['Company']?.relation.data_source_id)
      .toEqual({ $ref: 'data_source_id', key: 'crm.companies' });
    expect(rel?.depends_on).toContain(cds?.id);
  });
  it('orders relation → rollup → formula over three requests when each depends on the previous', () => {
    const plan = planOf('rollup-new-relation');
    const idx = (name: string): number => plan.requests.findIndex((r) => JSON.stringify(r.body).includes(`"${name}"`));
    expect(idx('Company')).toBeLessThan(idx('Revenue'));
    expect(idx('Revenue')).toBeLessThan(idx('Double'));
    expect(plan.requests).toHaveLength(4);
  });
  it('names the synced property of a new two-way relation through a reference-keyed entry, after the relation', () => {
    const plan = planOf('two-way');
    const add = plan.steps.find((s) => s.kind === 'add_property' && s.property === 'Company');
    const rename = plan.requests.find((r) => r.ref_keyed !== undefined);
    expect(rename?.body).toEqual({});
    expect(rename?.ref_keyed).toEqual([{ key: { $ref: 'synced_property_id', step: add?.id }, value: { name: 'Contacts' } }]);
    expect(rename?.target).toBe('00000000-0000-4000-8000-000000000003');
    const addReq = plan.requests.find((r) => r.steps.includes(add?.id ?? ''));
    expect(rename?.depends_on).toEqual([addReq?.id]);
  });
  it('puts removals last in step order but in the same request as other changes', () => {
    const plan = planOf('removals');
    expect(plan.steps.map((s) => s.kind)).toEqual(['update_property', 'remove_options', 'remove_property']);
    expect(plan.requests).toHaveLength(1);
    expect((plan.requests[0]?.body['properties'] as Record<string, unknown>)['lg']).toBeNull();
    expect(plan.requests[0]?.idempotent).toBe(false);
  });
  it('never sends manual steps', () => {
    const plan = planOf('type-change');
    const manual = plan.steps.filter((s) => s.kind === 'manual').map((s) => s.id);
    expect(manual).toHaveLength(2);
    for (const r of plan.requests) for (const m of manual) expect(r.steps).not.toContain(m);
    expect(JSON.stringify(plan.requests)).not.toContain('button');
  });
});

describe('plan file metadata', () => {
  it('records bindings (adopted), basis fingerprints, versions and the schema hash', () => {
    const plan = planOf('adoption');
    expect(plan.format_version).toBe(2);
    expect(plan.tool_version).toBe('1.2.3');
    expect(plan.schema_hash).toBe('a'.repeat(64));
    expect(plan.bindings).toEqual([
      { kind: 'database', key: 'crm', id: '00000000-0000-4000-8000-000000000001', source: 'adopted' },
      { kind: 'data_source', key: 'crm.contacts', id: '00000000-0000-4000-8000-000000000002', source: 'adopted' },
    ]);
    expect(plan.basis.map((b) => b.fingerprint)).toEqual(['fp-00000000', 'fp-00000000']);
  });
  it('includes external data sources in the basis', () => {
    expect(planOf('two-way').basis.map((b) => b.id)).toContain('00000000-0000-4000-8000-000000000005');
  });
  it('summarizes counts and says "needs manual action"', () => {
    const plan = planOf('status-groups');
    expect(plan.summary).toEqual({ create: 0, change: 2, remove: 1, destructive: 1, manual: 1, requests: 1, has_changes: true });
    expect(summaryLine(plan.summary)).toBe('0 to create, 2 to change, 1 to remove, 1 destructive, 1 needs manual action');
  });
  it('reports no changes as an empty plan', () => {
    const plan = planOf('no-changes');
    expect(plan.steps).toEqual([]);
    expect(plan.requests).toEqual([]);
    expect(plan.summary.has_changes).toBe(false);
  });
  it('returns a renamed_from error in diagnostics', () => {
    const sc = SCENARIOS.find((s) => s.name === 'rename');
    if (!sc) throw new Error('rename');
    const db0 = sc.desired.databases[0];
    const ds0 = db0?.data_sources[0];
    if (!db0 || !ds0) throw new Error('shape');
    const broken = { ...sc.desired, databases: [{ ...db0, data_sources: [{ ...ds0, properties: ds0.properties.map((p) => (p.name === 'Full name' ? { ...p, renamed_from: ['Nope'] } : p)) }] }] };
    const { diagnostics } = buildPlan({ desired: broken, live: sc.live, toolVersion: '1', notionVersion: '2025-09-03', target: 'local' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['renamed-from-not-found']);
  });
});
