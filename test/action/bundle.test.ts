import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/cli.js';

const exec = promisify(execFile);

/** The committed Action bundle (action/dist/main.mjs) must be what `npm run bundle` makes from today's sources. */
describe('the committed Action bundle', () => {
  it('is up to date with src/ and the locked dependencies (scripts/bundle-action.mjs --check)', async () => {
    const r = await exec(process.execPath, ['scripts/bundle-action.mjs', '--check'], { cwd: REPO_ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code?: number; stderr?: string }) => ({ code: err.code ?? 1, stderr: err.stderr ?? '' }),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('is the one file action.yml runs, an ES module that needs no node_modules', async () => {
    const meta = parse(await readFile(`${REPO_ROOT}action.yml`, 'utf8')) as { runs: { using: string; main: string } };
    expect(meta.runs.main).toBe('action/dist/main.mjs');
    const text = await readFile(`${REPO_ROOT}${meta.runs.main}`, 'utf8');
    // Every import left is a Node.js built-in.
    const imports = [...text.matchAll(/^import .* from ["']([^"']+)["'];?$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((s) => !s?.startsWith('node:'))).toEqual([]);
    // (That it runs without node_modules is shown by e2e.test.ts, which runs it from a bare checkout.)
    // Small enough to review: under 3 MB and not minified: one statement per line, the only long
    // lines being undici's two embedded WebAssembly HTTP parsers (base64).
    expect((await stat(`${REPO_ROOT}${meta.runs.main}`)).size).toBeLessThan(3_000_000);
    expect(text.split('\n').filter((l) => l.length > 2_000)).toHaveLength(2);
  });
});
