import { manualInstruction, manualWhy } from '../../src/render/manual-cause.js';
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { PropertyChange } from '../../src/diff/index.js';
import { applyRenames, formulaReferences } from '../../src/diff/formula.js';
import { diffOptions } from '../../src/diff/options.js';
import { forbiddenTypeChange } from '../../src/diff/type-change.js';
import type { DesiredProperty, LiveProperty, LiveState } from '../../src/model/index.js';
import { PROPERTY_TYPES } from '../../src/model/index.js';
import { db, desired, ds, live, liveDb, liveDs, lp, prop, uuid } from '../plan/builders.js';

const DB = uuid(1);
const DS = uuid(2);
const OTHER = uuid(3);
const title = prop('Name', { type: 'title' });
const liveTitle = lp('title', 'Name', { type: 'title' });

function one(props: DesiredProperty[], liveProps: LiveProperty[], extra?: Partial<LiveState>) {
  const d = desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [title, ...props])])]);
  const base = live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'Contacts' }])]], [['crm.contacts', liveDs(DS, DB, 'Contacts', [liveTitle, ...liveProps])]]);
  const result = diff(d, { ...base, ...extra });
  const dsd = result.databases[0]?.data_sources[0];
  if (!dsd) throw new Error('no data source diff');
  return { result, changes: dsd.properties, dsd };
}
const kinds = (cs: readonly PropertyChange[]): string[] => cs.map((c) => c.kind);

describe('property matching', () => {
  it('matches identical properties and reports nothing', () => {
    const { changes, result } = one([prop('Email', { type: 'email' })], [lp('em', 'Email', { type: 'email' })]);
    expect(changes).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });
  it('matches the title property by id, so a title name change is a rename', () => {
    const d = desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [prop('Contact', { type: 'title' })])])]);
    const l = live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'Contacts' }])]], [['crm.contacts', liveDs(DS, DB, 'Contacts', [liveTitle])]]);
    const cs = diff(d, l).databases[0]?.data_sources[0]?.properties ?? [];
    expect(cs).toEqual([{ kind: 'rename', property: 'Contact', property_id: 'title', from: 'Name' }]);
  });
  it('refuses to rename the title onto the name of another live property (no silent drop of its values)', () => {
    const d = desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [prop('Email', { type: 'title' }), prop('Name', { type: 'rich_text' })])])]);
    const l = live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'Contacts' }])]], [['crm.contacts', liveDs(DS, DB, 'Contacts', [liveTitle, lp('em', 'Email', { type: 'email' })])]]);
    const result = diff(d, l);
    expect(result.diagnostics.map((x) => [x.severity, x.code])).toEqual([['error', 'title-name-taken']]);
    expect(result.diagnostics[0]?.message).toContain('is "Name" in Notion');
    expect(result.diagnostics[0]?.message).toContain('an email property');
    expect(result.diagnostics[0]?.hint).toContain('renamed_from: ["Name"]');
    const cs = result.databases[0]?.data_sources[0]?.properties ?? [];
    expect(cs.filter((c) => c.kind === 'remove' || c.kind === 'rename')).toEqual([]);
  });
  it('renames the title onto a freed name when the schema renames the other property away', () => {
    const d = desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [prop('Email', { type: 'title' }), prop('Email address', { type: 'email' }, { renamed_from: ['Email'] })])])]);
    const l = live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'Contacts' }])]], [['crm.contacts', liveDs(DS, DB, 'Contacts', [liveTitle, lp('em', 'Email', { type: 'email' })])]]);
    const result = diff(d, l);
    expect(result.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(kinds(result.databases[0]?.data_sources[0]?.properties ?? [])).toEqual(['rename', 'rename']);
  });
  it('renames the title when renamed_from names it, even if another live property has the new name', () => {
    const d = desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [prop('Email', { type: 'title' }, { renamed_from: ['Name'] })])])]);
    const l = live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'Contacts' }])]], [['crm.contacts', liveDs(DS, DB, 'Contacts', [liveTitle, lp('em', 'Email', { type: 'email' })])]]);
    const result = diff(d, l);
    expect(result.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(kinds(result.databases[0]?.data_sources[0]?.properties ?? [])).toEqual(['rename', 'remove']);
  });
  it('turns renamed_from into a rename, never a removal plus an addition', () => {
    const { changes } = one([prop('Full name', { type: 'rich_text' }, { renamed_from: ['Fullname'] })], [lp('fn', 'Fullname', { type: 'rich_text' })]);
    expect(changes).toEqual([{ kind: 'rename', property: 'Full name', property_id: 'fn', from: 'Fullname' }]);
  });
  it('uses the newest matching renamed_from name', () => {
    const { changes } = one([prop('C', { type: 'rich_text' }, { renamed_from: ['B', 'A'] })], [lp('a', 'A', { type: 'rich_text' }), lp('b', 'B', { type: 'rich_text' })]);
    expect(changes[0]).toMatchObject({ kind: 'rename', from: 'B' });
    expect(changes[1]).toMatchObject({ kind: 'remove', property: 'A' });
  });
  it('is an error when renamed_from matches nothing and the new name is absent too (Atlas #3796)', () => {
    const { changes, result } = one([prop('Full name', { type: 'rich_text' }, { renamed_from: ['Fulname'] })], []);
    expect(kinds(changes)).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'renamed-from-not-found' });
    expect(result.diagnostics[0]?.message).toContain('"Fulname"');
  });
  it('ignores renamed_from once the new name exists', () => {
    const { changes, result } = one([prop('New', { type: 'rich_text' }, { renamed_from: ['Old'] })], [lp('n', 'New', { type: 'rich_text' })]);
    expect(changes).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });
  it('warns "possible rename" for a removed and an added property of the same type', () => {
    const { changes, result } = one([prop('Phone 2', { type: 'phone_number' })], [lp('ph', 'Phone', { type: 'phone_number' })]);
    expect(kinds(changes)).toEqual(['add', 'remove']);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]?.severity).toBe('warning');
    expect(result.diagnostics[0]?.message).toMatch(/^possible rename: add `renamed_from/);
  });
  it('does not warn when the types differ', () => {
    const { result } = one([prop('A', { type: 'url' })], [lp('b', 'B', { type: 'email' })]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('property settings', () => {
  it('detects description, number format, unique_id prefix and rollup changes', () => {
    const { changes } = one([
      prop('N', { type: 'number', format: 'euro' }, { description: 'x' }),
      prop('U', { type: 'unique_id', prefix: 'T' }),
      prop('R', { type: 'rollup', relation: 'Rel', property: 'Name', function: 'sum' }),
      prop('Rel', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: null }),
    ], [
      lp('n', 'N', { type: 'number', format: 'dollar' }),
      lp('u', 'U', { type: 'unique_id', prefix: null }),
      lp('r', 'R', { type: 'rollup', relation: 'Rel', property: 'Name', function: 'count' }),
      lp('rel', 'Rel', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: null }),
    ]);
    expect(changes).toEqual([
      { kind: 'update', property: 'N', property_id: 'n', destructive: false, changes: [
        { field: 'description', before: null, after: 'x' }, { field: 'format', before: 'dollar', after: 'euro' }],
        config: { type: 'number', format: 'euro' }, description: 'x' },
      { kind: 'update', property: 'U', property_id: 'u', destructive: false, changes: [{ field: 'prefix', before: null, after: 'T' }],
        config: { type: 'unique_id', prefix: 'T' }, description: null },
      { kind: 'update', property: 'R', property_id: 'r', destructive: false, changes: [{ field: 'function', before: 'count', after: 'sum' }],
        config: { type: 'rollup', relation: 'Rel', property: 'Name', function: 'sum' }, description: null },
    ]);
  });
  it('compares formulas after applying renames (no spurious expression change)', () => {
    const { changes } = one([
      prop('B', { type: 'number', format: 'number' }, { renamed_from: ['A'] }),
      prop('F', { type: 'formula', expression: 'prop("B") + 1' }),
    ], [lp('a', 'A', { type: 'number', format: 'number' }), lp('f', 'F', { type: 'formula', expression: 'prop("A") + 1' })]);
    expect(kinds(changes)).toEqual(['rename']);
  });
  it('still reports a real formula change next to a rename', () => {
    const { changes } = one([
      prop('B', { type: 'number', format: 'number' }, { renamed_from: ['A'] }),
      prop('F', { type: 'formula', expression: 'prop("B") + 2' }),
    ], [lp('a', 'A', { type: 'number', format: 'number' }), lp('f', 'F', { type: 'formula', expression: 'prop("A") + 1' })]);
    expect(kinds(changes)).toEqual(['rename', 'update']);
  });
  it('treats a relation target change as destructive and a kind change as safe', () => {
    const { changes } = one([
      prop('T', { type: 'relation', target: { kind: 'id', id: uuid(9) }, dual: null }),
      prop('K', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: {} }),
    ], [
      lp('t', 'T', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: null }),
      lp('k', 'K', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: null }),
    ]);
    expect(changes[0]).toMatchObject({ kind: 'update', destructive: true, changes: [{ field: 'data_source' }] });
    expect(changes[1]).toMatchObject({ kind: 'update', destructive: false, changes: [{ field: 'relation_kind', before: 'one-way', after: 'two-way' }] });
  });
  it('renames the synced property of an existing two-way relation on the far side', () => {
    const { changes } = one(
      [prop('P', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: { property: 'People' } })],
      [lp('p', 'P', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: { property: 'Related', property_id: 'rel' } })],
    );
    expect(changes).toEqual([{ kind: 'rename_synced', property: 'People', property_id: 'rel', far_data_source: OTHER, relation: 'P', from: 'Related' }]);
  });
});

describe('type changes', () => {
  it('is destructive between ordinary types', () => {
    const { changes } = one([prop('X', { type: 'number', format: 'number' })], [lp('x', 'X', { type: 'rich_text' })]);
    expect(changes).toEqual([{ kind: 'change_type', property: 'X', property_id: 'x', from_type: 'rich_text', to_type: 'number', config: { type: 'number', format: 'number' }, description: null }]);
  });
  it('is forbidden to or from title and place, to button and verification, and from unmanageable types', () => {
    for (const t of PROPERTY_TYPES) {
      for (const u of PROPERTY_TYPES) {
        if (t === u) continue;
        const forbidden = [t, u].includes('title') || [t, u].includes('place') || ['button', 'verification'].includes(u) || ['button', 'verification'].includes(t);
        expect(forbiddenTypeChange(t, u) !== null, `${t} → ${u}`).toBe(forbidden);
      }
    }
  });
  it('becomes a manual step when forbidden', () => {
    const { changes } = one([prop('O', { type: 'rich_text' })], [lp('o', 'O', { type: 'place' })]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'manual', property: 'O', property_id: 'o' });
    expect(changes[0]?.kind === 'manual' && manualInstruction(changes[0].cause)).toContain('In Notion, open CRM › Contacts');
  });
});

describe('options', () => {
  const ctx = { location: 'CRM › Contacts', property: 'Stage' };
  const L = [{ id: '1', name: 'Lead', color: 'gray' as const, description: null }, { id: '2', name: 'Client', color: 'green' as const, description: null }];
  it('adds new options and removes missing ones', () => {
    const od = diffOptions([{ name: 'Lead' }, { name: 'Won', color: 'green' }], L, undefined, ctx);
    expect(od.added).toEqual([{ name: 'Won', color: 'green' }]);
    expect(od.removed.map((o) => o.name)).toEqual(['Client']);
    expect(od.manual).toEqual([]);
  });
  it('treats an absent colour as "any colour"', () => {
    expect(diffOptions([{ name: 'Lead' }, { name: 'Client' }], L, undefined, ctx).manual).toEqual([]);
  });
  it('makes a recolour a data migration (two passes through a temporary option, planned by src/migrate)', () => {
    const od = diffOptions([{ name: 'Lead', color: 'red' }, { name: 'Client' }], L, undefined, ctx);
    expect(od.manual).toEqual([]);
    expect(od.migrations).toEqual([{ from: 'Lead', to: { name: 'Lead', color: 'red' } }]);
    expect(od.removed).toEqual([]);
  });
  it('makes a renamed_from option a data migration and keeps the old option (never deletes it)', () => {
    const od = diffOptions([{ name: 'Lead' }, { name: 'Customer', renamed_from: ['Client'] }], L, undefined, ctx);
    expect(od.removed).toEqual([]);
    expect(od.added).toEqual([]);
    expect(od.keep.get('Customer')?.id).toBe('2');
    expect(od.manual).toEqual([]);
    expect(od.migrations).toEqual([{ from: 'Client', to: { name: 'Customer' } }]);
  });
  it('treats a case-only difference as a rename (names are unique regardless of case)', () => {
    const od = diffOptions([{ name: 'lead' }, { name: 'Client' }], L, undefined, ctx);
    expect(od.added).toEqual([]);
    expect(od.migrations).toEqual([{ from: 'Lead', to: { name: 'lead' } }]);
  });
  it('resumes a rename under way: the new option exists and the old one is still live (neither is removed)', () => {
    const live = [...L, { id: '3', name: 'Customer', color: 'gray' as const, description: null }];
    const od = diffOptions([{ name: 'Lead' }, { name: 'Customer', renamed_from: ['Client'] }], live, undefined, ctx);
    expect(od.removed).toEqual([]);
    expect(od.migrations).toEqual([{ from: 'Client', to: { name: 'Customer' } }]);
    expect(od.carry.map((o) => o.name)).toEqual(['Client']);
  });
  it('resumes a recolour under way from its temporary option, in either pass', () => {
    const temp = { id: '9', name: 'Lead (migrating 0123abcd)', color: 'red' as const, description: null };
    const pass1 = diffOptions([{ name: 'Lead', color: 'red' }, { name: 'Client' }], [...L, temp], undefined, ctx);
    expect(pass1.migrations).toEqual([{ from: 'Lead', to: { name: 'Lead', color: 'red' } }]);
    expect(pass1.removed).toEqual([]);
    const between = diffOptions([{ name: 'Lead', color: 'red' }, { name: 'Client' }], [L[1]!, temp], undefined, ctx);
    expect(between.migrations).toEqual([{ from: 'Lead', to: { name: 'Lead', color: 'red' } }]);
    expect(between.added).toEqual([]);
    expect(between.removed).toEqual([]);
    const pass2 = diffOptions([{ name: 'Lead', color: 'red' }, { name: 'Client' }], [{ ...L[0]!, id: '10', color: 'red' as const }, L[1]!, temp], undefined, ctx);
    expect(pass2.migrations).toEqual([{ from: 'Lead', to: { name: 'Lead', color: 'red' } }]);
    expect(pass2.removed).toEqual([]);
  });
  it('reports option description changes as field changes', () => {
    const od = diffOptions([{ name: 'Lead', description: 'new' }, { name: 'Client' }], L, undefined, ctx);
    expect(od.descriptions).toEqual([{ field: 'options.Lead.description', before: null, after: 'new' }]);
  });
  it('moves an existing status option to another group as a safe change (`{id, group}`), and lets new options name their group', () => {
    const groups = [{ name: 'To-do', options: ['Lead'] }, { name: 'Complete', options: ['Client'] }];
    const od = diffOptions([{ name: 'Lead', group: 'Complete' }, { name: 'Client', group: 'Complete' }, { name: 'New', group: 'In progress' }], L, groups, ctx);
    expect(od.added).toEqual([{ name: 'New', group: 'In progress' }]);
    expect(od.manual).toEqual([]);
    expect(od.groups).toEqual([{ field: 'options.Lead.group', before: 'To-do', after: 'Complete' }]);
    expect(manualWhy({ code: 'status_group', location: 'x', property: 'p', option: 'Lead', from: 'To-do', to: 'Complete' })).toContain('group');
  });
  it('an option renamed in Notion (its recorded id under another name) is renamed back by a migration, marked as drift', () => {
    const od = diffOptions([{ name: 'Lead' }, { name: 'Client' }], [{ ...L[0]!, name: 'Prospect' }, L[1]!], undefined, ctx, { Lead: L[0]!.id! });
    expect(od.added).toEqual([]);
    expect(od.removed).toEqual([]);
    expect(od.migrations).toEqual([{ from: 'Prospect', to: { name: 'Lead' }, drift: true }]);
  });
});

describe('formula helpers', () => {
  it('lists references and rewrites renamed ones', () => {
    expect(formulaReferences('prop("A") + prop("B \\"q\\"") + prop("A")')).toEqual(['A', 'B "q"']);
    expect(applyRenames('prop("A") + prop("C")', new Map([['A', 'Z']]))).toBe('prop("Z") + prop("C")');
  });
});

describe('databases and data sources', () => {
  it('creates what is not live and compares database fields of what is', () => {
    const d = desired([
      db('a', 'A', [ds('a', 'x', 'X', [title])]),
      db('b', 'B2', [ds('b', 'y', 'Y', [title])], { description: 'd', is_inline: true, icon: { type: 'emoji', emoji: '📦' } }),
    ]);
    const l = live([['b', liveDb(DB, 'B', [{ id: DS, name: 'Y' }])]], [['b.y', liveDs(DS, DB, 'Y', [liveTitle])]]);
    const r = diff(d, l);
    expect(r.databases[0]?.live).toBeNull();
    expect(r.databases[0]?.data_sources[0]?.initial).toBe(true);
    expect(r.databases[1]?.changes.map((c) => c.field)).toEqual(['title', 'description', 'icon', 'is_inline']);
  });
  it('makes a data source description difference a manual step (the API cannot write it)', () => {
    const d = desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [title], { description: 'People' })])]);
    const l = live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'Contacts' }])]], [['crm.contacts', liveDs(DS, DB, 'Contacts', [liveTitle])]]);
    const cs = diff(d, l).databases[0]?.data_sources[0]?.properties ?? [];
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ kind: 'manual', field: 'description' });
  });
  it('never adds a button property; it becomes a manual step', () => {
    const { changes } = one([prop('Send', { type: 'button' })], []);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'manual', property: 'Send' });
  });
  it('neither adds nor removes the synced far side of a two-way relation', () => {
    const d = desired([db('crm', 'CRM', [
      ds('crm', 'contacts', 'Contacts', [title, prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: { property: 'Contacts' } })]),
      ds('crm', 'companies', 'Companies', [title, prop('Contacts', { type: 'relation', target: { kind: 'key', key: 'crm.contacts' }, dual: { property: 'Company' } })]),
    ])]);
    const r = diff(d, live());
    const [contacts, companies] = r.databases[0]?.data_sources ?? [];
    expect(kinds(contacts?.properties ?? [])).toEqual(['add', 'add', 'rename_synced']);
    expect(kinds(companies?.properties ?? [])).toEqual(['add']);
  });
  it('keeps an undeclared synced property of an existing two-way relation', () => {
    const d = desired([db('crm', 'CRM', [
      ds('crm', 'contacts', 'Contacts', [title, prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: {} })]),
      ds('crm', 'companies', 'Companies', [title]),
    ])]);
    const l = live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'Contacts' }, { id: OTHER, name: 'Companies' }])]], [
      ['crm.contacts', liveDs(DS, DB, 'Contacts', [liveTitle, lp('c', 'Company', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: { property: 'Related', property_id: 'rl' } })])],
      ['crm.companies', liveDs(OTHER, DB, 'Companies', [liveTitle, lp('rl', 'Related', { type: 'relation', target: { kind: 'id', id: DS }, dual: { property: 'Company', property_id: 'c' } })])],
    ]);
    const r = diff(d, l);
    expect(r.databases[0]?.data_sources.flatMap((x) => x.properties)).toEqual([]);
  });
});

describe('id-form formula references', () => {
  it('resolves {{notion:block_property:ID:…}} to prop("Name") before comparing', async () => {
    const { resolveBlockProperties } = await import('../../src/diff/formula.js');
    const names = new Map([['a%3Ab', 'Amount']]);
    expect(resolveBlockProperties('{{notion:block_property:a%3Ab:00000000-0000-0000-0000-000000000000:x}} * 2', (id) => names.get(id))).toBe('prop("Amount") * 2');
    expect(resolveBlockProperties('{{notion:block_property:zz:1:2}}', (id) => names.get(id))).toBe('{{notion:block_property:zz:1:2}}');
    const { changes } = one([prop('Amount', { type: 'number', format: 'number' }), prop('F', { type: 'formula', expression: 'prop("Amount") * 2' })],
      [lp('a%3Ab', 'Amount', { type: 'number', format: 'number' }), lp('f', 'F', { type: 'formula', expression: '{{notion:block_property:a%3Ab:00000000-0000-0000-0000-000000000000:8994905a}} * 2' })]);
    expect(changes).toEqual([]);
  });
});

describe('two-way to one-way', () => {
  it('changes the relation kind, and removes the undeclared synced property first', async () => {
    const d = desired([db('crm', 'CRM', [
      ds('crm', 'contacts', 'Contacts', [title, prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: null })]),
      ds('crm', 'companies', 'Companies', [title]),
    ])]);
    const l = live([['crm', liveDb(DB, 'CRM', [{ id: DS, name: 'Contacts' }, { id: OTHER, name: 'Companies' }])]], [
      ['crm.contacts', liveDs(DS, DB, 'Contacts', [liveTitle, lp('c', 'Company', { type: 'relation', target: { kind: 'id', id: OTHER }, dual: { property: 'Related', property_id: 'rl' } })])],
      ['crm.companies', liveDs(OTHER, DB, 'Companies', [liveTitle, lp('rl', 'Related', { type: 'relation', target: { kind: 'id', id: DS }, dual: { property: 'Company', property_id: 'c' } })])],
    ]);
    const [contacts, companies] = diff(d, l).databases[0]?.data_sources ?? [];
    expect(contacts?.properties).toEqual([{ kind: 'update', property: 'Company', property_id: 'c', destructive: false, changes: [{ field: 'relation_kind', before: 'two-way', after: 'one-way' }],
      config: { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: null }, description: null }]);
    expect(companies?.properties).toEqual([{ kind: 'remove', property: 'Related', property_id: 'rl', property_type: 'relation' }]);
    const { buildPlan } = await import('../../src/plan/index.js');
    const { plan } = buildPlan({ desired: d, live: l, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' });
    expect(plan.requests.map((r) => r.body)).toEqual([
      { properties: { rl: null } },
      { properties: { c: { relation: { data_source_id: OTHER, type: 'single_property', single_property: {} }, description: null } } },
    ]);
  });
});
