import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const exec = promisify(execFile);

/** A clean environment: no NOTION_TOKEN (so the CLI uses the embedded local workspace), npm quiet. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    NO_COLOR: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  for (const name of ['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

async function run(cmd: string, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
  }
}

/**
 * The npm package as a user gets it: `npm pack`, then `npm install ./tarball` into an empty
 * folder (dependencies from the npm registry or its cache), then the installed bin and library.
 * `npm pack --ignore-scripts` packs the dist/ that `pretest` built: a second, concurrent `tsc`
 * would rewrite dist/ under the other test files; that `prepack` builds is asserted separately.
 */
describe('the npm package (npm pack → npm install ./tarball)', () => {
  let tarball = '';
  let files: string[] = [];
  let app = '';
  const bin = (): string => join(app, 'node_modules', '.bin', 'notion-schema');

  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'ns-pack-'));
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], REPO_ROOT);
    expect(packed.stderr).not.toMatch(/npm error/);
    expect(packed.code).toBe(0);
    const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(out, info[0]?.filename ?? '');
    files = (info[0]?.files ?? []).map((f) => f.path);
    app = await mkdtemp(join(tmpdir(), 'ns-pack-app-'));
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
    const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], app);
    expect(installed.stderr).not.toMatch(/npm error/);
    expect(installed.code).toBe(0);
    await copyFile(join(REPO_ROOT, 'examples', 'notion.schema.yaml'), join(app, 'notion.schema.yaml'));
  }, 300_000);

  it('holds dist/, schemas/, bin/, README, LICENSE and CHANGELOG, and nothing of test/ or src/', () => {
    for (const f of ['bin/notion-schema.cjs', 'dist/bundle/cli.cjs', 'dist/bundle/cli.cjs.cache', 'dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts', 'schemas/notion-schema.schema.json', 'schemas/plan.schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(test|src|bench|scripts|\.ci|docs|examples|action)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('dist/action/'))).toEqual([]);
  });

  it('builds in prepack, and does not depend on itself', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>; devDependencies: Record<string, string>; dependencies: Record<string, string>;
    };
    expect(pkg.scripts['prepack']).toBe('npm run build');
    expect(pkg.devDependencies['notion-schema']).toBeUndefined();
    expect(pkg.dependencies['notion-schema']).toBeUndefined();
  });

  it('runs `notion-schema validate` and `plan` from the install, against the embedded local workspace', async () => {
    const validate = await run(bin(), ['validate', 'notion.schema.yaml'], app);
    expect(validate.stderr).not.toMatch(/Error:|at .*\.js:\d+/);
    expect(validate.code).toBe(0);
    const plan = await run(bin(), ['plan', 'notion.schema.yaml'], app);
    expect(plan.code).toBe(0);
    expect(plan.stderr).toMatch(/local workspace/i);
    expect(plan.stdout).toContain('CRM');
    expect(plan.stdout).toMatch(/create/i);
    expect(await readdir(join(app, '.notion-schema'))).toContain('local-workspace.json');
  });

  it('exposes the library entry point with type declarations', async () => {
    const lib = await run(process.execPath, ['--input-type=module', '-e', "const l = await import('notion-schema'); console.log(typeof l.buildPlan, typeof l.parseSchemaText, l.TOOL_VERSION)"], app);
    expect(lib.stderr).toBe('');
    const version = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(lib.stdout.trim()).toBe(`function function ${version}`);
    const installed = JSON.parse(await readFile(join(app, 'node_modules', 'notion-schema', 'package.json'), 'utf8')) as { types: string };
    const dts = await readFile(join(app, 'node_modules', 'notion-schema', installed.types), 'utf8');
    expect(dts).toContain('buildPlan');
  });

  it('installs globally (npm i -g) with a working bin', async () => {
    const prefix = await mkdtemp(join(tmpdir(), 'ns-pack-global-'));
    const installed = await run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], app);
    expect(installed.code).toBe(0);
    const help = await run(join(prefix, 'bin', 'notion-schema'), ['--help'], prefix);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('plan');
  }, 240_000);
});
