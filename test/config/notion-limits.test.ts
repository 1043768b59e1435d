import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../src/config/formula-parse.js';
import { loadSchemaFile, parseSchemaText } from '../../src/config/index.js';

const HEAD = `databases:
  crm:
    title: CRM
    parent: { page_id: 5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70 }
    data_sources:
      contacts:
        title: Contacts
        properties:
          Name: { type: title }
          Amount: { type: number }
`;
type Got = [string, number | undefined, number | undefined];
const diags = (text: string, env: Record<string, string> = {}): Got[] =>
  parseSchemaText(text, 'f.yaml', { env }).diagnostics.map((d) => [d.code, d.location?.line, d.location?.col]);

describe('option count (at most 100)', () => {
  const withOptions = (n: number): string => `${HEAD}          Tags:\n            type: multi_select\n            options:\n${Array.from({ length: n }, (_, i) => `              - name: T${i}\n`).join('')}`;
  it('allows 100 options and refuses 101, at the 101st', () => {
    expect(diags(withOptions(100))).toEqual([]);
    expect(diags(withOptions(101))).toEqual([['too-many-options', 114, 23]]);
  });
});

describe('formula grammar', () => {
  const valid = [
    'prop("Amount") * 2',
    'if(prop("Amount") > 1, "big", "small")',
    'prop("Amount") > 1 ? "big" : "small"',
    'lets(a, prop("Amount"), b, 2, a + b)',
    '[1, 2, 3].map(current * 2).sum()',
    'prop("Tags").filter(current.contains("x")).length()',
    'not empty(prop("Name")) and true or false',
    '!(1 == 2) && 2 ^ 3 ^ 2 >= -4 % 3',
    '/* note */ dateAdd(now(), 1, "days").formatDate("YYYY")',
    '{{notion:block_property:abc%3D}} + 1.5e3',
    "'single' + \"double \\\" quote\"",
    'ifs(prop("Amount") < 1, "a", prop("Amount") < 2, "b", "c")',
    'style("x", "b", "red")\n  + e + pi',
  ];
  for (const f of valid) it(`accepts ${JSON.stringify(f)}`, () => expect(parseFormula(f)).toEqual({ error: null, unknownFunctions: [] }));

  const invalid: [string, number][] = [
    ['', 0], ['prop("A"', 8], ['prop("A") +', 11], ['(1 + 2', 6], ['1 + 2)', 5], ['"open', 0], ['prop(A)', 5],
    ['prop("A", "B")', 8], ['1 2', 2], ['a ? b', 5], ['f(1,)', 4], ['[1, 2', 5], ['1 # 2', 2], ['x.', 2], ['/* open', 0],
  ];
  for (const [f, at] of invalid) {
    it(`refuses ${JSON.stringify(f)} at character ${at}`, () => expect(parseFormula(f).error?.index).toBe(at));
  }

  it('reports the position inside the expression, for every scalar style', () => {
    const f = (name: string, style: string): string => `${HEAD}          ${name}:\n            type: formula\n            expression: ${style}\n`;
    expect(diags(f('P', 'prop("Amount") +'))).toEqual([['formula-syntax', 13, 41]]);
    expect(diags(f('S', "'\"it''s\" + )'"))).toEqual([['formula-syntax', 13, 36]]);
    expect(diags(f('D', '"\\"a\\" + )"'))).toEqual([['formula-syntax', 13, 34]]);
    expect(diags(f('B', '|\n              if(prop("Amount"),\n                1,\n                2 3)'))).toEqual([['formula-syntax', 16, 19]]);
  });

  it('warns about a function Notion does not have, with a suggestion', () => {
    const r = parseSchemaText(`${HEAD}          F: { type: formula, expression: 'rond(prop("Amount"))' }\n`, 'f.yaml');
    expect(r.desired).not.toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['formula-unknown-function', 'did you mean round()?']]);
  });

  it('names an unexpected character whole, an emoji included (not half of its surrogate pair)', () => {
    expect(parseFormula('prop("A") + 🏢').error?.message).toBe('unexpected character "🏢"');
    expect(parseFormula('1 + §').error?.message).toBe('unexpected character "§"');
  });

  it('never throws on deep nesting', () => {
    expect(parseFormula('('.repeat(100_000)).error).not.toBeNull();
  });
});

describe('rich text and request size', () => {
  const titled = (title: string, description = 'x'): string =>
    HEAD.replace('        title: Contacts\n', `        title: ${JSON.stringify(title)}\n        description: ${JSON.stringify(description)}\n`);
  it('allows 200,000 characters (100 items of 2,000) and refuses one more, at the title', () => {
    expect(diags(titled('a'.repeat(200_000)))).toEqual([]);
    expect(diags(titled('a'.repeat(200_001)))).toEqual([['rich-text-too-long', 7, 16]]);
  });
  it('refuses a create request over 500 KB (multi-byte text), at the data source key', () => {
    expect(diags(titled('x', '漢'.repeat(170_000)))).toEqual([['request-too-large', 6, 7]]);
  });
});

describe('icons are exactly one emoji', () => {
  const icon = (i: string): Got[] => diags(HEAD.replace('    title: CRM\n', `    title: CRM\n    icon: "${i}"\n`));
  for (const ok of ['🏢', '👩‍💻', '🇫🇷', '1️⃣', '👍🏽', '❤️']) it(`accepts ${ok}`, () => expect(icon(ok)).toEqual([]));
  for (const bad of ['🏢🏢', '🏢!', '🇫🇷🇩🇪', '👍 ']) it(`refuses ${bad}`, () => expect(icon(bad)).toEqual([['invalid-icon', 4, 11]]));
});

describe('control characters', () => {
  it('refuses NUL and other C0 characters in values and keys, from escapes and from ${VAR}', () => {
    expect(diags(HEAD.replace('title: Contacts', 'title: "Con\\0tacts"'))).toEqual([['control-character', 7, 16]]);
    expect(diags(HEAD.replace('title: Contacts', 'title: "${T}"'), { T: 'a\u001bb' })).toEqual([['control-character', 7, 16]]);
    expect(diags(`${HEAD}          "Tab\\tand\\u007f": { type: checkbox }\n`)).toEqual([['control-character', 11, 11]]);
    // Written as they are (no escape, no variable), in plain, quoted and block scalars, and in keys.
    expect(diags(HEAD.replace('title: Contacts', 'title: Con\u0001tacts'))).toEqual([['control-character', 7, 16]]);
    expect(diags(HEAD.replace('title: Contacts', "title: 'Con\u007ftacts'"))).toEqual([['control-character', 7, 16]]);
    expect(diags(HEAD.replace('title: Contacts', 'title: |\n          a\u0002b'))).toEqual([['control-character', 7, 16]]);
    expect(diags(`${HEAD}          "K\u001f": { type: checkbox }\n`)).toEqual([['control-character', 11, 11]]);
  });
  it('reports them in the environments section, and after a variable problem at the same place, in one order', () => {
    const full = (text: string, env: Record<string, string> = {}): [string, string, number | undefined, number | undefined][] =>
      parseSchemaText(text, 'f.yaml', { env, requireEnvironment: false }).diagnostics.map((d) => [d.code, d.message, d.location?.line, d.location?.col]);
    const envs = 'environments:\n  "st\\x01age": { token_env: TOK_ENV, vars: { X: "a\\x02" } }\n';
    expect(full(envs + HEAD.replace('title: Contacts', 'title: "\\x03${MISSING} ${X}"'))).toEqual([
      ['control-character', 'the key "st\\u0001age" contains the control character U+0001', 2, 3],
      ['invalid-key', 'invalid logical key "st\u0001age"', 2, 3],
      ['control-character', 'the value "a\\u0002" contains the control character U+0002', 2, 49],
      ['env-undefined', 'environment variable MISSING is not set', 9, 16],
      ['control-character', 'the value "\\u0003${MISSING} ${X}" contains the control character U+0003', 9, 16],
    ]);
    const merged = `${HEAD}          Base: &b { type: rich_text, description: "d\\x04" }\n          Copy: { <<: *b, "k\\x05": 1 }\n`;
    expect(full(merged)).toEqual([
      ['control-character', 'the value "d\\u0004" contains the control character U+0004', 11, 52],
      ['control-character', 'the value "d\\u0004" contains the control character U+0004', 12, 17],
      ['control-character', 'the key "k\\u0005" contains the control character U+0005', 12, 27],
      ['unknown-key', 'unknown key "k\u0005" in property "Copy"', 12, 27],
    ]);
  });
  it('allows tabs and line breaks', () => {
    expect(diags(HEAD.replace('title: Contacts', 'title: Contacts\n        description: "a\\tb\\nc\\r\\n"'))).toEqual([]);
  });
});

describe('ids are declared once', () => {
  it('refuses two data sources with the same id (any spelling), naming the first', () => {
    const id = '2a2e3d4c-5b6a-4789-8abc-def012345678';
    const text = `${HEAD.replace('        title: Contacts', `        id: ${id}\n        title: Contacts`)}      more:\n        id: ${id.replaceAll('-', '').toUpperCase()}\n        title: More\n        properties:\n          Name: { type: title }\n`;
    const r = parseSchemaText(text, 'f.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.location?.line, d.message])).toEqual([
      ['duplicate-id', 13, 'data source "crm.more" has the same id as data source "crm.contacts" (line 7, col 13)'],
    ]);
  });
});

describe('alias limit (docs/schema-format.md: each anchor expanded at most 100 times)', () => {
  const uses = (n: number): string => `${HEAD}x-a: &a [1]\nx-uses:\n${Array.from({ length: n }, () => '  - *a\n').join('')}`;
  // b holds 2 aliases of a: a is expanded 2 times in b, and 2 more per use of b.
  const nested = (n: number): string => `${HEAD}x-a: &a [1]\nx-b: &b [*a, *a]\nx-u:\n${Array.from({ length: n }, () => '  - *b\n').join('')}`;
  const codes = (t: string): string[] => parseSchemaText(t, 'f.yaml').diagnostics.map((d) => d.code);
  for (const [label, pre] of [['js-yaml path', ''], ['yaml fallback (directive)', '%YAML 1.2\n---\n']] as const) {
    it(`${label}: 100 expansions allowed, the 101st refused`, () => {
      expect(codes(pre + uses(100))).toEqual([]);
      expect(codes(pre + uses(101))).toEqual(['too-many-aliases']);
      expect(codes(pre + nested(49))).toEqual([]);
      expect(codes(pre + nested(50))).toEqual(['too-many-aliases']);
    });
  }
});

describe('non-UTF-8 files', () => {
  it('is one clear error at the first bad byte, never U+FFFD text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-utf8-'));
    const file = join(dir, 'latin1.yaml');
    const [before, after] = HEAD.split('title: Contacts') as [string, string];
    await writeFile(file, Buffer.concat([Buffer.from(`${before}title: "Café ☕ Caf`), Buffer.from([0xe9]), Buffer.from(`"${after}`)]));
    const r = await loadSchemaFile(file, { displayName: 'latin1.yaml' });
    expect(r.desired).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.location?.line, d.location?.col, d.message])).toEqual([
      ['invalid-utf8', 7, 27, 'the file is not valid UTF-8: byte 0xe9 at line 7, col 27'],
    ]);
  });

  it('the plan hash of a valid file is the hash of its bytes (what apply --plan checks)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-utf8-'));
    const file = join(dir, 'ok.yaml');
    const bytes = Buffer.from(`\ufeff${HEAD.replace('title: Contacts', 'title: Café ☕')}`, 'utf8');
    await writeFile(file, bytes);
    const r = await loadSchemaFile(file);
    expect(r.desired?.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
