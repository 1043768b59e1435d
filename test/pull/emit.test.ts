import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitSchema } from '../../src/pull/emit.js';
import { assignKeys } from '../../src/pull/keys.js';
import { crmWorkspace, database, dataSource, EMIT_OPTS, prop, uuid, workspace } from './live-builders.js';
import { golden } from './golden.js';

describe('emitSchema', () => {
  it('matches the golden file for the CRM workspace', () => {
    const { yaml } = emitSchema(crmWorkspace(), EMIT_OPTS);
    expect(yaml).toBe(golden('pull-emit/crm.schema.yaml', yaml));
  });

  it('starts with the $schema line and the pulled-from header', () => {
    const { yaml } = emitSchema(crmWorkspace(), EMIT_OPTS);
    const lines = yaml.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../schemas/notion-schema.schema.json');
    expect(lines[1]).toBe('# Pulled from the local workspace on 2026-01-02T03:04:05Z by notion-schema 0.1.0');
  });

  it('writes the title property first, then the live order', () => {
    const data = parse(emitSchema(crmWorkspace(), EMIT_OPTS).yaml);
    expect(Object.keys(data.databases.crm.data_sources.contacts.properties)).toEqual([
      'Name', 'Email', 'Amount', 'Stage', 'Status', 'Company', 'Referrer', 'Revenue', 'Score', 'Ticket', 'Send', 'Verified',
    ]);
  });

  it('rewrites relations to pulled data sources as keys and keeps ids otherwise', () => {
    const props = parse(emitSchema(crmWorkspace(), EMIT_OPTS).yaml).databases.crm.data_sources.contacts.properties;
    expect(props.Company).toEqual({ type: 'relation', data_source: 'crm.companies', dual: { property: 'Contacts' } });
    expect(props.Referrer).toEqual({ type: 'relation', data_source: uuid(77) });
    expect(props.Revenue).toEqual({ type: 'rollup', relation: 'Company', property: 'ARR', function: 'sum' });
  });

  it('keeps option colours, non-null descriptions and status groups', () => {
    const props = parse(emitSchema(crmWorkspace(), EMIT_OPTS).yaml).databases.crm.data_sources.contacts.properties;
    expect(props.Stage.options).toEqual([{ name: 'Lead', color: 'gray', description: 'New' }, { name: 'Customer', color: 'green' }]);
    expect(props.Status.options).toEqual([
      { name: 'Not started', color: 'default', group: 'To-do' },
      { name: 'Doing', color: 'blue', group: 'In progress' },
      { name: 'Done', color: 'green', group: 'Complete' },
    ]);
  });

  it('marks button and verification as read-only', () => {
    const { yaml } = emitSchema(crmWorkspace(), EMIT_OPTS);
    expect(yaml).toContain('Send: { type: button } # read-only: managed in the Notion app');
    expect(yaml).toContain('Verified: { type: verification } # read-only: managed in the Notion app');
  });

  it('writes short properties in flow style and long ones in block style', () => {
    const { yaml } = emitSchema(crmWorkspace(), EMIT_OPTS);
    expect(yaml).toContain('          Email: { type: email, description: Work email }');
    expect(yaml).toContain('          Tags: { type: multi_select, options: [] }');
    expect(yaml).toMatch(/ {10}Long formula:\n {12}type: formula\n {12}expression: /);
  });

  it('keeps ids, parents, icons and is_inline', () => {
    const data = parse(emitSchema(crmWorkspace(), EMIT_OPTS).yaml);
    expect(data.databases.crm).toMatchObject({ id: uuid(1), title: 'CRM', description: 'Customers', icon: '🏢', parent: { page_id: uuid(999) } });
    expect(data.databases.crm.is_inline).toBeUndefined();
    expect(data.databases.tasks).toMatchObject({ parent: { workspace: true }, is_inline: true, icon: 'https://example.com/t.png' });
    expect(data.databases.crm.data_sources.companies.id).toBe(uuid(12));
  });

  it('builds the lock file from the same keys', () => {
    const { lock } = emitSchema(crmWorkspace(), EMIT_OPTS);
    expect(lock).toMatchObject({
      version: 1,
      databases: {
        crm: { id: uuid(1), data_sources: { contacts: uuid(11), companies: uuid(12) } },
        tasks: { id: uuid(2), data_sources: { tasks: uuid(21) } },
      },
    });
    expect(Object.keys(lock.databases)).toEqual(['crm', 'tasks']);
    // Every pulled property's id is recorded under the same data source refs.
    expect(Object.keys(lock.properties ?? {}).sort()).toEqual(['crm.companies', 'crm.contacts', 'tasks.tasks']);
    expect(lock.properties?.['crm.contacts']?.['Name']).toEqual({ id: 'title' });
  });

  it('makes keys unique across databases with the same title', () => {
    const a = dataSource(uuid(31), uuid(3), 'Notes', [prop('Name', { type: 'title' })]);
    const b = dataSource(uuid(41), uuid(4), 'Notes', [prop('Name', { type: 'title' })]);
    const ws = workspace({ db: database(uuid(3), 'Notes', [a]), sources: [a] }, { db: database(uuid(4), 'Notes!', [b]), sources: [b] });
    const keys = assignKeys(ws);
    expect([...keys.database.values()]).toEqual(['notes', 'notes_2']);
    expect(keys.dsRef.get(uuid(41))).toBe('notes_2.notes');
  });

  it('quotes strings that YAML would otherwise read as other types', () => {
    const a = dataSource(uuid(31), uuid(3), 'true', [prop('123', { type: 'title' }), prop('null', { type: 'select', options: [{ id: 'x', name: 'yes: no', color: 'red', description: null }] })]);
    const data = parse(emitSchema(workspace({ db: database(uuid(3), '42', [a]), sources: [a] }), EMIT_OPTS).yaml);
    expect(data.databases['42'].title).toBe('42');
    expect(Object.keys(data.databases['42'].data_sources.true.properties)).toEqual(['123', 'null']);
    expect(data.databases['42'].data_sources.true.properties.null.options[0].name).toBe('yes: no');
  });

  it('warns about a parent the file cannot express', () => {
    const a = dataSource(uuid(31), uuid(3), 'Wiki', [prop('Name', { type: 'title' })]);
    const ws = workspace({ db: database(uuid(3), 'Wiki', [a], { parent: { type: 'other', raw: { type: 'block_id', block_id: 'x' } } }), sources: [a] });
    const { yaml, warnings } = emitSchema(ws, EMIT_OPTS);
    expect(warnings.map((w) => w.code)).toEqual(['pull-unsupported-parent']);
    expect(yaml).toContain('parent: { workspace: true } # pull: the live parent is a block_id parent');
  });
});
