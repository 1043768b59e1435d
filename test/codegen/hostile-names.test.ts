import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCode } from '../../src/codegen/index.js';
import { GENERATED_DIR } from './compile-helper.js';
import { HOSTILE } from './hostile-names.js';

describe('hostile property names', () => {
  it('parse and toProperties keep prototype-like names as own keys', async () => {
    const ids = { dataSources: {}, properties: { 'x.y': JSON.parse('{"__proto__":"pr%3Ao","constructor":"ctor"}') as Record<string, string> } };
    const code = await generateCode(HOSTILE, { toolVersion: '0', ids });
    const dir = join(GENERATED_DIR, 'hostile');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'hostile.ts'), code);
    const mod = await import(pathToFileURL(join(dir, 'hostile.ts')).href) as Record<string, (x: unknown) => Record<string, unknown>>;
    const props = mod['xYToProperties']?.({ ['__proto__']: 'p', constructor: 2, toString: true, hasOwnProperty: '__proto__', default: null, '😀': null, '123': ['u'] } as never) ?? {};
    expect(Object.keys(props).sort()).toEqual(['123', 'ctor', 'default', 'hasOwnProperty', 'pr%3Ao', 'toString', '😀'].sort());
    expect(props['pr%3Ao']).toEqual({ rich_text: [{ type: 'text', text: { content: 'p' } }] });
    // Inherited names that the row does not set are left out.
    expect(Object.keys(mod['xYToProperties']?.({ Name: 'n' }) ?? {})).toEqual(['title']);

    const v = (id: string, type: string, value: unknown): unknown => ({ id, type, [type]: value });
    const page = JSON.parse(JSON.stringify({
      object: 'page', id: 'p1', parent: { type: 'data_source_id', data_source_id: 'd' },
      properties: {
        Name: v('title', 'title', []),
        __proto__x: v('pr%3Ao', 'rich_text', [{ plain_text: 'proto' }]),
        constructor: v('ctor', 'number', 1),
        toString: v('ts', 'checkbox', true),
        hasOwnProperty: v('ho', 'select', { name: '__proto__' }),
        default: v('df', 'url', null),
        '"quoted"': v('q', 'email', null),
        'line\\break */': v('lb', 'phone_number', null),
        '😀': v('e1', 'date', null),
        '😃': v('e2', 'date', { start: '2026-01-01', end: null, time_zone: null }),
        123: v('n', 'people', []),
      },
    }));
    const row = mod['parseXY']?.(page) ?? {};
    expect(Object.hasOwn(row, '__proto__')).toBe(true);
    expect(row['__proto__']).toBe('proto');
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(row).toMatchObject({ constructor: 1, toString: true, hasOwnProperty: '__proto__', '😃': { start: '2026-01-01' } });
  });
});
