import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSchemaText } from '../../src/config/index.js';

const DIR = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

interface Expected {
  readonly line: number;
  readonly col: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}
const EXPECTED = JSON.parse(readFileSync(`${DIR}expected.json`, 'utf8')) as Record<string, Expected[]>;

describe('invalid fixtures (test/fixtures/invalid/*.yaml, expectations in expected.json)', () => {
  it('has at least 30 fixtures, each with expectations, and no stale expectations', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(EXPECTED).sort()).toEqual(FILES);
  });

  it('covers at least 30 distinct diagnostic codes', () => {
    const codes = new Set(Object.values(EXPECTED).flatMap((ds) => ds.map((d) => d.code)));
    expect(codes.size).toBeGreaterThanOrEqual(30);
  });

  for (const file of FILES) {
    it(`${file}: reports exactly the expected problems at the expected positions`, () => {
      const result = parseSchemaText(readFileSync(DIR + file, 'utf8'), file, { env: {} });
      expect(result.desired).toBeNull();
      const got = result.diagnostics.map((d) => ({
        line: d.location?.line, col: d.location?.col, severity: d.severity, code: d.code, message: d.message,
      }));
      expect(got).toEqual(EXPECTED[file]);
      for (const d of result.diagnostics) {
        expect(d.location?.file).toBe(file);
        expect(d.hint, `${d.code} has a hint`).toMatch(/\S/);
      }
    });
  }
});
