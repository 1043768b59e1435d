import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelIdentifier, IdentifierAllocator, pascalIdentifier } from '../../src/codegen/index.js';
import { allocateNames } from '../../src/codegen/names.js';
import { RUNTIME_NAMES } from '../../src/codegen/runtime-source.js';
import { dataSource, prop, state } from './fixture.js';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = ['class', 'default', 'new', 'null', 'true', 'function', 'delete', 'typeof', 'await', 'yield', 'let', 'enum'];

describe('identifiers', () => {
  it('handles emoji, spaces, leading digits, accents and reserved words', () => {
    expect(camelIdentifier('Full name', 'property')).toBe('fullName');
    expect(camelIdentifier('URL', 'property')).toBe('url');
    expect(camelIdentifier('🏢', 'property')).toBe('property');
    expect(camelIdentifier('🏢 Company', 'property')).toBe('company');
    expect(camelIdentifier('1st contact', 'property')).toBe('_1stContact');
    expect(camelIdentifier('Café crème', 'property')).toBe('cafeCreme');
    for (const r of RESERVED) expect(camelIdentifier(r, 'property')).toBe(`${r}_`);
    expect(pascalIdentifier('crm contacts', 'X')).toBe('CrmContacts');
    expect(pascalIdentifier('2024 plan', 'X')).toBe('T2024Plan');
    expect(pascalIdentifier('日本', 'DataSource')).toBe('DataSource');
  });

  it('always gives a valid, non-reserved identifier for any name (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (name) => {
      const id = camelIdentifier(name, 'property');
      expect(id).toMatch(IDENT);
      expect(RESERVED).not.toContain(id);
      expect(pascalIdentifier(name, 'X')).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    }));
  });

  it('never hands out the same identifier twice, and skips reserved names (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'a2', 'A', 'b', 'a 2', 'nsTitle'), { maxLength: 30 }), (bases) => {
      const alloc = new IdentifierAllocator(['nsTitle']);
      const got = bases.map((b) => alloc.allocate(b));
      expect(new Set(got).size).toBe(got.length);
      expect(got).not.toContain('nsTitle');
    }));
  });

  it('gives colliding data sources and properties distinct names, never clashing with the runtime helpers', () => {
    const names = allocateNames(state([
      dataSource('a-b', 'c', 'One', [prop('Name', { type: 'title' }), prop('Full name', { type: 'rich_text' }), prop('full-name', { type: 'rich_text' })]),
      dataSource('a', 'b-c', 'Two', [prop('Name', { type: 'title' })]),
      dataSource('ns', 'title', 'Three', [prop('Name', { type: 'title' })]),
      dataSource('non', 'nullable', 'Four', [prop('Name', { type: 'title' })]),
    ]));
    expect(names.get('non.nullable')?.constant).toBe('NonNullable2');
    const one = names.get('a-b.c');
    const two = names.get('a.b-c');
    expect(one?.constant).toBe('ABC');
    expect(two?.constant).toBe('ABC2');
    expect(two?.parse).toBe('parseABC2');
    expect([...(one?.properties.values() ?? [])]).toEqual(['name', 'fullName', 'fullName2']);
    const all = [...names.values()].flatMap((n) => [n.constant, n.fields, n.row, n.writable, n.readOnlyKey, n.parse, n.toProperties]);
    expect(new Set(all).size).toBe(all.length);
    for (const n of all) expect(RUNTIME_NAMES).not.toContain(n);
  });
});
