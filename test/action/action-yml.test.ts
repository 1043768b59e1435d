import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));

interface ActionYml {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; run?: string; env?: Record<string, string>; 'working-directory'?: string }[] };
}

describe('action.yml', () => {
  const action = parse(readFileSync(root('action.yml'), 'utf8')) as ActionYml;

  it('declares the inputs with their defaults', () => {
    expect(action.inputs['command']?.default).toBe('plan');
    expect(action.inputs['schema']?.default).toBe('notion.schema.yaml');
    expect(action.inputs['notion-token']?.required).toBe(true);
    expect(action.inputs['notion-token']?.default).toBeUndefined();
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(action.inputs['allow-destructive']?.default).toBe('false');
    expect(action.inputs['comment']?.default).toBe('true');
    expect(action.inputs['fail-on']?.default).toBe('forbidden');
  });

  it('exposes the outputs from the run step', () => {
    for (const name of ['has-changes', 'destructive', 'forbidden', 'plan-path', 'lock-changed', 'lock-diff']) {
      expect(action.outputs[name]?.value).toBe(`\${{ steps.run.outputs.${name} }}`);
    }
  });

  it('is a composite action that passes every input as INPUT_* and runs dist/action/main.js', () => {
    expect(action.runs.using).toBe('composite');
    const run = action.runs.steps.find((s) => s.id === 'run');
    expect(run?.run).toContain('dist/action/main.js');
    for (const name of Object.keys(action.inputs)) {
      expect(run?.env?.[`INPUT_${name.toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
    }
    // No input is interpolated into a shell script.
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\$\{\{\s*inputs\./);
    expect(action.runs.steps.some((s) => /npm ci/.test(s.run ?? ''))).toBe(true);
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
    expect(apply?.permissions).toMatchObject({ contents: 'write' });
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
