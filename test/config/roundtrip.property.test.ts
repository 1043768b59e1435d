import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseSchemaText } from '../../src/config/index.js';
import { EMPTY_CONFIG_TYPES, NUMBER_FORMATS, OPTION_COLORS } from '../../src/model/property-types.js';

const RUNS = process.env['LONG'] ? 2000 : 100;

/** Any non-blank text without `$` (values are env-expanded) and without commas (option names). */
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && !s.includes('$'));
const uniqueNames = (min: number, max: number) =>
  fc.uniqueArray(text, { minLength: min, maxLength: max, selector: (s) => s.toLowerCase() });

const property = fc.oneof(
  fc.constantFrom(...EMPTY_CONFIG_TYPES.filter((t) => t !== 'title' && t !== 'button' && t !== 'verification')).map((type) => ({ type })),
  fc.constantFrom(...NUMBER_FORMATS).map((format) => ({ type: 'number', format })),
  uniqueNames(0, 5).map((names) => names.filter((n) => !n.includes(','))).chain((names) =>
    fc.tuple(fc.constantFrom('select', 'multi_select'), fc.array(fc.constantFrom(...OPTION_COLORS), { minLength: names.length, maxLength: names.length }))
      .map(([type, colors]) => ({ type, options: names.map((name, i) => ({ name, color: colors[i] })) }))),
  fc.option(text, { nil: undefined }).map((prefix) => (prefix === undefined ? { type: 'unique_id' } : { type: 'unique_id', prefix })),
);

const file = uniqueNames(1, 12).chain((names) =>
  fc.tuple(fc.constant(names), fc.array(property, { minLength: names.length, maxLength: names.length }), fc.option(text, { nil: undefined })));

describe('schema files round-trip (property)', () => {
  it('any well-formed file parses without diagnostics and keeps names, types, options and order', () => {
    fc.assert(fc.property(file, ([names, props, description]) => {
      const [titleName, ...rest] = names as [string, ...string[]];
      // A Map keeps insertion order for every key (a plain object would put "0" first and treat "__proto__" specially).
      const properties = new Map<string, unknown>([[titleName, { type: 'title', ...(description ? { description } : {}) }]]);
      rest.forEach((n, i) => properties.set(n, props[i]));
      const yaml = stringify({ databases: { db: { title: 'T', parent: { workspace: true }, data_sources: { ds: { title: 'D', properties } } } } });
      const r = parseSchemaText(yaml, 'gen.yaml');
      expect(r.diagnostics).toEqual([]);
      const got = r.desired?.databases[0]?.data_sources[0]?.properties ?? [];
      expect(got.map((p) => p.name)).toEqual(names);
      expect(got[0]?.description).toBe(description ?? null);
      rest.forEach((n, i) => {
        const want = props[i] as { type: string; options?: { name: string }[]; format?: string; prefix?: string };
        const cfg = got[i + 1]?.config as { type: string; options?: { name: string }[]; format?: string; prefix?: string | null };
        expect(cfg.type).toBe(want.type);
        if (want.options) expect(cfg.options?.map((o) => o.name)).toEqual(want.options.map((o) => o.name));
        if (want.format) expect(cfg.format).toBe(want.format);
        if (want.type === 'unique_id') expect(cfg.prefix).toBe(want.prefix ?? null);
      });
    }), { numRuns: RUNS });
  });

  it('reports one error per case-insensitive duplicate, all of them', () => {
    fc.assert(fc.property(uniqueNames(1, 6).map((ns) => ns.filter((n) => n.toUpperCase() !== n && n.toUpperCase().toLowerCase() === n.toLowerCase() && n.toLowerCase() !== 'name')), (names) => {
      const lines = names.flatMap((n) => [`          ${JSON.stringify(n)}: { type: rich_text }`, `          ${JSON.stringify(n.toUpperCase())}: { type: rich_text }`]);
      const yaml = `databases:\n  db:\n    title: T\n    parent: { workspace: true }\n    data_sources:\n      ds:\n        title: D\n        properties:\n          Name: { type: title }\n${lines.join('\n')}\n`;
      const r = parseSchemaText(yaml, 'dup.yaml');
      const dups = r.diagnostics.filter((d) => d.code === 'duplicate-property-name');
      expect(dups.length).toBe(names.length);
      expect(r.diagnostics.length).toBe(names.length);
      expect(r.desired === null).toBe(names.length > 0);
    }), { numRuns: RUNS });
  });
});
