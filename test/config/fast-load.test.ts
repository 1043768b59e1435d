import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { fastLoad } from '../../src/config/fast-load.js';
import { lineIndex } from '../../src/config/line-index.js';
import { createIndexedSourceMap } from '../../src/config/source-index.js';
import { createSourceMap, type SourceMap } from '../../src/config/source-map.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

/** Every path into `value` (through every own key, merged ones included) up to `limit` paths. */
function paths(value: unknown, limit = 4000): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (out.length > limit || v === null || typeof v !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      out.push([...path, k]);
      walk(x, [...path, k]);
    }
    out.push([...path, 'no-such-key']);
  };
  walk(value, []);
  return out;
}

/** The reference: the `yaml` Document, as the loader used it before the fast path. */
function reference(text: string): { value: unknown; map: SourceMap } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
  return { value: doc.toJS({ maxAliasCount: -1 }), map: createSourceMap(doc, lineCounter, 'f.yaml') };
}

/** Parses with both and compares the values, every location and every key order. */
function same(text: string): void {
  const fast = fastLoad(text);
  if (fast.kind !== 'ok') throw new Error(`fast path refused: ${fast.kind === 'fallback' ? fast.reason : 'too deep'}`);
  const ref = reference(text);
  expect(fast.value).toEqual(ref.value);
  const map = createIndexedSourceMap(fast.value, fast.index, lineIndex(text, 'f.yaml'));
  for (const p of paths(ref.value)) {
    for (const target of ['key', 'value'] as const) expect([p, target, map.at(p, target)]).toEqual([p, target, ref.map.at(p, target)]);
  }
  const obj = fast.value as Record<string, unknown>;
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
    expect(map.entries(v as Record<string, unknown>, path).map(([k]) => k)).toEqual(ref.map.entries(v as Record<string, unknown>, path).map(([k]) => k));
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(obj, []);
}

const TRICKY: Record<string, string> = {
  'empty values': 'a:\nb: 1\nc: # c\nd:   \n',
  'comments and blank lines': 'a:   # c\n\n  # only\n  x: 1\n',
  'anchors, aliases and merges': 'x-base: &b { type: select, options: [{ name: A }] }\np:\n  <<: *b\n  type: multi_select\nq: *b\n',
  'merge of a list': 'x-a: &a { k: 1 }\nx-b: &b { k: 2, j: 3 }\nm:\n  <<: [*a, *b]\n  z: 0\n',
  'tags': 'a: !!str 5\nb: ! 7\nc: !!int "8"\n',
  'anchor on a block mapping': 'a: &y\n  p: 1\nb: *y\n',
  'sequences': 'a:\n- 1\n- - 2\n  - 3\n- { k: v }\n- k: v\n  j: w\n',
  'flow collections': '"q": [ a ,b, [c]]\nm: {a: 1, "b": [2], c: {d: e}}\n',
  'CRLF line ends': 'a: b\r\nc:\r\n  d: e\r\n',
  'a BOM': '\uFEFFa: 1\nb: 2\n',
  'block scalars': 'a: |\n  line 1\n  line 2\nb: >-\n  folded\n  text\nc: 1\n',
  'multi-line quoted scalars': 'a: "one\n  two"\nb: \'x\n\n  y\'\nc: 3\n',
  'YAML 1.1 booleans stay strings': 'a: yes\nb: no\nc: on\nd: off\ne: y\nf: True\ng: FALSE\n',
  'numbers as YAML 1.2 core': 'a: 017\nb: 0o17\nc: 0x1F\nd: 1_000\ne: 1e3\nf: .5\ng: .inf\nh: -.Inf\ni: +12\nj: 1.\nk: 0b101\nl: 12:30\n',
  'no timestamps': 'a: 2024-01-01\nb: 2001-12-14t21:59:43.10-05:00\n',
  'nulls': 'a: ~\nb: null\nc: Null\nd: NULL\ne: nul\n',
  'keys that are not strings': '1: a\ntrue: b\n2.50: d\n0o17: e\n.inf: f\n',
  'a key named __proto__': '__proto__: { a: 1 }\nconstructor: 2\n',
  'document start and end markers': '---\na: 1\n...\n',
  'unicode': 'é: "🏢"\n"日本": ü\n',
  'deep but legal nesting': `${'a:\n'.split('').length ? Array.from({ length: 30 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') : ''} end\n`,
};

describe('the fast YAML path (js-yaml + position index) reads exactly what the `yaml` package reads', () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    it(name, () => same(text));
  }

  const files = [...yamlFiles(join(ROOT, 'test/fixtures')), ...yamlFiles(join(ROOT, 'examples'))]
    .filter((f) => !f.endsWith('alias-bomb.yaml'));
  it(`every fixture and example (${files.length} files) that both read`, () => {
    let compared = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const doc = parseDocument(text, { uniqueKeys: true, strict: true, merge: true });
      const fast = fastLoad(text);
      if (doc.errors.length > 0) {
        expect(fast.kind, f).not.toBe('ok');
        continue;
      }
      expect.soft(fast.kind, f).toBe('ok');
      if (fast.kind === 'ok') {
        same(text);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('the fast path hands these to the `yaml` package (reported exactly as before)', () => {
  const cases: Record<string, string> = {
    'duplicate keys': 'a: 1\na: 2\n',
    'a syntax error': 'a: [1, 2\n',
    'an explicit key': '? a\n: 1\n',
    'a custom tag': 'a: !thing 1\n',
    'a YAML 1.1 tag': 'a: !!binary aGVsbG8=\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'a tab in indentation': 'a:\n\tb: 1\n',
    'a NUL byte': 'a: "x\u0000"\n',
    'a null key (yaml names it "", js-yaml "null")': 'null: 1\n~: 2\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => expect(fastLoad(text).kind).toBe('fallback'));
  }

  it('refuses nesting deeper than 100 levels with its position', () => {
    const text = `a: ${'['.repeat(150)}${']'.repeat(150)}\n`;
    const r = fastLoad(text);
    expect(r.kind).toBe('too-deep');
  });
});
