import type { DesiredDataSource, DesiredProperty, DesiredState } from '../../src/model/desired.js';
import type { PropertyConfig } from '../../src/model/property.js';

/** A property with defaults for the fields codegen does not read. */
export function prop(name: string, config: PropertyConfig, description: string | null = null): DesiredProperty {
  return { name, description, renamed_from: [], config };
}

export function dataSource(dbKey: string, key: string, title: string, properties: readonly DesiredProperty[]): DesiredDataSource {
  return { key, ref: `${dbKey}.${key}`, title, description: null, icon: null, properties };
}

export function state(dataSources: readonly DesiredDataSource[], hash = 'f'.repeat(64)): DesiredState {
  const byDb = new Map<string, DesiredDataSource[]>();
  for (const ds of dataSources) {
    const db = ds.ref.slice(0, ds.ref.indexOf('.'));
    byDb.set(db, [...(byDb.get(db) ?? []), ds]);
  }
  return {
    file: 'notion.schema.yaml',
    hash,
    databases: [...byDb].map(([key, dss]) => ({
      key, title: key, description: null, icon: null, parent: { type: 'workspace' as const }, is_inline: false, data_sources: dss,
    })),
  };
}

/** Every one of the 24 property types, with awkward names, across two related data sources. */
export const COMPANIES = dataSource('crm', 'companies', 'Companies', [
  prop('Name', { type: 'title' }),
  prop('ARR', { type: 'number', format: 'dollar' }),
  prop('Founded', { type: 'date' }),
  prop('Segment', { type: 'select', options: [{ name: 'SMB' }, { name: 'Enterprise' }] }),
  prop('Contacts', { type: 'relation', target: { kind: 'key', key: 'crm.contacts' }, dual: { property: 'Company' } }),
]);

export const CONTACTS = dataSource('crm', 'contacts', 'Contacts */ "quoted"', [
  prop('Name', { type: 'title' }, 'Full legal name */ with a comment terminator'),
  prop('Full name', { type: 'rich_text' }),
  prop('full-name', { type: 'rich_text' }),
  prop('Amount', { type: 'number', format: 'dollar' }),
  prop('Stage', { type: 'select', options: [{ name: 'Lead', color: 'gray' }, { name: 'Customer', color: 'green' }, { name: 'It\'s "odd"' }] }),
  prop('Tags', { type: 'multi_select', options: [{ name: 'vip' }, { name: '🔥 hot' }] }),
  prop('Status', { type: 'status', options: [{ name: 'Not started', group: 'To-do' }, { name: 'Done', group: 'Complete' }] }),
  prop('When', { type: 'date' }),
  prop('Owner', { type: 'people' }),
  prop('Attachments', { type: 'files' }),
  prop('Active', { type: 'checkbox' }),
  prop('Website', { type: 'url' }),
  prop('Email', { type: 'email' }, 'Work email'),
  prop('Phone', { type: 'phone_number' }),
  prop('Score', { type: 'formula', expression: 'prop("Amount") * 2' }),
  prop('Label', { type: 'formula', expression: 'prop("Name")' }),
  prop('Mixed', { type: 'formula', expression: 'if(prop("Active"), "yes", 1)' }),
  prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: { property: 'Contacts' } }),
  prop('Referrer', { type: 'relation', target: { kind: 'id', id: '9b1e0000-0000-4000-8000-000000000001' }, dual: null }),
  prop('Revenue', { type: 'rollup', relation: 'Company', property: 'ARR', function: 'sum' }),
  prop('First founded', { type: 'rollup', relation: 'Company', property: 'Founded', function: 'earliest_date' }),
  prop('Segments', { type: 'rollup', relation: 'Company', property: 'Segment', function: 'show_original' }),
  prop('Referrer names', { type: 'rollup', relation: 'Referrer', property: 'Name', function: 'show_original' }),
  prop('Ticket', { type: 'unique_id', prefix: 'CRM' }),
  prop('Created', { type: 'created_time' }),
  prop('Created by', { type: 'created_by' }),
  prop('Edited', { type: 'last_edited_time' }),
  prop('Edited by', { type: 'last_edited_by' }),
  prop('Office', { type: 'place' }),
  prop('Send', { type: 'button' }),
  prop('Verification', { type: 'verification' }),
  prop('🏢', { type: 'checkbox' }),
  prop('1st contact', { type: 'date' }),
  prop('class', { type: 'rich_text' }),
]);

/** Key collisions: `a-b.c` and `a.b-c` both want `ABC`. */
export const COLLIDE_1 = dataSource('a-b', 'c', 'One', [prop('Name', { type: 'title' })]);
export const COLLIDE_2 = dataSource('a', 'b-c', 'Two', [prop('Name', { type: 'title' }), prop('Empty', { type: 'select', options: [] }), prop('None', { type: 'multi_select', options: [] })]);

export const FIXTURE: DesiredState = state([COMPANIES, CONTACTS, COLLIDE_1, COLLIDE_2]);

/** Property ids as a live read would give them (URL-encoded short ids). */
export const FIXTURE_IDS = {
  dataSources: { 'crm.contacts': '1f6e0000-0000-4000-8000-00000000c0de' },
  properties: { 'crm.contacts': { Stage: 'St%3Ag', Amount: 'amt1' } },
};
