import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares `actual` with the fixture at `path`; with UPDATE_GOLDEN=1 rewrites it. A missing fixture
 * is written and fails the test, so a new golden is always reviewed before it passes.
 */
export function golden(path: string, actual: string): void {
  const update = process.env['UPDATE_GOLDEN'] === '1';
  if (update || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (!update) throw new Error(`golden ${path} was missing and has been written; review it and re-run`);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
