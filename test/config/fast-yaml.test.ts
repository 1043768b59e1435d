import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { generateScale } from '../../bench/gen-scale.js';
import { fastLoad, jsYamlLoad, type FastLoad, type NodeIndex } from '../../src/config/fast-load.js';
import { decodeBytes, toByteText } from '../../src/config/byte-text.js';
import { EAGER_INDEX_DEPTH, fastYaml } from '../../src/config/fast-yaml.js';
import { TRICKY, yamlFiles } from './yaml-cases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** An index entry without its lazily built look-up table. */
const entry = (index: NodeIndex, node: object): unknown => {
  const info = index.infos.get(node);
  if (info === undefined) return undefined;
  const { lookup: _lookup, ...rest } = info as typeof info & { lookup?: unknown };
  return rest;
};

/** Walks both values together: same own keys in order, same prototype, same index entry per collection. The first difference's path, or null. */
function difference(a: unknown, b: unknown, ia: NodeIndex, ib: NodeIndex, path: string): string | null {
  if (a === null || typeof a !== 'object') return Object.is(a, b) ? null : path;
  if (b === null || typeof b !== 'object' || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return path;
  if (!isDeepStrictEqual(Reflect.ownKeys(a), Reflect.ownKeys(b))) return `${path} (keys)`;
  if (!isDeepStrictEqual(entry(ia, a), entry(ib, b))) return `${path} (index: ${JSON.stringify(entry(ia, a))} vs ${JSON.stringify(entry(ib, b))})`;
  for (const k of Object.keys(a)) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], ia, ib, `${path}/${k}`);
    if (d !== null) return d;
  }
  return null;
}

/** Why the new reader fell back, by reason (for the property test's message). */
const reasons = new Map<string, number>();

/** The new reader's result: fallback, or exactly the js-yaml path's (value and index). Returns whether it read the text. */
function agrees(text: string): boolean {
  const fast = fastYaml(text);
  if (fast.kind !== 'ok') {
    expect(fast.kind).toBe('fallback');
    if (fast.kind === 'fallback') reasons.set(fast.reason, (reasons.get(fast.reason) ?? 0) + 1);
    return false;
  }
  const old: FastLoad = jsYamlLoad(text);
  expect(old.kind, JSON.stringify(text)).toBe('ok');
  if (old.kind !== 'ok') return false;
  expect(parseDocument(text, { uniqueKeys: true, strict: true, merge: true }).errors, JSON.stringify(text)).toEqual([]);
  expect(fast.value).toEqual(old.value);
  // A partial index (deep collections left out) completes to the js-yaml path's, and agrees with it where it has entries.
  const full = fast.index.full?.() ?? fast;
  expect(full.index.full).toBeUndefined();
  expect(full.value).toEqual(old.value);
  expect(difference(full.value, old.value, full.index, old.index, ''), JSON.stringify(text)).toBe(null);
  expect(partialDifference(fast.value, full.value, fast.index, full.index, '', 1), JSON.stringify(text)).toBe(null);
  expect(full.index.infos.size).toBe(old.index.infos.size);
  expect(fast.index.aliases).toBe(old.index.aliases);
  expect(fast.index.root).toBe(old.index.root);
  agreesAsBytes(text, old);
  return true;
}

/**
 * A text with characters above U+007F, read as its UTF-8 bytes (byte-text.ts): the same value,
 * and the same index once its byte offsets are counted in UTF-16 units.
 */
function agreesAsBytes(text: string, old: Extract<FastLoad, { kind: 'ok' }>): void {
  const bytes = toByteText(text);
  if (bytes === null) return;
  const fast = fastYaml(text, Infinity, bytes);
  expect(fast.kind, JSON.stringify(text)).toBe('ok');
  if (fast.kind !== 'ok') return;
  expect(fast.value).toEqual(old.value);
  // Byte offset → UTF-16 offset, in one pass (a lead byte of 4 starts a surrogate pair).
  const table = new Int32Array(bytes.s.length + 1);
  for (let b = 0, u = 0; b <= bytes.s.length; b++) {
    table[b] = u;
    const c = bytes.s.charCodeAt(b);
    if (c < 0x80 || c >= 0xc0) u += c >= 0xf0 ? 2 : 1;
  }
  expect(table[bytes.s.length]).toBe(decodeBytes(bytes.s).length);
  const units = (b: number): number => table[b] as number;
  const infos = new Map([...fast.index.infos].map(([node, info]) => [node, { ...info, at: info.at.map(units) }] as const));
  const index: NodeIndex = { infos, aliases: fast.index.aliases, root: units(fast.index.root) };
  expect(difference(fast.value, old.value, index, old.index, ''), JSON.stringify(text)).toBe(null);
  bytePaths++;
}

/** How many texts the byte path read (the tests check it was exercised). */
let bytePaths = 0;

/** Every collection nested at most EAGER_INDEX_DEPTH deep has its full entry in the partial index; deeper ones none. */
function partialDifference(a: unknown, b: unknown, partial: NodeIndex, full: NodeIndex, path: string, depth: number): string | null {
  if (a === null || typeof a !== 'object') return null;
  const want = depth <= EAGER_INDEX_DEPTH ? entry(full, b as object) : undefined;
  if (!isDeepStrictEqual(entry(partial, a), want)) return `${path} at depth ${depth}: ${JSON.stringify(entry(partial, a))} vs ${JSON.stringify(want)}`;
  for (const k of Object.keys(a)) {
    const d = partialDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], partial, full, `${path}/${k}`, depth + 1);
    if (d !== null) return d;
  }
  return null;
}

describe('fast-yaml.ts reads what the js-yaml path reads, or hands the text to it', () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    it(name, () => {
      agrees(text);
      agrees(text.replace(/\n/g, '\r\n'));
    });
  }

  it('every fixture and example; the examples and valid fixtures without falling back', () => {
    const files = [...yamlFiles(join(ROOT, 'test/fixtures')), ...yamlFiles(join(ROOT, 'examples'))];
    let read = 0;
    for (const f of files) if (agrees(readFileSync(f, 'utf8'))) read++;
    const schemas = [...yamlFiles(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')), ...yamlFiles(join(ROOT, 'test/fixtures/valid'))]
      .filter((f) => !f.endsWith('anchors-and-merge.yaml'));
    for (const f of schemas) expect(fastYaml(readFileSync(f, 'utf8')).kind, f).toBe('ok');
    expect(read).toBeGreaterThan(50);
    expect(bytePaths).toBeGreaterThan(5);
  });

  it('a generated schema of 30 data sources, without falling back', () => {
    const parent = { parent: 'a3857312-2d80-4f6d-b6b3-0964702cd017' };
    const text = generateScale(30, parent);
    expect(agrees(text)).toBe(true);
    expect(agrees(`\uFEFF---\r\n${generateScale(3, parent).replace(/\n/g, '\r\n')}`)).toBe(true);
    // fastLoad takes the new reader's result.
    const viaFastLoad = fastLoad(text);
    expect(viaFastLoad.kind === 'ok' && viaFastLoad.index.infos.size).toBe((fastYaml(text) as { index: NodeIndex }).index.infos.size);
    // Only the top levels are indexed up front: a small share of the collections of a large file.
    const eager = (fastYaml(text) as { index: NodeIndex }).index;
    const complete = eager.full?.().index;
    expect(complete?.infos.size).toBeGreaterThan(eager.infos.size * 10);
  });

  it('reads common block scalars (literal, folded, each chomping, empty lines, comments) as js-yaml does', () => {
    const cases = [
      'a: |\n  line 1\n    indented\n\n  line 3\nb: 1\n', 'a: >\n  one\n  two\n\n  three\n\n\n  four\nb: 1\n',
      'a: |-\n  x\n\nb: 1\n', 'a: |+\n  x\n\n\nb: 1\n', 'a: >+\n  x\n  y\n\n', 'a: >-\n\n  x\n  y\n', 'a: | # note\n  x\n# c\nb: 2\n',
      'a:\n  b: |\n    if(prop("A") > 1,\n      "big", "small")\n  c: 3\n', 'a: |\n  é 🏢 "q" \\ \'s\'\n', 'a: >\n  x\n\n',
    ];
    for (const text of cases) {
      expect(fastYaml(text).kind, JSON.stringify(text)).toBe('ok');
      expect(agrees(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('falls back on what it does not read', () => {
    const cases = [
      'a: |2\n  x\n', '- |\n  x\n', 'a: >\n  x\n    more\n', 'a: |\n  x', 'a: "x\n  y"\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '? a\n: 1\n', 'a: 1\na: 2\n', '~: 1\n',
      '<<: {a: 1}\n', 'a: 1\n---\nb: 2\n', '%YAML 1.2\n---\na: 1\n', 'a:\n\tb: 1\n', 'a: "x\u0000"\n', 'a: [1,\n 2]\n',
      'a: b: c\n', 'a: 1\n  b: 2\n', '"<<": 1\n', '{ <<: 1 }\n', 'a: \'x\'y\n', '---x: 1\n', '- a\nb: 1\n', '', '# only\n', 'a: [1, 2\n', `a: ${'['.repeat(150)}${']'.repeat(150)}\n`,
    ];
    for (const text of cases) expect(fastYaml(text).kind, JSON.stringify(text)).toBe('fallback');
  });
});

/** Plain scalars the reader handles (as values at least), and ones it should refuse or that change the structure. */
const WORDS = [
  'a', 'name', 'Option 1', 'gray', 'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'Null', 'nul', '0', '-0', '017', '0o17',
  '0x1F', '-0x1', '1_000', '1e3', '1E-3', '.5', '5.', '+12', '-.inf', '.NaN', '.nan', '2024-01-01', '12:30', 'a:b', 'a b', 'x-y',
  '-x', 'é', '🏢', '日本', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '1.0', '2.50', 'a#b', 'x]', 'x?', "it's",
];
const ODD_WORDS = ['null', '~', 'a, b', 'x}', 'x[', '<<', 'a #b', '@x', '`x', '%x', 'x:', 'x :y', '- x', '-', '?x', 'a\tb', '&a', '*a', '!t', '|', '>'];
const DQ_PARTS = ['a', ' ', '\\n', '\\"', '\\\\', '\\u00e9', '\\x41', '\\t', '\t', 'é', '🏢', "'", '#', ': ', '\\U0001F600', '\\/', '\\N', '\\_', '\\ '];
const ODD_DQ_PARTS = ['\\q', '\\ud800', '\\x4', '\n', '\\'];

type Tree = { readonly s: string } | { readonly m: [string, Tree, number][]; readonly f: boolean } | { readonly q: Tree[]; readonly f: boolean };

/** Scalars the reader handles (quoted ones with escapes), or with `odd` also ones it should refuse or that change the structure. */
const scalars = (odd: number): fc.Arbitrary<string> => fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 12 },
  { arbitrary: fc.constantFrom(...ODD_WORDS), weight: odd },
  { arbitrary: fc.string({ maxLength: 6, unit: fc.constantFrom('a', ' ', "'", '"', '#', ':', 'é', '\\') }).map((s) => `'${s.replace(/'/g, "''")}'`), weight: 2 },
  { arbitrary: fc.string({ maxLength: 6 }).map((s) => `'${s.replace(/'/g, "''")}'`), weight: odd },
  { arbitrary: fc.array(fc.constantFrom(...DQ_PARTS), { maxLength: 5 }).map((a) => `"${a.join('')}"`), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom(...DQ_PARTS, ...ODD_DQ_PARTS), { maxLength: 5 }).map((a) => `"${a.join('')}"`), weight: odd },
);

/** Trees of mappings, sequences (block or flow) and scalars. */
const trees = (scalar: fc.Arbitrary<string>): fc.Arbitrary<Tree> => fc.letrec<{ tree: Tree; map: Tree; seq: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, scalar.map((s) => ({ s })), tie('map'), tie('seq')),
  map: fc.record({ m: fc.array(fc.tuple(scalar, tie('tree'), fc.nat(7)), { maxLength: 4 }), f: fc.boolean() }),
  seq: fc.record({ q: fc.array(tie('tree'), { maxLength: 4 }), f: fc.boolean() }),
})).tree;

const isBlock = (t: Tree): boolean => !('s' in t) && !t.f && ('m' in t ? t.m.length > 0 : t.q.length > 0);

/** A tree in flow style (scalars as they are). */
function flow(t: Tree, style: number): string {
  if ('s' in t) return t.s;
  const sp = style % 2 === 0 ? ' ' : '';
  if ('m' in t) return `{${sp}${t.m.map(([k, v, st]) => `${k}:${' '.repeat(1 + (st % 2))}${flow(v, st)}`).join(`,${' '.repeat(1 + (style % 3))}`)}${sp}}`;
  return `[${sp}${t.q.map((v) => flow(v, style)).join(style % 3 === 0 ? ',' : ', ')}${sp}]`;
}

/** A block collection's lines at `indent`. */
function block(t: Tree, indent: number, style: number): string[] {
  const pad = ' '.repeat(indent);
  if ('m' in t) {
    return t.m.flatMap(([k, v, st]) => {
      const comment = st === 5 ? '   # note' : '';
      if (!isBlock(v)) return [`${pad}${k}:${' '.repeat(1 + (st % 2))}${flow(v, st)}${comment}`];
      const inner = 'q' in v && st % 3 === 0 ? indent : indent + 1 + (st % 3);
      return [`${pad}${k}:${comment}`, ...(st === 7 ? [`${' '.repeat(st)}# a comment`, ''] : []), ...block(v, inner, st)];
    });
  }
  return (t as { q: Tree[] }).q.flatMap((v) => {
    if (!isBlock(v)) return [`${pad}-${' '.repeat(1 + (style % 2))}${flow(v, style)}`];
    if (style % 4 === 3) return [`${pad}-`, ...block(v, indent + 2, style + 1)];
    const lines = block(v, indent + 2, style + 1);
    return [`${pad}- ${(lines[0] ?? '').slice(indent + 2)}`, ...lines.slice(1)];
  });
}

const NOISE = [' ', ':', '-', '#', '\t', '\n', '"', "'", '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '?', '\r\n', '\n  ', '\n- ', ': x'];

/** Documents: a block mapping of trees, sometimes after `---`, indented, with CRLF, or with one piece of noise inserted. */
const documents = (odd: number): fc.Arbitrary<string> => fc.record({
  root: fc.record({ m: fc.array(fc.tuple(scalars(odd), trees(scalars(odd)), fc.nat(7)), { minLength: 1, maxLength: 5 }), f: fc.constant(false) }),
  style: fc.nat(7),
  crlf: fc.boolean(),
  noise: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...NOISE)), weight: 1 }),
}).map(({ root, style, crlf, noise }) => {
  let text = `${style === 1 ? '---\n' : ''}${block(root, style === 2 ? 2 : 0, style).join('\n')}\n`;
  if (noise) text = text.slice(0, noise[0] % text.length) + noise[1] + text.slice(noise[0] % text.length);
  return crlf ? text.replace(/\n/g, '\r\n') : text;
});

describe('fast-yaml.ts on random schema-like YAML', () => {
  /** FAST_YAML_RUNS=100000 for a long hunt. */
  const runs = Number(process.env['FAST_YAML_RUNS'] ?? 1000);
  const check = (odd: number, runs: number): number => {
    let read = 0;
    reasons.clear();
    fc.assert(fc.property(documents(odd), (text) => {
      if (agrees(text)) read++;
    }), { numRuns: runs });
    return read / runs;
  };

  it('reads the same as the js-yaml path, or falls back (mostly reads clean documents)', () => {
    const share = check(0, runs);
    if (process.env['FAST_YAML_RUNS']) console.log('share read', share, [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8));
    expect(share, JSON.stringify([...reasons].sort((a, b) => b[1] - a[1]))).toBeGreaterThan(0.5);
  });

  it('reads the same as the js-yaml path, or falls back (odd scalars)', () => {
    check(1, runs);
  });
});

describe('block scalars, random (fast-check)', () => {
  const line = fc.oneof(
    fc.constant(''), fc.constant('   '), fc.constantFrom('x', 'two words', 'if(prop("A") > 1, "a", "b")', 'é 🏢', '# not a comment', 'k: v', '- item'),
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom('deeper', 'x y')).map(([n, w]) => `${' '.repeat(n)}${w}`),
  );
  const doc = fc.record({
    indicator: fc.constantFrom('|', '>', '|-', '|+', '>-', '>+', '| # c'),
    lines: fc.array(line, { minLength: 1, maxLength: 6 }),
    indent: fc.integer({ min: 1, max: 4 }),
    nested: fc.boolean(),
    after: fc.constantFrom('', 'b: 1\n', '# end\nb: 2\n', '\n\nb: 3\n'),
  }).map(({ indicator, lines, indent, nested, after }) => {
    const base = nested ? '  ' : '';
    const body = lines.map((l) => (l === '' ? '' : `${base}${' '.repeat(indent)}${l}`)).join('\n');
    return `${nested ? 'top:\n' : ''}${base}a: ${indicator}\n${body}\n${nested ? after.replace(/^(?=.)/gm, '  ') : after}`;
  });

  it('each is read as the js-yaml path reads it, or handed to it; most are read', () => {
    let read = 0;
    let runs = 0;
    fc.assert(fc.property(doc, (text) => {
      runs++;
      if (agrees(text)) read++;
    }), { numRuns: Number(process.env['FAST_YAML_RUNS'] ?? 400) });
    expect(read / runs).toBeGreaterThan(0.15);
  });
});
