import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Compares `actual` with the golden file test/fixtures/<rel>. With UPDATE_GOLDEN=1 (or when the
 * golden does not exist yet) writes it instead; then returns the written text, so a test still
 * asserts on content rather than passing vacuously.
 */
export function golden(rel: string, actual: string): string {
  const path = FIXTURES + rel;
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  return readFileSync(path, 'utf8');
}

export function fixture(rel: string): string {
  return readFileSync(FIXTURES + rel, 'utf8');
}
