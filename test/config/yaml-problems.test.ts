import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSchemaText } from '../../src/config/index.js';

const DIR = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const hintOf = (file: string): string | undefined =>
  parseSchemaText(readFileSync(DIR + file, 'utf8'), file).diagnostics[0]?.hint;

describe('YAML problems get specific hints', () => {
  it('tabs, unquoted colons and duplicate keys', () => {
    expect(hintOf('yaml-tab-indent.yaml')).toMatch(/spaces/);
    expect(hintOf('yaml-unquoted-colon.yaml')).toMatch(/quoted, e\.g\. title: "Time: start"/);
    expect(hintOf('duplicate-key.yaml')).toMatch(/only once/);
  });

  it('stops after a syntax error instead of guessing at the structure', () => {
    const r = parseSchemaText('databases:\n  a: { title: "x\n', 'f.yaml');
    expect(r.desired).toBeNull();
    expect(r.diagnostics.every((d) => d.code === 'yaml-syntax')).toBe(true);
  });
});
