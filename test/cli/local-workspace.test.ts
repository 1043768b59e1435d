import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const SCHEMA = `databases:
  crm:
    title: CRM
    parent: { page_id: "5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70" }
    data_sources:
      contacts:
        title: Contacts
        properties:
          Name: { type: title }
          Email: { type: email }
`;

describe('the embedded local workspace', () => {
  it('lives beside the schema file, so the lock file and the workspace agree from any directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ns-local-'));
    const dir = join(root, 'schemas');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notion.schema.yaml'), SCHEMA);

    const applied = await runCli(['apply', 'schemas/notion.schema.yaml', '--yes'], { cwd: root });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain('using the embedded local workspace (schemas/.notion-schema/local-workspace.json)');
    expect(existsSync(join(dir, '.notion-schema', 'local-workspace.json'))).toBe(true);
    expect(existsSync(join(dir, 'notion-schema.lock.json'))).toBe(true);
    expect(existsSync(join(root, '.notion-schema', 'local-workspace.json'))).toBe(false);

    // From inside the schema's directory: the same workspace, so nothing is left to do.
    const again = await runCli(['plan', '--detailed-exitcode'], { cwd: dir });
    expect(again.stderr).toContain('using the embedded local workspace (.notion-schema/local-workspace.json)');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/No changes/);
  });

  it('applies the README example in one go (no 409 from overlapping writes to related data sources); then only the manual steps remain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-readme-'));
    copyFileSync(join(REPO_ROOT, 'examples', 'notion.schema.yaml'), join(dir, 'notion.schema.yaml'));
    const applied = await runCli(['apply', '--yes', '--skip-manual'], { cwd: dir });
    expect(applied.stdout + applied.stderr).not.toMatch(/conflict_error|failed /);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const plan = await runCli(['plan', '--json'], { cwd: dir });
    expect((JSON.parse(plan.stdout) as { steps: { kind: string }[] }).steps.map((s) => s.kind)).toEqual(['manual', 'manual']);
  });
});
