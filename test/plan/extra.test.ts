import { describe, expect, it } from 'vitest';
import { impactFilter } from '../../src/pipeline/create-plan.js';
import type { Step } from '../../src/model/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { db, desired, ds, live, liveDb, liveDs, lp, prop, uuid } from './builders.js';
import { expectPlanInvariants } from './invariants.js';

const DB = uuid(1);
const DS = uuid(2);
const plan = (props: Parameters<typeof ds>[3], liveProps: Parameters<typeof liveDs>[3]) => buildPlan({
  desired: desired([db('crm', 'CRM', [ds('crm', 'c', 'C', props)])]),
  live: live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'C' }])]], [['crm.c', liveDs(DS, DB, 'C', liveProps)]]),
  toolVersion: 't', notionVersion: '2025-09-03', target: 'local',
}).plan;

describe('ordering details', () => {
  it('adds a property taking a name that a rename frees only after that rename', () => {
    const p = plan([prop('Title', { type: 'title' }), prop('Name', { type: 'rich_text' })], [lp('title', 'Name', { type: 'title' })]);
    expectPlanInvariants(p);
    expect(p.requests.map((r) => r.body)).toEqual([
      { properties: { title: { name: 'Title' } } },
      { properties: { Name: { rich_text: {} } } },
    ]);
    expect(p.steps[1]?.depends_on).toEqual(['s1']);
  });
  it('does not delay a rollup whose relation only changes kind', () => {
    const other = uuid(3);
    const p = plan([
      prop('Name', { type: 'title' }),
      prop('R', { type: 'relation', target: { kind: 'id', id: other }, dual: {} }),
      prop('T', { type: 'rollup', relation: 'R', property: 'Name', function: 'count' }),
    ], [
      lp('title', 'Name', { type: 'title' }),
      lp('r', 'R', { type: 'relation', target: { kind: 'id', id: other }, dual: null }),
      lp('t', 'T', { type: 'rollup', relation: 'R', property: 'Name', function: 'sum' }),
    ]);
    expect(p.requests).toHaveLength(1);
  });
  it('sends a description-only change without the type configuration', () => {
    const p = plan([prop('Name', { type: 'title' }), prop('E', { type: 'email' }, { description: 'Mail' })], [lp('title', 'Name', { type: 'title' }), lp('e', 'E', { type: 'email' })]);
    expect(p.requests[0]?.body).toEqual({ properties: { e: { description: 'Mail' } } });
  });
  it('combines a rename and option changes of one property into one entry', () => {
    const p = plan([prop('Name', { type: 'title' }), prop('S2', { type: 'select', options: [{ name: 'a' }, { name: 'b' }] }, { renamed_from: ['S'] })], [
      lp('title', 'Name', { type: 'title' }), lp('s', 'S', { type: 'select', options: [{ id: '1', name: 'a', color: 'red', description: null }] }),
    ]);
    expect(p.steps.map((s) => s.kind)).toEqual(['rename_property', 'add_options']);
    expect(p.requests[0]?.body).toEqual({ properties: { s: { name: 'S2', select: { options: [{ id: '1', description: null }, { name: 'b' }] }, description: null } } });
  });
});

describe('impactFilter', () => {
  const base = { id: 's1', risk: 'destructive' as const, reason: 'r', depends_on: [], database: 'crm', data_source: 'crm.c' };
  const remove: Step = { ...base, kind: 'remove_property', property: 'P', property_id: 'p', property_type: 'rich_text' };
  it('uses is_not_empty for value types, equals: true for checkboxes, and nothing for computed types', () => {
    expect(impactFilter(remove, 'p', 'rich_text')).toEqual({ property: 'p', rich_text: { is_not_empty: true } });
    expect(impactFilter(remove, 'p', 'checkbox')).toEqual({ property: 'p', checkbox: { equals: true } });
    expect(impactFilter(remove, 'p', 'formula')).toBeNull();
  });
  it('selects pages holding a removed option', () => {
    const ro: Step = { ...base, kind: 'remove_options', property: 'P', property_id: 'p', options: ['x', 'y'], config: { type: 'multi_select', options: [] }, description: null };
    expect(impactFilter(ro, 'p', 'multi_select')).toEqual({ or: [{ property: 'p', multi_select: { contains: 'x' } }, { property: 'p', multi_select: { contains: 'y' } }] });
    expect(impactFilter({ ...ro, options: ['x'] }, 'p', 'select')).toEqual({ property: 'p', select: { equals: 'x' } });
  });
});

describe('two-way relations and the far side', () => {
  it('waits for the synced property to get its name before a far-side rollup uses it', () => {
    const p = buildPlan({
      desired: desired([db('crm', 'CRM', [
        ds('crm', 'contacts', 'Contacts', [prop('Name', { type: 'title' }), prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: { property: 'Contacts' } })]),
        ds('crm', 'companies', 'Companies', [prop('Name', { type: 'title' }), prop('Count', { type: 'rollup', relation: 'Contacts', property: 'Name', function: 'count' })]),
      ])]),
      live: live(), toolVersion: 't', notionVersion: '2025-09-03', target: 'local',
    }).plan;
    expectPlanInvariants(p);
    const idx = (pred: (s: string) => boolean): number => p.requests.findIndex((r) => pred(JSON.stringify(r.body)));
    const relation = idx((b) => b.includes('"Company":{"relation"'));
    const rename = p.requests.findIndex((r) => JSON.stringify(r.ref_keyed ?? []).includes('synced_property_id'));
    const rollup = idx((b) => b.includes('"Count":{"rollup"'));
    expect(relation).toBeGreaterThanOrEqual(0);
    expect(relation).toBeLessThan(rename);
    expect(rename).toBeLessThan(rollup);
    const rollupStep = p.steps.find((s) => s.property === 'Count');
    const renameStep = p.steps.find((s) => s.kind === 'rename_property' && s.property === 'Contacts');
    expect(rollupStep?.depends_on).toContain(renameStep?.id);
  });
});
