import type { LiveDatabase, LiveDataSource, LiveProperty, PropertyConfig } from '../../src/model/index.js';
import type { PulledWorkspace } from '../../src/pull/types.js';

/** Test helpers: small builders for normalised live objects. */
export function uuid(n: number): string {
  const hex = `a${n.toString(16).padStart(31, '0')}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function prop(name: string, config: PropertyConfig, description: string | null = null, id = name.slice(0, 4)): LiveProperty {
  return { id, name, description, config };
}

export function dataSource(id: string, databaseId: string, title: string, properties: readonly LiveProperty[], extra: Partial<LiveDataSource> = {}): LiveDataSource {
  return { id, database_id: databaseId, title, description: null, icon: null, in_trash: false, properties, fingerprint: 'fp', ...extra };
}

export function database(id: string, title: string, sources: readonly LiveDataSource[], extra: Partial<LiveDatabase> = {}): LiveDatabase {
  return {
    id, title, description: null, icon: null,
    parent: { type: 'page_id', page_id: uuid(999) },
    is_inline: false, in_trash: false,
    data_source_ids: sources.map((s) => ({ id: s.id, name: s.title })),
    fingerprint: 'fp',
    ...extra,
  };
}

export function workspace(...dbs: readonly { db: LiveDatabase; sources: readonly LiveDataSource[] }[]): PulledWorkspace {
  return { databases: dbs.map(({ db, sources }) => ({ database: db, dataSources: sources })), warnings: [] };
}

/** A CRM: two data sources in one database, a two-way relation between them, a rollup, a formula,
 * select/status options with colours, and a one-way relation to a data source that is not pulled. */
export function crmWorkspace(): PulledWorkspace {
  const crm = uuid(1);
  const contacts = uuid(11);
  const companies = uuid(12);
  const tasksDb = uuid(2);
  const tasks = uuid(21);
  const outside = uuid(77);
  const contactsDs = dataSource(contacts, crm, 'Contacts', [
    prop('Email', { type: 'email' }, 'Work email'),
    prop('Name', { type: 'title' }, null, 'title'),
    prop('Amount', { type: 'number', format: 'dollar' }),
    prop('Stage', { type: 'select', options: [
      { id: 'o1', name: 'Lead', color: 'gray', description: 'New' },
      { id: 'o2', name: 'Customer', color: 'green', description: null },
    ] }),
    prop('Status', { type: 'status', options: [
      { id: 's1', name: 'Not started', color: 'default', description: null },
      { id: 's2', name: 'Doing', color: 'blue', description: null },
      { id: 's3', name: 'Done', color: 'green', description: null },
    ], groups: [
      { id: 'g1', name: 'To-do', color: 'gray', options: ['Not started'] },
      { id: 'g2', name: 'In progress', color: 'blue', options: ['Doing'] },
      { id: 'g3', name: 'Complete', color: 'green', options: ['Done'] },
    ] }),
    prop('Company', { type: 'relation', target: { kind: 'id', id: companies }, dual: { property: 'Contacts', property_id: 'cnts' } }),
    prop('Referrer', { type: 'relation', target: { kind: 'id', id: outside }, dual: null }),
    prop('Revenue', { type: 'rollup', relation: 'Company', relation_id: 'Comp', property: 'ARR', property_id: 'arr', function: 'sum' }),
    prop('Score', { type: 'formula', expression: 'prop("Amount") * 2' }),
    prop('Ticket', { type: 'unique_id', prefix: 'CRM' }),
    prop('Send', { type: 'button' }),
    prop('Verified', { type: 'verification' }),
  ], { icon: { type: 'emoji', emoji: '👤' } });
  const companiesDs = dataSource(companies, crm, 'Companies', [
    prop('Name', { type: 'title' }, null, 'title'),
    prop('ARR', { type: 'number', format: 'number_with_commas' }),
    prop('Contacts', { type: 'relation', target: { kind: 'id', id: contacts }, dual: { property: 'Company', property_id: 'Comp' } }),
    prop('Tags', { type: 'multi_select', options: [] }),
    prop('Number', { type: 'unique_id', prefix: null }),
  ]);
  const tasksDs = dataSource(tasks, tasksDb, 'Tasks', [
    prop('Task', { type: 'title' }, null, 'title'),
    prop('Due', { type: 'date' }),
    prop('Long formula', { type: 'formula', expression: 'if(prop("Due") < now(), "overdue: " + format(prop("Due")), "on time, nothing to worry about")' }),
  ]);
  return workspace(
    { db: database(crm, 'CRM', [contactsDs, companiesDs], { description: 'Customers', icon: { type: 'emoji', emoji: '🏢' } }), sources: [contactsDs, companiesDs] },
    { db: database(tasksDb, 'Tasks', [tasksDs], { parent: { type: 'workspace' }, is_inline: true, icon: { type: 'external', url: 'https://example.com/t.png' } }), sources: [tasksDs] },
  );
}

export const EMIT_OPTS = {
  schemaRef: '../schemas/notion-schema.schema.json',
  source: 'the local workspace',
  date: '2026-01-02T03:04:05Z',
  toolVersion: '0.1.0',
} as const;
