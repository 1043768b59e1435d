import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

async function inProcess(args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'notion-schema', ...args], {
    stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: opts.cwd ?? REPO_ROOT, env: opts.env ?? {}, isTTY: false,
  });
  return { code, stdout, stderr };
}

describe('notion-schema validate', () => {
  it('accepts the example in a fresh checkout (real bin), warnings on stderr only', async () => {
    const r = await runCli(['validate', 'examples/notion.schema.yaml']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ examples\/notion\.schema\.yaml is valid: 4 databases, 6 data sources, \d+ properties, 2 warnings\n$/);
    expect(r.stderr).toContain('examples/notion.schema.yaml:116:30: warning: property "Mark done" is a button');
  });

  it('reports every problem as file:line:col with a hint and exits 1 (real bin)', async () => {
    const r = await runCli(['validate', 'test/fixtures/invalid/multiple-errors.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'test/fixtures/invalid/multiple-errors.yaml:10:43: error: unknown number format "dolar"',
      expect.stringMatching(/^ {2}hint: did you mean "dollar"\? valid: /),
      'test/fixtures/invalid/multiple-errors.yaml:14:28: error: unknown key "colour" in option #1',
      '  hint: did you mean "color"? allowed keys: name, color, description, renamed_from',
      'test/fixtures/invalid/multiple-errors.yaml:15:11: error: property "Owner" is missing required key "type"',
      expect.stringMatching(/^ {2}hint: add `type:`, one of: title, /),
      '✗ test/fixtures/invalid/multiple-errors.yaml: 3 errors, 0 warnings',
    ]);
  });

  it('defaults to notion.schema.yaml in the current directory and says so when it is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-validate-'));
    const missing = await inProcess(['validate'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/error: schema file .*notion\.schema\.yaml not found\n {2}hint: /);
    await writeFile(join(dir, 'notion.schema.yaml'), 'databases:\n  a:\n    title: A\n    parent: { page_id: "${P}" }\n    data_sources:\n      b: { title: B, properties: { N: { type: title } } }\n');
    const unset = await inProcess(['validate'], { cwd: dir });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('notion.schema.yaml:4:24: error: environment variable P is not set');
    const ok = await inProcess(['validate'], { cwd: dir, env: { P: '5d1b6e3a8c2f4a7e9b1d2f3c4d5e6f70' } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('✓ notion.schema.yaml is valid: 1 database, 1 data source, 1 property\n');
  });

  it('colours output only when asked, and honours --no-color and NO_COLOR', async () => {
    const file = 'test/fixtures/invalid/invalid-color.yaml';
    const coloured = await inProcess(['validate', file], { env: { FORCE_COLOR: '1' } });
    expect(coloured.stderr).toContain('\u001b[');
    expect((await inProcess(['--no-color', 'validate', file], { env: { FORCE_COLOR: '1' } })).stderr).not.toContain('\u001b[');
    expect((await inProcess(['validate', file], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stderr).not.toContain('\u001b[');
  });

  it('has --help with examples', async () => {
    const r = await inProcess(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: notion-schema validate [options] [file]');
    expect(r.stdout).toContain('Examples:');
  });
});
