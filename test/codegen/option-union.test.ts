import fc from 'fast-check';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { describe, expect, it } from 'vitest';
import { codecFor, optionEnum, type CodecContext } from '../../src/codegen/value-codecs.js';
import { COMPANIES, CONTACTS } from './fixture.js';

const OPTIONS = {
  bannerComment: '', format: false, additionalProperties: false, declareExternallyReferenced: true, strictIndexSignatures: true, unknownAny: true,
} as const;

/** A row with the option type where codegen puts it: a select (or null) and a multi-select. */
const row = (option: JSONSchema): JSONSchema => ({
  type: 'object',
  additionalProperties: false,
  required: ['select', 'multi'],
  properties: { select: { oneOf: [option, { type: 'null' }] }, multi: { type: 'array', items: option } },
});

/** Option names as users write them: any text, quotes, backslashes, line separators, emoji and `*\/` included. */
const name = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.constantFrom('It\'s "odd"', 'a\\b', 'line\u2028sep', '*/ end', '${x}', '`t`', '\u{1f525} hot', '<b>', 'x'),
);

describe('optionEnum (option names as a tsType union)', () => {
  it('compiles to exactly what json-schema-to-typescript writes for the same names as an enum', async () => {
    await fc.assert(fc.asyncProperty(fc.uniqueArray(name, { minLength: 1, maxLength: 6 }), async (names) => {
      const asEnum = await compile(row({ type: 'string', enum: [...names] }), 'Row', OPTIONS);
      const asUnion = await compile(row(optionEnum(names)), 'Row', OPTIONS);
      expect(asUnion).toBe(asEnum);
    }), { numRuns: 150 });
  });

  it('is never for no options', () => {
    expect(optionEnum([])).toEqual({ tsType: 'never' });
  });
});

/** Every tsType in a schema, nested ones included. */
function tsTypes(schema: JSONSchema): string[] {
  const own = typeof schema.tsType === 'string' ? [schema.tsType] : [];
  const items = schema.items === undefined ? [] : Array.isArray(schema.items) ? schema.items : [schema.items];
  const nested = [...items, ...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...Object.values(schema.properties ?? {})];
  return [...own, ...nested.flatMap((x) => tsTypes(x as JSONSchema))];
}

describe('the tsType of every property type', () => {
  it('is parenthesised when it is a union (json-schema-to-typescript writes a tsType as it is: A | null as an array item is A | null[])', () => {
    const ctx: CodecContext = {
      specExpr: (ds, name) => `${ds.ref}.${name}`,
      dataSource: (t) => [COMPANIES, CONTACTS].find((ds) => (t.kind === 'key' ? ds.ref === t.key : false)),
    };
    const seen = new Set<string>();
    for (const ds of [COMPANIES, CONTACTS]) {
      for (const p of ds.properties) {
        const codec = codecFor(p, ds, ctx);
        if (codec === null) continue;
        seen.add(p.config.type);
        for (const t of tsTypes(codec.schema)) if (t.includes('|')) expect([p.name, t]).toEqual([p.name, expect.stringMatching(/^\(.*\)$/s)]);
      }
    }
    // The fixture has every property type (the golden test relies on it too).
    expect(seen.size).toBeGreaterThanOrEqual(23);
  });
});
