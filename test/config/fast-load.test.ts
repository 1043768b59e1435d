import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { fastLoad } from '../../src/config/fast-load.js';
import { fastSourceMap } from '../../src/config/read-yaml.js';
import { createSourceMap, type SourceMap } from '../../src/config/source-map.js';
import { TRICKY, yamlFiles } from './yaml-cases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));


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
  const map = fastSourceMap(fast, text, 'f.yaml');
  for (const p of paths(ref.value)) {
    for (const target of ['key', 'value'] as const) expect([p, target, map.at(p, target)]).toEqual([p, target, ref.map.at(p, target)]);
  }
  const obj = fast.value as Record<string, unknown>;
  // A map that has resolved no path yet: a deep `at` above may have switched that one to a complete re-read.
  const fresh = fastSourceMap(fast, text, 'f.yaml');
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
    const keys = ref.map.entries(v as Record<string, unknown>, path).map(([k]) => k);
    expect(map.entries(v as Record<string, unknown>, path).map(([k]) => k)).toEqual(keys);
    const locations = fresh.keyLocations?.(v as Record<string, unknown>, path);
    if (locations !== undefined) {
      keyed++;
      expect([path, locations]).toEqual([path, keys.map((k) => ref.map.at([...path, k], 'key'))]);
    }
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  let keyed = 0;
  walk(obj, []);
  // Every mapping without merge keys answers (the index's own objects).
  const isMap = obj !== null && typeof obj === 'object' && !Array.isArray(obj);
  if (isMap && !text.includes('<<')) expect(keyed).toBeGreaterThan(0);
}


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

describe('the indexed source map resumes from the last path it resolved', () => {
  it('answers every path the same in any order, and when the caller reuses one path array', () => {
    const text = readFileSync(join(ROOT, 'examples/notion.schema.yaml'), 'utf8');
    const fast = fastLoad(text);
    if (fast.kind !== 'ok') throw new Error('fast path refused the example');
    const ref = reference(text);
    const map = fastSourceMap(fast, text, 'f.yaml');
    const all = paths(ref.value);
    // A fixed pseudo-random order (LCG), then the same paths written into one mutable array.
    let seed = 7;
    const order = all.map((p) => ({ p, r: (seed = (seed * 1103515245 + 12345) % 2147483648) })).sort((a, b) => a.r - b.r).map((x) => x.p);
    for (const p of order) expect([p, map.at(p, 'key')]).toEqual([p, ref.map.at(p, 'key')]);
    const reused: (string | number)[] = [];
    for (const p of order) {
      reused.length = 0;
      reused.push(...p);
      expect([p, map.at(reused)]).toEqual([p, ref.map.at(p)]);
    }
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

describe('a partial index (deep collections left out) is completed only when a path goes deep', () => {
  it('answers database, data source and property paths without reading the text again, and reads it once for deeper ones', () => {
    const text = readFileSync(join(ROOT, 'examples/notion.schema.yaml'), 'utf8');
    const fast = fastLoad(text);
    if (fast.kind !== 'ok' || fast.index.full === undefined) throw new Error('expected a partial index of the example');
    let reads = 0;
    const full = fast.index.full;
    const index = { ...fast.index, full: () => (reads++, full()) };
    const ref = reference(text);
    const map = fastSourceMap({ ...fast, index }, text, 'f.yaml');
    const shallow = paths(ref.value).filter((p) => p.length <= 6);
    const deep = paths(ref.value).filter((p) => p.length > 7);
    expect(shallow.length).toBeGreaterThan(50);
    expect(deep.length).toBeGreaterThan(50);
    const dbs = (fast.value as { databases: Record<string, { data_sources: Record<string, { properties: Record<string, unknown> }> }> }).databases;
    for (const p of shallow) expect([p, map.at(p, 'key'), map.at(p)]).toEqual([p, ref.map.at(p, 'key'), ref.map.at(p)]);
    for (const [db, v] of map.entries(dbs, ['databases'])) {
      for (const [ds, d] of map.entries(v.data_sources, ['databases', db, 'data_sources'])) {
        expect(map.entries(d.properties, ['databases', db, 'data_sources', ds, 'properties']).map(([k]) => k))
          .toEqual(ref.map.entries(d.properties, ['databases', db, 'data_sources', ds, 'properties']).map(([k]) => k));
      }
    }
    expect(reads).toBe(0);
    for (const p of deep) expect([p, map.at(p, 'key'), map.at(p)]).toEqual([p, ref.map.at(p, 'key'), ref.map.at(p)]);
    for (const p of shallow) expect([p, map.at(p)]).toEqual([p, ref.map.at(p)]);
    expect(reads).toBe(1);
  });
});
