import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { cli, freshParent, projectDir, TOKEN } from './apply-helpers.js';
import { crmSchema, readLock, writeSchema, writesSince } from './truth-helpers.js';

let emu: EmulatorHandle;
let notion: Client;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
  notion = new Client({ auth: TOKEN, baseUrl: emu.url });
});
afterAll(async () => {
  await emu.close();
});

const trashed = (id: string): boolean => emu.store.state.data_sources[id]?.in_trash === true;

describe('issue 13: the plan tells the whole truth', () => {
  it('case 1: a data source, then a database, removed from the file are moved to the trash (destructive, restorable), and the lock forgets them', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(crmSchema(parent, 'Removal CRM', { contacts: 'Email: { type: email }', deals: 'Amount: { type: number }' }));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const dealsId = readLock(dir).databases['crm']?.data_sources['deals'] ?? '';
    await notion.pages.create({ parent: { data_source_id: dealsId }, properties: { Name: { title: [{ text: { content: 'Big deal' } }] } } });

    writeSchema(dir, crmSchema(parent, 'Removal CRM', { contacts: 'Email: { type: email }' }));
    const plan = await cli(dir, emu.url, ['plan', '--detailed-exitcode', '--impact']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/Plan: 0 to create, 0 to change, 1 to remove, 1 destructive/);
    expect(plan.stdout).toMatch(/Remove data source "Deals" \(crm\.deals\)/);
    expect(plan.stdout).toMatch(/restorable there for 30 days\).*\[destructive\]/);
    expect(plan.stdout).toMatch(/removes values from 1 page\n/);

    // Without --allow-destructive: exit 3 and not one write.
    const start = emu.requests.length;
    const refused = await cli(dir, emu.url, ['apply', '--yes']);
    expect(refused.code).toBe(3);
    expect(writesSince(emu, start)).toBe(0);
    expect(trashed(dealsId)).toBe(false);

    const applied = await cli(dir, emu.url, ['apply', '--yes', '--allow-destructive']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(trashed(dealsId)).toBe(true);
    expect(readLock(dir).databases['crm']?.data_sources['deals']).toBeUndefined();
    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);

    // `databases: {}`: the whole database goes, covering its data sources in one step.
    const dbId = readLock(dir).databases['crm']?.id ?? '';
    writeSchema(dir, 'version: 1\ndatabases: {}\n');
    const all = await cli(dir, emu.url, ['plan', '--json']);
    expect(all.code, all.stderr).toBe(0);
    const steps = (JSON.parse(all.stdout) as { steps: { kind: string; data_sources?: string[] }[] }).steps;
    expect(steps.map((s) => s.kind)).toEqual(['remove_database']);
    expect(steps[0]?.data_sources).toEqual(['crm.contacts']);
    expect((await cli(dir, emu.url, ['apply', '--yes', '--allow-destructive'])).code).toBe(0);
    expect(emu.store.state.databases[dbId]?.in_trash).toBe(true);
    expect(readLock(dir).databases).toEqual({});
  });

  it('forget KEY stops managing a data source without deleting it', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(crmSchema(parent, 'Forget CRM', { contacts: '', deals: '' }));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const dealsId = readLock(dir).databases['crm']?.data_sources['deals'] ?? '';
    const forgot = await cli(dir, emu.url, ['forget', 'crm.deals']);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stdout).toMatch(/Forgot crm\.deals/);
    writeSchema(dir, crmSchema(parent, 'Forget CRM', { contacts: '' }));
    const plan = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
    expect(trashed(dealsId)).toBe(false);
    expect((await cli(dir, emu.url, ['forget', 'crm.nope'])).code).toBe(1);
  });

  it('case 2: a changed parent.page_id moves the database (PATCH parent)', async () => {
    const parent = await freshParent(emu);
    const other = await freshParent(emu);
    const dir = projectDir(crmSchema(parent, 'Moving CRM', { contacts: '' }));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const dbId = readLock(dir).databases['crm']?.id ?? '';
    writeSchema(dir, crmSchema(other, 'Moving CRM', { contacts: '' }));
    const plan = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain(`Move database crm under page ${other}`);
    const start = emu.requests.length;
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    expect(emu.requests.slice(start).some((r) => r.method === 'PATCH' && r.path === `/v1/databases/${dbId}`)).toBe(true);
    expect(emu.store.state.databases[dbId]?.parent).toEqual({ type: 'page_id', page_id: other });
    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('case 3: a property renamed in Notion is renamed back (its id is in the lock), values kept, named as drift', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(crmSchema(parent, 'Drift CRM', { contacts: 'Score: { type: number }' }));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const lock = readLock(dir);
    const dsId = lock.databases['crm']?.data_sources['contacts'] ?? '';
    const scoreId = lock.properties?.['crm.contacts']?.['Score']?.id ?? '';
    expect(scoreId).not.toBe('');
    const page = await notion.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: [{ text: { content: 'Ada' } }] }, Score: { number: 7 } } });
    await notion.dataSources.update({ data_source_id: dsId, properties: { [scoreId]: { name: 'Lead score' } } });
    const plan = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('Rename property "Lead score" back to "Score" in crm.contacts: it was renamed in Notion');
    expect(plan.stdout).toMatch(/Drift: s1 undoes edits made in Notion/);
    expect(plan.stdout).not.toMatch(/destructive\]/);
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const after = await notion.pages.retrieve({ page_id: page.id }) as { properties: Record<string, { number?: number }> };
    expect(after.properties['Score']?.number).toBe(7);
    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('case 5: an adoption by title is recorded by apply even when nothing else changes', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(crmSchema(parent, 'Adopted CRM', { contacts: '' }));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const lock = readLock(dir);
    rmSync(path.join(dir, 'notion-schema.lock.json'));
    const plan = await cli(dir, emu.url, ['plan']);
    expect(plan.stdout).toMatch(/adopt database crm/);
    const applied = await cli(dir, emu.url, ['apply', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(readLock(dir).databases).toEqual(lock.databases);
    expect(readLock(dir).properties?.['crm.contacts']?.['Name']?.id).toBe('title');
    expect((await cli(dir, emu.url, ['plan'])).stdout).not.toMatch(/adopt/);
  });

  it('case 6: a status option moves to another group as a safe step ({id, group})', async () => {
    const parent = await freshParent(emu);
    const status = (group: string): string => `Stage: { type: status, options: [{ name: Open, group: To-do }, { name: Waiting, group: ${group} }, { name: Closed, group: Complete }] }`;
    const dir = projectDir(crmSchema(parent, 'Status CRM', { contacts: status('To-do') }));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    writeSchema(dir, crmSchema(parent, 'Status CRM', { contacts: status('In progress') }));
    const plan = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/options\.Waiting\.group: "To-do" → "In progress"/);
    expect(plan.stdout).toMatch(/0 need manual action/);
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('case 8: a missing or unshared parent page fails plan (exit 1, file position, share hint), nothing written', async () => {
    const missing = randomUUID();
    const dir = projectDir(crmSchema(missing, 'Orphan CRM', { contacts: '' }));
    const start = emu.requests.length;
    const plan = await cli(dir, emu.url, ['plan']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/notion\.schema\.yaml:3:\d+: error: database crm: parent page .* does not exist or is not shared/);
    expect(plan.stderr).toMatch(/Connections/);
    expect(writesSince(emu, start)).toBe(0);
    expect(existsSync(path.join(dir, 'notion-schema.lock.json'))).toBe(false);
  });

  it('case 10: a managed database moved to the trash is restored (in_trash: false), a safe step', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(crmSchema(parent, 'Trashed CRM', { contacts: '' }));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const dbId = readLock(dir).databases['crm']?.id ?? '';
    await notion.databases.update({ database_id: dbId, in_trash: true });
    const plan = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('Restore database "Trashed CRM" (crm) from Notion\'s trash');
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    expect(emu.store.state.databases[dbId]?.in_trash).toBe(false);
    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('case 4: pull into a second file keeps the lock keys; a later title change updates, never duplicates', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(crmSchema(parent, 'Sales CRM', { contacts: 'Score: { type: number }' }));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const before = readLock(dir);
    const dbId = before.databases['crm']?.id ?? '';
    const pulled = await cli(dir, emu.url, ['pull', '--database', dbId, '--out', 'second.schema.yaml']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'second.schema.yaml'), 'utf8')).toMatch(/^ {2}crm:$/m);
    expect(readLock(dir).databases).toEqual(before.databases);
    expect(readLock(dir).properties?.['crm.contacts']?.['Score']?.id).toBe(before.properties?.['crm.contacts']?.['Score']?.id);
    writeSchema(dir, crmSchema(parent, 'Sales CRM 2', { contacts: 'Score: { type: number }' }));
    const plan = await cli(dir, emu.url, ['plan', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect((JSON.parse(plan.stdout) as { steps: { kind: string }[] }).steps.map((x) => x.kind)).toEqual(['update_database']);
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    expect(emu.listDatabases().filter((d) => d.title.startsWith('Sales CRM')).length).toBe(1);
  });

  it('case 7: a one-way relation made two-way while its far side is declared converges in one apply (one pair)', async () => {
    const parent = await freshParent(emu);
    const yaml = (client: string, projects: string): string => `version: 1
databases:
  crm:
    title: Case7 CRM
    parent: { page_id: "${parent}" }
    data_sources:
      companies:
        title: Companies
        properties:
          Name: { type: title }
${projects}
  work:
    title: Case7 Work
    parent: { page_id: "${parent}" }
    data_sources:
      projects:
        title: Projects
        properties:
          Name: { type: title }
          Client: { type: relation, data_source: crm.companies${client} }
`;
    const dir = projectDir(yaml('', ''));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    writeSchema(dir, yaml(', dual: { property: Projects }', '          Projects: { type: relation, data_source: work.projects, dual: { property: Client } }'));
    const plan = await cli(dir, emu.url, ['plan', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const kinds = (JSON.parse(plan.stdout) as { steps: { kind: string }[] }).steps.map((x) => x.kind);
    expect(kinds).not.toContain('add_property');
    const applied = await cli(dir, emu.url, ['apply', '--yes']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const again = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
    const lock = readLock(dir);
    const companies = emu.store.state.data_sources[lock.databases['crm']?.data_sources['companies'] ?? ''];
    const names = Object.values(companies?.properties ?? {}).map((p) => (p as { name: string }).name).sort();
    expect(names).toEqual(['Name', 'Projects']);
  });

  it('case 9: a two-way relation pointed at another data source names its new synced property before a rollup uses it', async () => {
    const parent = await freshParent(emu);
    const yaml = (target: string, bProps: string): string => `version: 1
databases:
  a:
    title: Case9 A
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: A
        properties:
          Name: { type: title }
          Back: { type: relation, data_source: ${target}, dual: { property: Link } }
  b:
    title: Case9 B
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: B
        properties:
          Name: { type: title }
${bProps}
  c:
    title: Case9 C
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: C
        properties:
          Name: { type: title }
`;
    const dir = projectDir(yaml('c.main', ''));
    const first = await cli(dir, emu.url, ['apply', '--yes']);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    writeSchema(dir, yaml('b.main', `          Link: { type: relation, data_source: a.main, dual: { property: Back } }
          Count: { type: rollup, relation: Link, property: Name, function: count }`));
    const plan = await cli(dir, emu.url, ['plan']);
    expect(plan.code, plan.stderr).toBe(0);
    // The synced rename only completes the relation change: folded into it, with the name it gives.
    expect(plan.stdout).toMatch(/Back.*\(includes s\d+\)\n(.*\n)*? {8}\+ synced property on b\.main: "Link"\n/);
    const applied = await cli(dir, emu.url, ['apply', '--yes', '--allow-destructive']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const again = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  });
});
