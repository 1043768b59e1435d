import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/index.js';
import { liveFromDesired } from '../../src/diff/as-live.js';
import type { Plan } from '../../src/model/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { REPO_ROOT, runCli, runMain } from '../helpers/cli.js';

const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'examples/notion.schema.yaml'), 'utf8');
const NO_TOKEN = {};

/** The example schema changed: Website removed (destructive), SaaS recoloured (data migration), Tier added. */
function changed(): string {
  return EXAMPLE.replace('          Website: { type: url }\n', '')
    .replace('{ name: SaaS, color: blue }', '{ name: SaaS, color: red }')
    .replace('          Logo: { type: files }\n', '          Logo: { type: files }\n          Tier: { type: select, options: [{ name: Gold, color: yellow }] }\n');
}
function dir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ns-diff-'));
}

describe('notion-schema diff between two files', () => {
  it('shows the steps and risks of the change, with no token and no workspace', async () => {
    const d = dir();
    writeFileSync(path.join(d, 'old.yaml'), EXAMPLE);
    writeFileSync(path.join(d, 'new.yaml'), changed());
    const r = await runMain(['diff', 'old.yaml', 'new.yaml'], { cwd: d, env: NO_TOKEN });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: 1 to create, 1 to change, 1 to remove, 1 destructive, 0 need manual action.\n');
    expect(r.stdout).toContain('compared with old.yaml, without reading a workspace.');
    expect(r.stdout).toContain('  # crm.companies will be updated in place\n');
    expect(r.stdout).toMatch(/Add select property "Tier" to crm\.companies\.\n {8}\+ options: Gold \(yellow\)\n/);
    expect(r.stdout).toMatch(/Remove url property "Website" from crm\.companies; its values on every page are lost\. \[destructive\]/);
    expect(r.stdout).toMatch(/~> +s\d+ +Recolour option "SaaS" of "Industry" in crm\.companies to red/);
    expect(r.stderr).not.toContain('local workspace');
    const json = await runMain(['diff', 'old.yaml', 'new.yaml', '--json'], { cwd: d, env: NO_TOKEN });
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.steps.map((s) => [s.kind, s.risk])).toEqual([['add_property', 'safe'], ['remove_property', 'destructive'], ['migrate_values', 'safe']]);
  });
  it('reports no changes between equivalent schemas; --detailed-exitcode says 2 when they differ', async () => {
    const d = dir();
    writeFileSync(path.join(d, 'a.yaml'), EXAMPLE);
    writeFileSync(path.join(d, 'b.yaml'), changed());
    const same = await runMain(['diff', 'a.yaml', 'a.yaml', '--detailed-exitcode'], { cwd: d, env: NO_TOKEN });
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('No changes. a.yaml makes no change to a.yaml.\n');
    expect((await runMain(['diff', 'a.yaml', 'b.yaml', '--detailed-exitcode'], { cwd: d, env: NO_TOKEN })).code).toBe(2);
  });
  it('plans the removal of a database and a data source the new file drops', async () => {
    const d = dir();
    writeFileSync(path.join(d, 'old.yaml'), EXAMPLE);
    const dropped = EXAMPLE.slice(0, EXAMPLE.indexOf('  handbook:'));
    writeFileSync(path.join(d, 'new.yaml'), dropped);
    const r = await runMain(['diff', 'old.yaml', 'new.yaml', '--compact'], { cwd: d, env: NO_TOKEN });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/- +s\d+ +Remove database "Team handbook" \(handbook\).*\[destructive\]\n/);
  });
  it('reads a directory as its notion.schema.yaml, and prints Markdown with the note and the diagram', async () => {
    const d = dir();
    mkdirSync(path.join(d, 'before'));
    writeFileSync(path.join(d, 'before', 'notion.schema.yaml'), EXAMPLE);
    writeFileSync(path.join(d, 'notion.schema.yaml'), changed());
    const r = await runMain(['diff', 'before', '--markdown'], { cwd: d, env: NO_TOKEN });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('> [!NOTE]\n> Compared with `before/notion.schema.yaml`, without a Notion workspace');
    expect(r.stdout).toContain('> [!WARNING]');
    expect(r.stdout).toMatch(/```mermaid\nerDiagram\n[\s\S]*url Website "- removed"/);
  });
});

describe('notion-schema diff between two git refs', () => {
  it('reads each side with git show, through the real binary', async () => {
    const repo = dir();
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
    git('init', '-q', '-b', 'main');
    mkdirSync(path.join(repo, 'schema'));
    writeFileSync(path.join(repo, 'schema', 'notion.schema.yaml'), EXAMPLE);
    git('add', '.');
    git('commit', '-qm', 'v1');
    writeFileSync(path.join(repo, 'schema', 'notion.schema.yaml'), changed());
    git('commit', '-qam', 'v2');
    writeFileSync(path.join(repo, 'schema', 'notion.schema.yaml'), 'not: [valid');
    const r = await runCli(['diff', 'git:HEAD~1:schema/notion.schema.yaml', 'git:HEAD:schema/'], { cwd: repo });
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('compared with git:HEAD~1:schema/notion.schema.yaml, without reading a workspace.');
    expect(r.stdout).toMatch(/Remove url property "Website" from crm\.companies/);
    const same = await runCli(['diff', 'git:main~1:schema/notion.schema.yaml', 'git:main~1:schema'], { cwd: repo });
    expect(same.stdout).toBe('No changes. git:main~1:schema/notion.schema.yaml makes no change to git:main~1:schema/notion.schema.yaml.\n');
    const bad = await runCli(['diff', 'git:nope:schema/notion.schema.yaml', 'git:HEAD:schema/'], { cwd: repo });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('git:nope:schema/notion.schema.yaml: cannot read schema/notion.schema.yaml at nope with git show');
  });
});

describe('liveFromDesired', () => {
  it('a schema planned against itself has no steps', async () => {
    const { desired } = await loadDesiredState(path.join(REPO_ROOT, 'examples/notion.schema.yaml'), { env: {} });
    const { plan } = buildPlan({ desired, live: liveFromDesired(desired, desired), toolVersion: 't', notionVersion: '2025-09-03', target: 'x' });
    expect(plan.steps).toEqual([]);
  });
});
