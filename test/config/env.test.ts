import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandEnv } from '../../src/config/env.js';

describe('expandEnv', () => {
  it('expands ${VAR} and ${VAR:-default} in nested string values, not in keys', () => {
    const r = expandEnv({ '${K}': ['a ${A} b', { x: '${B:-dflt}', n: 3, t: true, z: null }] }, { A: '1', K: 'no' });
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({ '${K}': ['a 1 b', { x: 'dflt', n: 3, t: true, z: null }] });
  });

  it('uses the default for an unset or empty variable, and an empty value when set without default', () => {
    expect(expandEnv('${X:-d}', { X: '' }).value).toBe('d');
    expect(expandEnv('${X:-}', {}).value).toBe('');
    expect(expandEnv('[${X}]', { X: '' }).value).toBe('[]');
  });

  it('turns $$ into a literal $ and leaves a lone $ alone', () => {
    expect(expandEnv('$$5 and $$${A}, $ alone', { A: 'x' }).value).toBe('$5 and $x, $ alone');
  });

  it('reports an unset variable and a malformed reference with their paths', () => {
    const r = expandEnv({ a: ['ok', '${MISSING}'], b: '${1BAD}', c: '${UNTERMINATED' }, {});
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['env-undefined', ['a', 1]],
      ['env-invalid', ['b']],
      ['env-invalid', ['c']],
    ]);
    expect(r.value).toEqual({ a: ['ok', '${MISSING}'], b: '${1BAD}', c: '${UNTERMINATED' });
  });

  it('does not expand values produced by a substitution (no recursion)', () => {
    expect(expandEnv('${A}', { A: '${B}', B: 'no' }).value).toBe('${B}');
  });

  it('leaves strings without $ unchanged (property)', () => {
    fc.assert(fc.property(fc.string().filter((s) => !s.includes('$')), (s) => {
      const r = expandEnv(s, { A: 'x' });
      return r.value === s && r.problems.length === 0;
    }));
  });

  it('substitutes any value verbatim (property)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (pre, val) => {
      const safePre = pre.replace(/\$/g, '');
      return expandEnv(`${safePre}\${V}`, { V: val }).value === safePre + val;
    }));
  });
});

describe('secret-looking variables', () => {
  it('are refused, with or without a default, and never read from the environment', () => {
    const env = { NOTION_TOKEN: 'ntn_x', GITHUB_TOKEN: 'g', DB_PASSWORD: 'p', api_key: 'k', MY_SECRET: 's', PARENT: 'page' };
    const r = expandEnv({ a: '${NOTION_TOKEN}', b: '${GITHUB_TOKEN:-d}', c: 'x ${DB_PASSWORD}', d: '${api_key}', e: '${MY_SECRET}', f: '${PARENT}' }, env);
    expect(r.problems.map((p) => [p.path[0], p.code])).toEqual([['a', 'env-secret'], ['b', 'env-secret'], ['c', 'env-secret'], ['d', 'env-secret'], ['e', 'env-secret']]);
    expect(r.value).toEqual({ a: '${NOTION_TOKEN}', b: '${GITHUB_TOKEN:-d}', c: 'x ${DB_PASSWORD}', d: '${api_key}', e: '${MY_SECRET}', f: 'page' });
    expect(r.problems[0]?.message).toBe('${NOTION_TOKEN} names a secret; secrets are never expanded into the schema');
  });
});
