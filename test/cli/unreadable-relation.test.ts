import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const schema = (target: string) => `databases:
  crm:
    title: CRM
    parent: { workspace: true }
    data_sources:
      contacts:
        title: Contacts
        properties:
          Name: { type: title }
          Referrer: { type: relation, data_source: ${target} }
`;

describe('a relation to a data source the integration cannot read', () => {
  it('is a plan error naming the property and the fix, and apply writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-unreadable-'));
    const missing = '9b1e0000-0000-4000-8000-00000000abcd';
    writeFileSync(join(dir, 'notion.schema.yaml'), schema(missing));

    const plan = await runCli(['plan'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/notion\.schema\.yaml:10:\d+: error: relation "Referrer" of crm\.contacts targets data source 9b1e0000-0000-4000-8000-00000000abcd, which the integration cannot read/);
    expect(plan.stderr).toMatch(/hint: share that data source's database with the integration/);

    const apply = await runCli(['apply', '--yes'], { cwd: dir });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/cannot read/);
    // Nothing was created: apply writes the lock file right after any create.
    expect(existsSync(join(dir, 'notion-schema.lock.json'))).toBe(false);
  });
});
