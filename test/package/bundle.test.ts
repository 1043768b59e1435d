import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from '../helpers/cli.js';

/**
 * The bin runs dist/bundle/cli.cjs (esbuild, scripts/bundle-cli.mjs) with its code cache when it is
 * there; dist/cli/ is the tsc output of the same sources. Both must behave alike: same output, files
 * and exit code, including what depends on where the code sits (the schemas next to the package, its
 * version).
 */
function runWith(entry: string, args: readonly string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const runner = join(mkdtempSync(join(tmpdir(), 'ns-entry-')), 'run.mjs');
  writeFileSync(runner, `const { main } = await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, entry)).href)});\nprocess.exitCode = await main(process.argv);\n`);
  return spawnRun([runner, ...args], cwd);
}

function spawnRun(argv: readonly string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, argv, {
    cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled CLI (dist/bundle) and the compiled one (dist/cli) behave alike', () => {
  /** Arguments and the exit code both must give. */
  const cases: readonly (readonly [readonly string[], number])[] = [
    [['--version'], 0], [['--help'], 0], [['help', 'apply'], 0],
    [['validate', 'examples/notion.schema.yaml'], 0], [['validate', 'test/fixtures/invalid'], 1],
    [['plan', '--json', 'examples/notion.schema.yaml'], 0],
    [['codegen', '--out', 'types.ts', 'examples/notion.schema.yaml'], 0], [['graph', 'examples/notion.schema.yaml'], 0],
    [['pull', '--help'], 0], [['no-such-command'], 1],
  ];
  for (const [args, code] of cases) {
    it(`${args.join(' ')} (exit ${code})`, () => {
      // Each run in its own copy of the examples: plan writes the embedded workspace's state.
      const cwd = mkdtempSync(join(tmpdir(), 'ns-bundle-'));
      const dirs = ['examples', 'test/fixtures/invalid'];
      for (const d of dirs) cpSync(join(REPO_ROOT, d), join(cwd, d), { recursive: true });
      const cwd2 = mkdtempSync(join(tmpdir(), 'ns-bundle-'));
      for (const d of dirs) cpSync(join(REPO_ROOT, d), join(cwd2, d), { recursive: true });
      // What a command wrote (codegen's types.ts) counts as its output.
      const written = (dir: string): string => (existsSync(join(dir, 'types.ts')) ? readFileSync(join(dir, 'types.ts'), 'utf8') : '');
      const b = spawnRun([BIN, ...args], cwd);
      const c = runWith('dist/cli/main.js', args, cwd2);
      const bundled = { ...b, stdout: b.stdout + written(cwd) };
      const compiled = { ...c, stdout: c.stdout + written(cwd2) };
      // Each run's fresh embedded workspace has its own ids and times.
      const same = (s: string): string => s.replaceAll(cwd, 'DIR').replaceAll(cwd2, 'DIR')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, 'TIME');
      expect({ ...bundled, stdout: same(bundled.stdout), stderr: same(bundled.stderr) })
        .toEqual({ ...compiled, stdout: same(compiled.stdout), stderr: same(compiled.stderr) });
      expect(bundled.code).toBe(code);
      expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
    });
  }
});
