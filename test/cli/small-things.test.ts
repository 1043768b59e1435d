import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';

function project(props: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-small-'));
  writeFileSync(path.join(dir, 'notion.schema.yaml'), `version: 1
databases:
  crm:
    title: CRM
    parent: { page_id: "5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70" }
    data_sources:
      contacts:
        title: Contacts
        properties:
          Name: { type: title }
${props}`);
  return dir;
}

describe('the small things a demanding user hits', () => {
  it('an empty NOTION_TOKEN is an error, not a silent switch to the local workspace', async () => {
    const dir = project('');
    const r = await runMain(['plan'], { cwd: dir, env: { NOTION_TOKEN: '  ' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('NOTION_TOKEN is set but empty');
    expect(r.stderr).not.toContain('local workspace (');
    const local = await runMain(['plan'], { cwd: dir, env: {} });
    expect(local.code).toBe(0);
  });
  it('--notion-version is checked against the supported versions', async () => {
    const dir = project('');
    const r = await runMain(['--notion-version', '2022-06-28', 'plan'], { cwd: dir, env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"2022-06-28" is not a Notion API version this tool supports; use 2025-09-03 or 2026-03-11.');
    expect((await runMain(['--notion-version', '2026-03-11', 'validate'], { cwd: dir, env: {} })).code).toBe(0);
  });
  it.each([['link', 'url'], ['person', 'people'], ['text', 'rich_text']])('suggests %s → %s', async (wrong, right) => {
    const dir = project(`          Field: { type: ${wrong} }\n`);
    const r = await runMain(['validate'], { cwd: dir, env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`unknown property type "${wrong}"`);
    expect(r.stderr).toContain(`did you mean "${right}"?`);
  });
  it.each(['validate', 'plan', 'apply', 'pull', 'codegen', 'emulator', 'forget', 'graph', 'diff'])('%s --help lists its exit codes and the global options', async (cmd) => {
    const r = await runMain([cmd, '--help'], { cwd: os.tmpdir(), env: {} });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExit codes: 0 /);
    expect(r.stdout).toContain('Global Options:');
    for (const flag of ['--token-file', '--api-url', '--notion-version', '--rate-limit', '--local', '--no-color', '--verbose']) expect(r.stdout).toContain(flag);
  });
  it('page_id accepts a Notion page URL, as pull --database does', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-small-'));
    const yaml = (pageId: string): string => `version: 1
databases:
  crm:
    title: CRM
    parent: { page_id: "${pageId}" }
    data_sources:
      contacts:
        title: Contacts
        properties:
          Name: { type: title }
`;
    writeFileSync(path.join(dir, 'notion.schema.yaml'), yaml('https://www.notion.so/acme/Cafe-Deals-1f2e3d4c5b6a47898abcdef012345678?v=abc'));
    const r = await runMain(['plan', '--json'], { cwd: dir, env: {} });
    expect(r.stderr).not.toContain('error');
    const plan = JSON.parse(r.stdout) as { steps: { kind: string; parent?: { page_id: string } }[] };
    expect(plan.steps.find((s) => s.kind === 'create_database')?.parent).toEqual({ type: 'page_id', page_id: '1f2e3d4c-5b6a-4789-8abc-def012345678' });
    writeFileSync(path.join(dir, 'notion.schema.yaml'), yaml('https://www.notion.so/acme/no-id-here'));
    const bad = await runMain(['validate'], { cwd: dir, env: {} });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/notion.schema.yaml:5:\d+: error: /);
  });
});
