import type { Plan, PlanRequest, Step } from '../../src/model/plan.js';

const rich = (s: string) => [{ type: 'text', text: { content: s } }];
export const PARENT = '5d1b6e3a-0000-4000-8000-000000000001';

/** A plan around `steps` and `requests` with everything else empty. */
export function planOf(steps: Step[], requests: PlanRequest[], extra: Partial<Plan> = {}): Plan {
  return {
    format_version: 2, tool_version: '0.0.0-test', schema_file: 'notion.schema.yaml', schema_hash: 'a'.repeat(64),
    notion_version: '2025-09-03', target: 'local', bindings: [], basis: [], steps, requests, warnings: [],
    summary: { create: 0, change: 0, remove: 0, destructive: 0, manual: 0, requests: requests.length, has_changes: steps.length > 0 },
    ...extra,
  };
}

/**
 * Creates database `crm` (initial data source `crm.contacts`), a second data source
 * `crm.companies`, a two-way relation contacts.Company → companies, and renames the synced
 * property on companies to "Contacts" (a `synced_property_id` reference keyed entry).
 */
export function createCrmPlan(): Plan {
  const steps: Step[] = [
    { id: 's1', kind: 'create_database', risk: 'safe', reason: 'new', depends_on: [], database: 'crm', title: 'CRM',
      parent: { type: 'page_id', page_id: PARENT }, description: null, icon: null, is_inline: false, initial_data_source: 'crm.contacts', data_source: 'crm.contacts' },
    { id: 's2', kind: 'create_data_source', risk: 'safe', reason: 'new', depends_on: ['s1'], database: 'crm', data_source: 'crm.companies', title: 'Companies', icon: null },
    { id: 's3', kind: 'add_property', risk: 'safe', reason: 'new', depends_on: ['s1', 's2'], database: 'crm', data_source: 'crm.contacts',
      property: 'Company', config: { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: { property: 'Contacts' } }, description: null },
    { id: 's4', kind: 'rename_property', risk: 'safe', reason: 'name the far side', depends_on: ['s3'], database: 'crm', data_source: 'crm.companies',
      property: 'Contacts', from: 'Related to Contacts', synced_of: 's3' },
  ];
  const requests: PlanRequest[] = [
    { id: 'r1', endpoint: 'create_database', method: 'POST', steps: ['s1'], depends_on: [], idempotent: false,
      creates: { kind: 'database', database: 'crm', data_source: 'crm.contacts' },
      body: { parent: { type: 'page_id', page_id: PARENT }, title: rich('CRM'),
        initial_data_source: { title: rich('Contacts'), properties: { Name: { title: {} }, Email: { email: {} } } } } },
    { id: 'r2', endpoint: 'create_data_source', method: 'POST', steps: ['s2'], depends_on: ['r1'], idempotent: false,
      creates: { kind: 'data_source', data_source: 'crm.companies' },
      body: { parent: { type: 'database_id', database_id: { $ref: 'database_id', key: 'crm' } }, title: rich('Companies'), properties: { Name: { title: {} } } } },
    { id: 'r3', endpoint: 'update_data_source', method: 'PATCH', target: { $ref: 'data_source_id', key: 'crm.contacts' }, steps: ['s3'], depends_on: ['r1', 'r2'], idempotent: false,
      body: { properties: { Company: { relation: { data_source_id: { $ref: 'data_source_id', key: 'crm.companies' }, type: 'dual_property', dual_property: {} } } } } },
    { id: 'r4', endpoint: 'update_data_source', method: 'PATCH', target: { $ref: 'data_source_id', key: 'crm.companies' }, steps: ['s4'], depends_on: ['r3'], idempotent: true,
      body: {}, ref_keyed: [{ key: { $ref: 'synced_property_id', step: 's3' }, value: { name: 'Contacts' } }] },
  ];
  return planOf(steps, requests);
}

/** `n` independent PATCH requests adding a property each to data source `ref` bound to `dsId`. */
export function addPropertiesPlan(ref: string, dsId: string, n: number): Plan {
  const steps: Step[] = [];
  const requests: PlanRequest[] = [];
  for (let i = 1; i <= n; i++) {
    steps.push({ id: `s${i}`, kind: 'add_property', risk: 'safe', reason: 'new', depends_on: [], database: ref.split('.')[0] ?? ref,
      data_source: ref, property: `P${i}`, config: { type: 'rich_text' }, description: null });
    requests.push({ id: `r${i}`, endpoint: 'update_data_source', method: 'PATCH', target: { $ref: 'data_source_id', key: ref }, steps: [`s${i}`], depends_on: [], idempotent: true,
      body: { properties: { [`P${i}`]: { rich_text: {} } } } });
  }
  return planOf(steps, requests, { bindings: [{ kind: 'data_source', key: ref, id: dsId, source: 'lock' }] });
}

/**
 * `n` independent PATCH requests adding a property each, request i to data source i mod k of
 * `sources` (writes to different data sources may run together; to one data source they never do).
 */
export function addPropertiesAcross(sources: readonly { ref: string; id: string }[], n: number): Plan {
  const steps: Step[] = [];
  const requests: PlanRequest[] = [];
  for (let i = 1; i <= n; i++) {
    const { ref } = sources[(i - 1) % sources.length] ?? { ref: '' };
    steps.push({ id: `s${i}`, kind: 'add_property', risk: 'safe', reason: 'new', depends_on: [], database: ref.split('.')[0] ?? ref,
      data_source: ref, property: `P${i}`, config: { type: 'rich_text' }, description: null });
    requests.push({ id: `r${i}`, endpoint: 'update_data_source', method: 'PATCH', target: { $ref: 'data_source_id', key: ref }, steps: [`s${i}`], depends_on: [], idempotent: true,
      body: { properties: { [`P${i}`]: { rich_text: {} } } } });
  }
  return planOf(steps, requests, { bindings: sources.map((s) => ({ kind: 'data_source' as const, key: s.ref, id: s.id, source: 'lock' as const })) });
}
