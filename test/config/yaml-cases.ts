import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .yaml/.yml file under dir, recursively. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

/** YAML texts that exercise the corners of the fast paths (fast-load.test.ts, fast-yaml.test.ts). */
export const TRICKY: Record<string, string> = {
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
