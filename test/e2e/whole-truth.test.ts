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
    expect(plan.stdout).toMatch(/removes values from 1 pages/);

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
});
