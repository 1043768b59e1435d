import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));

interface ActionYml {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string; value?: string }>;
  runs: { using: string; main?: string; steps?: unknown };
}

describe('action.yml', () => {
  const action = parse(readFileSync(root('action.yml'), 'utf8')) as ActionYml;

  it('declares the inputs with their defaults', () => {
    expect(action.inputs['command']?.default).toBe('plan');
    expect(action.inputs['schema']?.default).toBe('notion.schema.yaml');
    // Not required: pull requests from forks get no secrets, and then the Action compares schema files.
    expect(action.inputs['notion-token']?.required).toBe(false);
    expect(action.inputs['notion-token']?.default).toBeUndefined();
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(action.inputs['allow-destructive']?.default).toBe('false');
    expect(action.inputs['comment']?.default).toBe('true');
    expect(action.inputs['fail-on']?.default).toBe('manual');
    expect(action.inputs['env']?.default).toBe('');
  });

  it('declares the outputs the Action sets', () => {
    for (const name of ['has-changes', 'destructive', 'forbidden', 'plan-path', 'comment-id', 'comment-url', 'lock-changed', 'lock-diff', 'lock-path']) {
      expect(action.outputs[name]?.description).toBeTruthy();
      // A JavaScript action sets its outputs itself; `value:` belongs to composite actions.
      expect(action.outputs[name]?.value).toBeUndefined();
    }
  });

  it('is a JavaScript action on node24 that runs the one committed bundle: no install, no build, no shell', () => {
    expect(action.runs.using).toBe('node24');
    expect(action.runs.main).toBe('action/dist/main.mjs');
    expect(existsSync(root('action/dist/main.mjs'))).toBe(true);
    expect(action.runs.steps).toBeUndefined();
  });
});

describe('examples/workflows/notion-schema.yml', () => {
  const text = readFileSync(root('examples/workflows/notion-schema.yml'), 'utf8');
  const wf = parse(text) as {
    on: Record<string, unknown>;
    jobs: Record<string, { if?: string; permissions?: Record<string, string>; steps: { uses?: string; with?: Record<string, unknown>; run?: string }[] }>;
  };

  it('plans on pull_request (never pull_request_target) and applies on push to main', () => {
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    expect(wf.on['push']).toMatchObject({ branches: ['main'] });
    const plan = wf.jobs['plan'];
    const apply = wf.jobs['apply'];
    expect(plan?.permissions).toMatchObject({ 'pull-requests': 'write', contents: 'read' });
    expect(apply?.permissions).toMatchObject({ contents: 'write', 'pull-requests': 'read' });
    const planStep = plan?.steps.find((s) => s.with?.['command'] === 'plan');
    const applyStep = apply?.steps.find((s) => s.with?.['command'] === 'apply');
    expect(planStep?.with?.['notion-token']).toBe('${{ secrets.NOTION_TOKEN }}');
    expect(applyStep?.with?.['notion-token']).toBe('${{ secrets.NOTION_TOKEN }}');
    expect(apply?.if).toContain("refs/heads/main");
  });

  it('commits the lock file back only when it changed', () => {
    const commit = wf.jobs['apply']?.steps.find((s) => /git commit/.test(s.run ?? ''));
    expect(commit).toBeDefined();
    expect(JSON.stringify(commit)).toContain('lock-changed');
  });
});

describe('examples/workflows/release.yml', () => {
  const wf = parse(readFileSync(root('examples/workflows/release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<string, { permissions?: Record<string, string>; steps: { name?: string; run?: string }[] }>;
  };

  it('releases exact vX.Y.Z tags: checks the version and the bundle, publishes, moves the major tag', () => {
    expect(wf.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    const job = wf.jobs['release'];
    expect(job?.permissions).toMatchObject({ contents: 'write', 'id-token': 'write' });
    const runs = (job?.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('require("./package.json").version');
    expect(runs).toContain('scripts/bundle-action.mjs --check');
    expect(runs).toContain('npm publish --provenance');
    expect(runs).toMatch(/git tag -f "\$major"/);
    expect(runs).toContain('CHANGELOG.md');
  });
});
