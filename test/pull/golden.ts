import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Returns the golden file test/fixtures/<rel>, for the caller to compare with `actual`. With
 * UPDATE_GOLDEN=1 writes `actual` first. A missing golden is written too, but the call then
 * throws, so a deleted golden never lets a test pass by comparing the output with itself.
 */
export function golden(rel: string, actual: string): string {
  const path = FIXTURES + rel;
  const update = process.env['UPDATE_GOLDEN'] === '1';
  if (update || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (!update) throw new Error(`golden ${path} was missing and has been written; review it and re-run`);
  }
  return readFileSync(path, 'utf8');
}

export function fixture(rel: string): string {
  return readFileSync(FIXTURES + rel, 'utf8');
}
