import { mkdirSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { cli, countByTitle, freshParent, projectDir, TOKEN } from './apply-helpers.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

const part = (parent: string, key: string, title: string, props: string): string => `version: 1
databases:
  ${key}:
    title: ${title}
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: ${title}
        properties:
          Name: { type: title }
${props}`;

/** A project whose schema is the directory `schema/` (two files), the lock beside it. */
function project(parent: string, suffix: string): string {
  const dir = projectDir('');
  mkdirSync(path.join(dir, 'schema'));
  writeFileSync(path.join(dir, 'schema', 'contacts.yaml'), part(parent, 'contacts', `Contacts ${suffix}`, ''));
  writeFileSync(path.join(dir, 'schema', 'tasks.yml'), part(parent, 'tasks', `Tasks ${suffix}`,
    '          Owner: { type: relation, data_source: contacts.main }\n'));
  return dir;
}

describe('a schema directory through the CLI against the emulator', () => {
  it('validate, plan --out and apply --plan work on a directory; editing any file makes the plan stale', async () => {
    const parent = await freshParent(emu);
    const dir = project(parent, 'D1');
    const v = await cli(dir, emu.url, ['validate', 'schema']);
    expect(v.stdout).toBe('✓ schema is valid: 2 databases, 2 data sources, 3 properties\n');
    expect(v.code).toBe(0);

    const planned = await cli(dir, emu.url, ['plan', 'schema', '--out', 'plan.json']);
    expect(planned.code).toBe(0);
    const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as { schema_file: string; schema_hash: string };
    expect(plan.schema_file).toBe('schema');
    expect(plan.schema_hash).toMatch(/^[0-9a-f]{64}$/);

    // A comment added to one file: the saved plan no longer matches the directory.
    appendFileSync(path.join(dir, 'schema', 'tasks.yml'), '# later\n');
    const stale = await cli(dir, emu.url, ['apply', '--plan', 'plan.json', '--yes']);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain('plan is stale');
    expect(countByTitle(emu, 'Tasks D1')).toBe(0);

    writeFileSync(path.join(dir, 'schema', 'tasks.yml'), readFileSync(path.join(dir, 'schema', 'tasks.yml'), 'utf8').replace('# later\n', ''));
    const applied = await cli(dir, emu.url, ['apply', '--plan', 'plan.json', '--yes']);
    expect(applied.stdout).toContain('Apply complete: 5 applied, 0 skipped, 0 failed');
    expect(applied.stderr).toContain('Verifying the result');
    expect(applied.code).toBe(0);
    expect(countByTitle(emu, 'Tasks D1')).toBe(1);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: Record<string, unknown> };
    expect(Object.keys(lock.databases).sort()).toEqual(['contacts', 'tasks']);
    const again = await cli(dir, emu.url, ['plan', 'schema', '--detailed-exitcode']);
    expect(again.code).toBe(0);
  });

  it('a database defined in two files is refused by validate and plan, naming both positions', async () => {
    const parent = await freshParent(emu);
    const dir = project(parent, 'D2');
    writeFileSync(path.join(dir, 'schema', 'z.yaml'), part(parent, 'tasks', 'Tasks again', ''));
    for (const cmd of ['validate', 'plan']) {
      const r = await cli(dir, emu.url, [cmd, 'schema']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('schema/z.yaml:3:3: error: database "tasks" is defined twice: at schema/tasks.yml:3:3 and at schema/z.yaml:3:3');
    }
    expect(countByTitle(emu, 'Tasks D2')).toBe(0);
  });

  it('pull --out DIR/ writes one file per database, and plan on that directory has nothing to do', async () => {
    const parent = await freshParent(emu);
    const src = project(parent, 'D3');
    expect((await cli(src, emu.url, ['apply', 'schema', '--yes'])).code).toBe(0);
    const lock = readFileSync(path.join(src, 'notion-schema.lock.json'), 'utf8');
    const ids = Object.values((JSON.parse(lock) as { databases: Record<string, { id: string }> }).databases).map((d) => d.id);

    const dir = projectDir('');
    const pulled = await cli(dir, emu.url, ['pull', ...ids.flatMap((id) => ['--database', id]), '--out', 'pulled/']);
    expect(pulled.stderr).toContain('Wrote pulled/: 2 files (one per database), 2 data sources (lock: notion-schema.lock.json).');
    expect(pulled.code).toBe(0);
    expect(readdirSync(path.join(dir, 'pulled')).sort()).toEqual(['contacts_d3.yaml', 'tasks_d3.yaml']);
    const tasks = readFileSync(path.join(dir, 'pulled', 'tasks_d3.yaml'), 'utf8');
    expect(tasks).toContain('data_source: contacts_d3.contacts_d3');
    const plan = await cli(dir, emu.url, ['plan', 'pulled', '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes');
    expect(plan.code).toBe(0);
    // A second pull into the same directory refuses to overwrite.
    const twice = await cli(dir, emu.url, ['pull', '--database', ids[0] ?? '', '--out', 'pulled/']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('pulled/ already holds schema files');
  });
});
