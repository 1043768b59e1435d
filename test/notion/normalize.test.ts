import { readFileSync } from 'node:fs';
import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from '../../src/notion/fingerprint.js';
import { normalizeDatabase, normalizeDataSource, normalizeDataSourceDetailed, normalizeIcon } from '../../src/notion/normalize.js';
import { isBuiltCanonical, normalizeProperty } from '../../src/notion/normalize-property.js';
import { EMPTY_CONFIG_TYPES } from '../../src/model/property-types.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/notion-normalize/${name}`, import.meta.url), 'utf8')) as T;
const DS = fixture<DataSourceObjectResponse>('data-source.json');
const DB = fixture<DatabaseObjectResponse>('database.json');

describe('normalizeDatabase', () => {
  it('maps a database response to the live model with dashed lowercase ids', () => {
    const live = normalizeDatabase(DB);
    expect(live).toEqual({
      id: '668d797c-76fa-4934-9b05-ad288df2d136',
      title: 'CRM',
      description: null,
      icon: { type: 'external', url: 'https://example.com/i.png' },
      parent: { type: 'page_id', page_id: 'b55c9c91-384d-452b-81db-d1ef79372b75' },
      is_inline: true,
      in_trash: false,
      data_source_ids: [{ id: '6c4240a9-a3ce-413e-9fd0-8a51a4d0a49b', name: 'Tasks' }],
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('keeps unusual parents raw and treats archived as in the trash', () => {
    const live = normalizeDatabase({ ...DB, parent: { type: 'block_id', block_id: 'b' }, archived: true } as unknown as DatabaseObjectResponse);
    expect(live.parent).toEqual({ type: 'other', raw: { type: 'block_id', block_id: 'b' } });
    expect(live.in_trash).toBe(true);
    expect(normalizeDatabase({ ...DB, parent: { type: 'workspace', workspace: true } } as DatabaseObjectResponse).parent).toEqual({ type: 'workspace' });
  });
});

describe('normalizeDataSource', () => {
  const live = normalizeDataSource(DS);
  const prop = (name: string) => live.properties.find((p) => p.name === name);

  it('reads ids, title, description, icon and the parent database', () => {
    expect(live.id).toBe('6c4240a9-a3ce-413e-9fd0-8a51a4d0a49b');
    expect(live.database_id).toBe('668d797c-76fa-4934-9b05-ad288df2d136');
    expect(live.title).toBe('Tasks');
    expect(live.description).toBe('All tasks');
    expect(live.icon).toEqual({ type: 'emoji', emoji: '✅' });
  });

  it('keeps API order with the title property first', () => {
    expect(live.properties.map((p) => p.name)).toEqual(['Name', 'Estimate', 'Tags', 'Status', 'Projects', 'Parent', 'Total', 'Calc', 'Task ID', 'Seq', 'Office', 'Send']);
  });

  it('normalises every kind of configuration', () => {
    expect(prop('Name')).toEqual({ id: 'title', name: 'Name', description: null, config: { type: 'title' } });
    expect(prop('Estimate')?.config).toEqual({ type: 'number', format: 'dollar' });
    expect(prop('Tags')).toEqual({
      id: 'tags', name: 'Tags', description: 'Labels',
      config: { type: 'multi_select', options: [
        { id: 'ff8e', name: 'High', color: 'red', description: null },
        { id: 'aa11', name: 'Low', color: 'gray', description: 'meh' },
      ] },
    });
    expect(prop('Status')?.config).toEqual({
      type: 'status',
      options: [
        { id: '330a', name: 'In progress', color: 'blue', description: null, group: 'In progress' },
        { id: 'd0ne', name: 'Done', color: 'green', description: null, group: 'Complete' },
      ],
      groups: [
        { id: 'b9d4', name: 'To-do', color: 'gray', options: [] },
        { id: 'cf49', name: 'In progress', color: 'blue', options: ['In progress'] },
        { id: '4fa7', name: 'Complete', color: 'green', options: ['Done'] },
      ],
    });
    expect(prop('Projects')?.config).toEqual({
      type: 'relation', target: { kind: 'id', id: '9b1e0000-0000-4000-8000-000000000001' }, dual: { property: 'Tasks', property_id: 'back' },
    });
    expect(prop('Parent')).toMatchObject({ id: 'f%5C%5C%3Ap', config: { type: 'relation', dual: null } });
    expect(prop('Total')?.config).toEqual({ type: 'rollup', relation: 'Projects', relation_id: 'proj', property: 'Estimate', property_id: 'estM', function: 'sum' });
    expect(prop('Calc')?.config).toEqual({ type: 'formula', expression: 'prop("Estimate") * 2' });
    expect(prop('Task ID')?.config).toEqual({ type: 'unique_id', prefix: 'TASK' });
    expect(prop('Seq')?.config).toEqual({ type: 'unique_id', prefix: null });
    expect(prop('Office')?.config).toEqual({ type: 'place' });
    expect(prop('Send')?.config).toEqual({ type: 'button' });
  });

  it('reports properties of unknown types instead of inventing a config', () => {
    expect(normalizeDataSourceDetailed(DS).unknown).toEqual([{ name: 'Future', type: 'hologram' }]);
  });

  it('maps file icons and custom emoji to null (no schema-file form)', () => {
    expect(normalizeIcon({ type: 'file', file: { url: 'x', expiry_time: 'y' } })).toBeNull();
    expect(normalizeIcon({ type: 'custom_emoji', custom_emoji: { id: 'e' } })).toBeNull();
    expect(normalizeIcon(null)).toBeNull();
  });
});

describe('fingerprint', () => {
  it('ignores key order and volatile fields, and changes with the schema', () => {
    const a = normalizeDataSource(DS);
    const reordered = normalizeDataSource({ ...DS, last_edited_time: '2030-01-01T00:00:00.000Z', properties: Object.fromEntries(Object.entries(DS.properties).reverse()) });
    // Same properties, different API order: order is part of the live model, so compare sets via a sorted copy.
    expect(fingerprint({ ...a, properties: [...a.properties].sort((x, y) => x.name.localeCompare(y.name)) }))
      .toBe(fingerprint({ ...reordered, properties: [...reordered.properties].sort((x, y) => x.name.localeCompare(y.name)) }));
    const changed = normalizeDataSource({ ...DS, properties: { ...DS.properties, Estimate: { id: 'estM', name: 'Estimate', description: null, type: 'number', number: { format: 'euro' } } } });
    expect(changed.fingerprint).not.toBe(a.fingerprint);
  });

  it('is fingerprint() of the live data source without its fingerprint (the fast path hashes the same text)', () => {
    const icons = [null, { type: 'emoji', emoji: '✅' }, { type: 'external', external: { url: 'https://example.com/i.png' } }];
    for (const icon of icons) {
      const { fingerprint: fp, ...rest } = normalizeDataSource({ ...DS, icon } as DataSourceObjectResponse);
      expect(fp).toBe(fingerprint(rest));
    }
  });

  it('builds the properties it calls canonical with sorted keys (every type of the fixture)', () => {
    const live = normalizeDataSource(DS);
    expect(live.properties.filter(isBuiltCanonical).map((p) => p.config.type)).toEqual(expect.arrayContaining(['title', 'number', 'multi_select', 'formula', 'place']));
    for (const p of live.properties) if (isBuiltCanonical(p)) expect(JSON.stringify(p)).toBe(canonicalJson(p));
  });

  it('builds canonical every property of a type it calls so, whatever the response holds', () => {
    const option = fc.dictionary(fc.constantFrom('id', 'name', 'color', 'description', 'group', 'x'), fc.oneof(fc.string(), fc.constantFrom('red', 'gray'), fc.anything()));
    const config = fc.record({ options: fc.oneof(fc.array(option, { maxLength: 4 }), fc.anything()), format: fc.anything(), expression: fc.anything() }, { requiredKeys: [] });
    const type = fc.constantFrom(...EMPTY_CONFIG_TYPES, 'number', 'select', 'multi_select', 'formula');
    fc.assert(fc.property(type, config, fc.anything(), fc.anything(), (t, c, description, id) => {
      const p = normalizeProperty('P', { id, name: 'P', type: t, description, [t]: c });
      expect(p !== null && isBuiltCanonical(p)).toBe(true);
      expect(JSON.stringify(p)).toBe(canonicalJson(p));
    }), { numRuns: 500 });
  });

  it('is insensitive to object key order (property)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(fingerprint(reversed)).toBe(fingerprint(obj));
    }));
  });
});

describe('fingerprint of icons', () => {
  it('changes when an external icon URL changes', () => {
    const a = normalizeDatabase(DB);
    const b = normalizeDatabase({ ...DB, icon: { type: 'external', external: { url: 'https://example.com/other.png' } } });
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });
});
