import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configOf, jsonBytes } from '../../src/config/schema-size.js';
import type { RawProperty } from '../../src/config/raw.js';
import { loadDesiredState, loadSchemaFile, MAX_FILE_BYTES, parseSchemaText, SCHEMA_SIZE_LIMIT, estimateSchemaBytes } from '../../src/config/index.js';
import { UserInputError } from '../../src/errors.js';

const HEAD = `databases:
  crm:
    title: CRM
    parent: { workspace: true }
    data_sources:
      contacts:
        title: Contacts
        properties:
          Name: { type: title }
`;

function withOptions(n: number, descLen: number): string {
  // At most 100 options per property (Notion's option limit): spread over Tags, Tags 2, …
  const lines = [HEAD];
  for (let i = 0; i < n; i++) {
    if (i % 100 === 0) lines.push(`          Tags${i === 0 ? '' : ` ${i / 100 + 1}`}:\n            type: multi_select\n            options:\n`);
    lines.push(`              - { name: Tag ${i}, description: ${'d'.repeat(descLen)} }\n`);
  }
  return lines.join('');
}

describe('limits', () => {
  it(`refuses text over ${MAX_FILE_BYTES} bytes before parsing`, () => {
    const r = parseSchemaText(`# ${'x'.repeat(MAX_FILE_BYTES)}\n`, 'big.yaml');
    expect(r.desired).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
  });

  it('refuses a file over the limit without reading it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-config-'));
    const file = join(dir, 'big.yaml');
    await writeFile(file, Buffer.alloc(MAX_FILE_BYTES + 10, 0x20));
    const r = await loadSchemaFile(file);
    expect(r.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['file-too-large', 1]]);
  });

  it('allows a moderate use of anchors and aliases', () => {
    const text = `${HEAD}          A: &opts { type: select, options: [{ name: X }, { name: Y }] }\n          B: *opts\n`;
    const r = parseSchemaText(text, 'f.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.desired?.databases[0]?.data_sources[0]?.properties.map((p) => p.config.type)).toEqual(['title', 'select', 'select']);
  });

  it('warns near the 50 KB schema limit and errors over it', () => {
    const near = parseSchemaText(withOptions(170, 160), 'near.yaml');
    expect(near.desired).not.toBeNull();
    expect(near.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'schema-size-near-limit']]);
    const over = parseSchemaText(withOptions(200, 160), 'over.yaml');
    expect(over.desired).toBeNull();
    expect(over.diagnostics.map((d) => [d.severity, d.code, d.location?.line])).toEqual([['error', 'schema-too-large', 8]]);
  });

  it('estimates the schema size as the API JSON (monotone in content)', () => {
    const small = estimateSchemaBytes({ Name: { type: 'title' } });
    expect(small).toBe(Buffer.byteLength(JSON.stringify({ Name: { id: 'title', name: 'Name', description: null, type: 'title', title: {} } })));
    expect(estimateSchemaBytes({ Name: { type: 'title', description: 'éé' } })).toBeGreaterThan(small);
    expect(SCHEMA_SIZE_LIMIT).toBe(51200);
  });
});

describe('loading files', () => {
  it('reports a missing file as a diagnostic with a hint', async () => {
    const r = await loadSchemaFile('/nonexistent/notion.schema.yaml');
    expect(r.desired).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'file-not-found' });
    expect(r.diagnostics[0]?.hint).toMatch(/notion\.schema\.yaml/);
  });

  it('loadDesiredState throws UserInputError carrying every diagnostic, or returns warnings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-config-'));
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, `${HEAD}          Name2: { type: title }\n          X: { type: numbr }\n`);
    const err = await loadDesiredState(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as UserInputError).diagnostics.map((d) => d.code)).toEqual(['multiple-titles', 'unknown-property-type']);
    const good = join(dir, 'good.yaml');
    await writeFile(good, `${HEAD}          Go: { type: button }\n`);
    const ok = await loadDesiredState(good);
    expect(ok.desired.file).toBe(good);
    expect(ok.warnings.map((d) => d.code)).toEqual(['read-only-property-type']);
  });

  it('reports the file by its displayName: in messages, locations and DesiredState.file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-config-'));
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, `${HEAD}          X: { type: numbr }\n`);
    const err = await loadDesiredState(bad, { displayName: 'schema/bad.yaml' }).catch((e: unknown) => e) as UserInputError;
    expect(err.message).toMatch(/^schema\/bad\.yaml is invalid \(1 error above\)/);
    expect(err.diagnostics.map((d) => d.location?.file)).toEqual(['schema/bad.yaml']);
    const missing = await loadDesiredState(join(dir, 'nope.yaml'), { displayName: 'nope.yaml' }).catch((e: unknown) => e) as UserInputError;
    expect(missing.message).toBe('cannot load nope.yaml');
    expect(missing.diagnostics[0]?.message).toBe('schema file nope.yaml not found');
    const good = join(dir, 'good.yaml');
    await writeFile(good, `${HEAD}          Go: { type: button }\n`);
    const ok = await loadDesiredState(good, { displayName: 'good.yaml' });
    expect(ok.desired.file).toBe('good.yaml');
    expect(ok.warnings[0]?.location?.file).toBe('good.yaml');
    expect(JSON.stringify([err.diagnostics, missing.diagnostics, ok.warnings])).not.toContain(dir);
  });
});

describe('alias expansions (docs/schema-format.md: at most 100 per anchor)', () => {
  const uses = (n: number, anchor = '&a [1]'): string =>
    `${HEAD}x-a: ${anchor}\nx-uses:\n${Array.from({ length: n }, () => '  - *a\n').join('')}`;
  const codes = (text: string): string[] => parseSchemaText(text, 'f.yaml').diagnostics.map((d) => d.code);

  it('allows exactly 100 expansions of one anchor and refuses the 101st', () => {
    expect(codes(uses(100))).not.toContain('too-many-aliases');
    expect(codes(uses(101))).toEqual(['too-many-aliases']);
  });

  it('counts each anchor on its own, and expansions inside expansions', () => {
    const two = `${HEAD}x-a: &a [1]\nx-b: &b [2]\nx-u:\n${Array.from({ length: 90 }, () => '  - [*a, *b]\n').join('')}`;
    expect(codes(two)).not.toContain('too-many-aliases');
    // b holds 2 aliases of a: with 49 uses of b, a is expanded 2 + 98 = 100 times; with 51, 104.
    const nested = (n: number): string => `${HEAD}x-a: &a [1]\nx-b: &b [*a, *a]\nx-u:\n${Array.from({ length: n }, () => '  - *b\n').join('')}`;
    expect(codes(nested(49))).not.toContain('too-many-aliases');
    expect(codes(nested(51))).toEqual(['too-many-aliases']);
  });

  it('does not count aliases of scalars (they copy nothing)', () => {
    expect(codes(uses(500, '&a one'))).not.toContain('too-many-aliases');
  });

  it('refuses nesting deeper than 100 levels with a clear error at its position', () => {
    const r = parseSchemaText(`${HEAD}x-deep: ${'['.repeat(120)}${']'.repeat(120)}\n`, 'f.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['too-deep', 10]]);
    expect(r.diagnostics[0]?.message).toMatch(/deeper than 100 levels/);
  });
});

describe('jsonBytes (the schema size estimate without writing the JSON)', () => {
  it('is the UTF-8 length of JSON.stringify for random JSON data', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(jsonBytes(v)).toBe(Buffer.byteLength(JSON.stringify(v), 'utf8'));
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.option(fc.string({ unit: 'binary' }), { nil: undefined })), (v) => {
      expect(jsonBytes(v)).toBe(Buffer.byteLength(JSON.stringify(v), 'utf8'));
    }), { numRuns: 1000 });
  });
});

describe('estimateSchemaBytes', () => {
  /** The definition: the UTF-8 length of the schema object as the API holds it. */
  function reference(properties: Record<string, RawProperty>): number {
    const out: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(properties)) {
      Object.defineProperty(out, name, {
        value: { id: p.type === 'title' ? 'title' : 'xxxx', name, description: p.description ?? null, type: p.type, [p.type]: configOf(p) },
        enumerable: true,
      });
    }
    return Buffer.byteLength(JSON.stringify(out), 'utf8');
  }
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a"b', 'back\\slash', 'é', '🏢', '\n'));
  const option = fc.record({ name: text, color: fc.constantFrom('gray', 'blue', 'default'), description: text, group: fc.constantFrom('To-do', 'Complete') }, { requiredKeys: ['name'] });
  const property = fc.record({
    type: fc.constantFrom('title', 'rich_text', 'number', 'select', 'multi_select', 'status', 'formula', 'relation', 'rollup', 'unique_id', 'date'),
    description: text, format: fc.constantFrom('number', 'dollar'), options: fc.array(option, { maxLength: 6 }), expression: text,
    data_source: fc.constant('a.b'), dual: fc.oneof(fc.boolean(), fc.record({ property: text })), relation: text, property: text,
    function: fc.constantFrom('sum', 'count'), prefix: text,
  }, { requiredKeys: ['type'] }) as fc.Arbitrary<RawProperty>;

  it('counts exactly the bytes of the schema JSON, for random schemas (escapes, unicode, every type)', () => {
    fc.assert(fc.property(fc.dictionary(text, property, { maxKeys: 8 }), (props) => {
      expect(estimateSchemaBytes(props)).toBe(reference(props));
    }), { numRuns: 1500 });
  });
});
