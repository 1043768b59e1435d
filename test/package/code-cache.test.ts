import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * bin/notion-schema.cjs runs dist/bundle/cli.cjs with V8's code cache, dist/bundle/cli.cjs.cache. V8
 * checks only the source's length, so the bin must refuse a cache made from other bytes itself; a
 * damaged cache must cost speed, never correctness. Each case runs on a copy of the package.
 */
function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ns-cache-'));
  for (const d of ['bin', 'dist/bundle', 'schemas', 'examples']) cpSync(join(REPO_ROOT, d), join(dir, d), { recursive: true, preserveTimestamps: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function validate(dir: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'notion-schema.cjs'), 'validate', 'examples/notion.schema.yaml'], {
    cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cacheOf = (dir: string): string => join(dir, 'dist', 'bundle', 'cli.cjs.cache');

describe('the code cache of the bundled CLI', () => {
  it('runs bundles that are ASCII (the bin reads them as latin1, without decoding UTF-8)', () => {
    for (const f of ['cli.cjs', 'undici.cjs']) expect(isAscii(readFileSync(join(REPO_ROOT, 'dist', 'bundle', f))), f).toBe(true);
  });

  it('is used as built: a run accepts it and leaves it alone', () => {
    const dir = packageCopy();
    // The copy keeps the bundle's bytes but not necessarily its time: one run makes the cache its own.
    expect(validate(dir).code).toBe(0);
    const before = readFileSync(cacheOf(dir));
    const mtime = statSync(cacheOf(dir)).mtimeMs;
    const r = validate(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is valid: 4 databases/);
    expect(statSync(cacheOf(dir)).mtimeMs).toBe(mtime);
    expect(readFileSync(cacheOf(dir)).equals(before)).toBe(true);
  });

  it('is not used for a bundle of the same length but other bytes', () => {
    const dir = packageCopy();
    expect(validate(dir).code).toBe(0); // a cache that matches the copy, holding validate's compiled code
    const bundle = join(dir, 'dist', 'bundle', 'cli.cjs');
    const source = readFileSync(bundle, 'utf8');
    expect(source).toContain(' is valid');
    const edited = source.replace(' is valid', ' IS VALID');
    expect(edited.length).toBe(source.length);
    writeFileSync(bundle, edited);
    const r = validate(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/IS VALID: 4 databases/);
  });

  it('is rewritten when damaged, and the command still runs correctly', () => {
    const dir = packageCopy();
    expect(validate(dir).code).toBe(0);
    const good = readFileSync(cacheOf(dir));
    const newline = good.indexOf(10, good.indexOf(10) + 1) + 1; // end of the two header lines
    const damaged = Buffer.concat([good.subarray(0, newline), Buffer.alloc(good.length - newline, 0x5a)]);
    for (const bytes of [damaged, good.subarray(0, newline + 100), Buffer.from('garbage')]) {
      writeFileSync(cacheOf(dir), bytes);
      const r = validate(dir);
      expect({ code: r.code, stderr: r.stderr.includes('error') }).toEqual({ code: 0, stderr: false });
      expect(r.stdout).toMatch(/is valid: 4 databases/);
      expect(readFileSync(cacheOf(dir)).subarray(0, newline).equals(good.subarray(0, newline))).toBe(true);
      expect(readFileSync(cacheOf(dir)).length).toBeGreaterThan(newline + 1000);
    }
  });
});
