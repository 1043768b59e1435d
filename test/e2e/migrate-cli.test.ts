import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { Plan, Step } from '../../src/model/plan.js';
import type { NotionClient } from '../../src/notion/types.js';
import { fastClient, getDs, names, optionNames, pageWrites, readPages } from '../migrate/helpers.js';
import { cli, TOKEN } from './apply-helpers.js';
import { rewriteSchema, seededProject } from './migrate-helpers.js';

let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
  client = fastClient(emu.url);
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

type MigrateStep = Extract<Step, { kind: 'migrate_values' }>;
const migrations = (plan: Plan): MigrateStep[] => plan.steps.filter((s): s is MigrateStep => s.kind === 'migrate_values');

const N = process.env['LONG'] !== undefined ? 250 : 100;
/** Pages holding a renamed option: every page but each tenth. */
const M = N - N / 10;
const tagsFor = (i: number): string[] => (i % 10 === 9 ? ['B', 'C'] : [['A', 'Old', 'B'], ['Old'], ['C', 'Old', 'A']][i % 3]!);
const v1 = `Name: { type: title }
Stage:
  type: select
  options: [{ name: Lead, color: gray }, { name: Client, color: red }]
Tags:
  type: multi_select
  options: [{ name: A, color: blue }, { name: Old, color: pink }, { name: B, color: green }, { name: C, color: gray }]
State:
  type: status
  options: [{ name: Todo, color: gray, group: To-do }, { name: Doing, color: blue, group: In progress }, { name: Done, color: green, group: Complete }]`;
const v2 = `Name: { type: title }
Stage:
  type: select
  options: [{ name: Lead, color: gray }, { name: Customer, renamed_from: [Client] }]
Tags:
  type: multi_select
  options: [{ name: A, color: blue }, { name: New, renamed_from: [Old] }, { name: B, color: green }, { name: C, color: gray }]
State:
  type: status
  options: [{ name: Todo, color: gray, group: To-do }, { name: Doing, color: blue, group: In progress }, { name: Finished, group: Complete, renamed_from: [Done] }]`;

describe('data migrations through the CLI (apply --migrate-data)', () => {
  it(`renames a select, a multi-select and a status option on ${N} pages; the next plan is empty`, async () => {
    const p = await seededProject(emu, client, v1, N, (i) => ({
      Stage: { select: { name: i % 10 === 0 ? 'Lead' : 'Client' } },
      Tags: { multi_select: tagsFor(i).map((name) => ({ name })) },
      State: { status: { name: i % 10 === 0 ? 'Todo' : 'Done' } },
    }), 'Renames');
    rewriteSchema(p.dir, p.parent, v2, 'Renames');

    // The plan shows the work, counted with the same queries the run makes.
    const planned = await cli(p.dir, emu.url, ['plan', '--json']);
    expect(planned.code).toBe(0);
    const steps = migrations(JSON.parse(planned.stdout) as Plan);
    expect(steps.map((s) => [s.property, s.count?.pages, s.count?.passes])).toEqual([['Stage', M, 1], ['Tags', M, 1], ['State', M, 1]]);
    for (const s of steps) {
      // One write per page, one query per 100 pages (+1 verification), and the schema requests.
      expect(s.count!.writes).toBe(M);
      expect(s.count!.queries).toBe(Math.ceil(M / 100) + 1);
      expect(s.count!.requests).toBe(M + Math.ceil(M / 100) + 1 + s.count!.schema_requests);
    }
    const text = await cli(p.dir, emu.url, ['--rate-limit', '3', 'plan']);
    expect(text.stdout).toContain('~>  s1   Rename option "Client" of "Stage" in tasks.main to "Customer"');
    const requests = M + Math.ceil(M / 100) + 1 + steps[0]!.count!.schema_requests;
    const seconds = Math.round(requests / 3);
    const about = seconds >= 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds}s`;
    expect(text.stdout).toContain(`rewrites ${M} pages (${M} writes); ${requests} requests, about ${about} at 3 requests/s; needs apply --migrate-data`);

    // Without --migrate-data: listed like manual steps, exit 3, nothing written.
    const before = emu.requests.length;
    const refused = await cli(p.dir, emu.url, ['apply', '--yes']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('3 data migration(s) that rewrite page values');
    expect(refused.stderr).toContain('--migrate-data');
    expect(pageWrites(emu, before).size).toBe(0);

    const applied = await cli(p.dir, emu.url, ['apply', '--yes', '--migrate-data']);
    expect(applied.stderr).toBe(applied.stderr.replace(TOKEN, ''));
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`Migrated s1 tasks.main.Stage: ${M.toLocaleString('en-US')} pages rewritten`);
    // Each page written once per migrated property that it held.
    for (const [, n] of pageWrites(emu, before)) expect(n).toBeLessThanOrEqual(3);

    const ds = await getDs(client, p.dsId);
    expect(optionNames(ds.properties['Stage']).map((o) => o.name)).toEqual(['Lead', 'Customer']);
    expect(optionNames(ds.properties['Stage']).find((o) => o.name === 'Customer')?.color).toBe('red');
    expect(optionNames(ds.properties['Tags']).map((o) => o.name)).toEqual(['A', 'B', 'C', 'New']);
    expect(optionNames(ds.properties['State']).map((o) => o.name)).toEqual(['Todo', 'Doing', 'Finished']);
    const pages = await readPages(client, p.ids);
    p.ids.forEach((id, i) => {
      const props = pages.get(id)!;
      expect(names(props['Stage'])).toBe(i % 10 === 0 ? 'Lead' : 'Customer');
      expect(names(props['Tags'])).toEqual(tagsFor(i).map((t) => (t === 'Old' ? 'New' : t)));
      expect(names(props['State'])).toBe(i % 10 === 0 ? 'Todo' : 'Finished');
    });
    expect((await cli(p.dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('recolours an option through a temporary option, values intact', async () => {
    const props = (color: string): string => `Name: { type: title }\nStage:\n  type: select\n  options: [{ name: Lead, color: ${color} }, { name: Won, color: green }]`;
    const p = await seededProject(emu, client, props('gray'), 120, (i) => ({ Stage: { select: { name: i % 4 === 0 ? 'Won' : 'Lead' } } }), 'Recolour');
    rewriteSchema(p.dir, p.parent, props('red'), 'Recolour');
    const plan = JSON.parse((await cli(p.dir, emu.url, ['plan', '--json'])).stdout) as Plan;
    expect(migrations(plan).map((s) => [s.count?.pages, s.count?.writes, s.count?.passes])).toEqual([[90, 180, 2]]);
    const before = emu.requests.length;
    const applied = await cli(p.dir, emu.url, ['apply', '--yes', '--migrate-data']);
    expect(applied.code).toBe(0);
    for (const [, n] of pageWrites(emu, before)) expect(n).toBe(2);
    expect(optionNames((await getDs(client, p.dsId)).properties['Stage'])).toEqual([{ name: 'Won', color: 'green' }, { name: 'Lead', color: 'red' }]);
    const pages = await readPages(client, p.ids);
    p.ids.forEach((id, i) => expect(names(pages.get(id)!['Stage'])).toBe(i % 4 === 0 ? 'Won' : 'Lead'));
    expect((await cli(p.dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('converts rich_text to select with values intact; refuses an unconvertible value until the file says what to do', async () => {
    const note = (i: number): string => ['alpha', 'beta', '', 'alpha'][i % 4]!;
    const p = await seededProject(emu, client, 'Name: { type: title }\nNote: { type: rich_text, description: Kept }', 40, (i) => ({
      Note: { rich_text: i === 7 ? [{ type: 'text', text: { content: 'one, two' } }] : note(i) === '' ? [] : [{ type: 'text', text: { content: note(i) } }] },
    }), 'Convert');
    const selectNote = (convert: string): string => `Name: { type: title }
Note:
  type: select
  description: Kept
  options: [{ name: alpha, color: blue }, { name: beta, color: green }, { name: one-two }]
  convert: ${convert}`;
    rewriteSchema(p.dir, p.parent, selectNote('true'), 'Convert');
    const before = emu.requests.length;
    const refused = await cli(p.dir, emu.url, ['plan']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`page "P7" (${p.ids[7]!}) holds "one, two", which does not convert to select: an option name cannot contain a comma`);
    expect(refused.stderr).toContain('on_unconvertible: empty');
    const refusedApply = await cli(p.dir, emu.url, ['apply', '--yes', '--migrate-data']);
    expect(refusedApply.code).toBe(1);
    expect(emu.requests.slice(before).filter((r) => r.method !== 'GET' && !r.path.endsWith('/query'))).toEqual([]);
    expect((await getDs(client, p.dsId)).properties['Note']?.type).toBe('rich_text');

    rewriteSchema(p.dir, p.parent, selectNote('{ map: { "one, two": one-two } }'), 'Convert');
    const plan = JSON.parse((await cli(p.dir, emu.url, ['plan', '--json'])).stdout) as Plan;
    expect(migrations(plan)[0]?.count).toMatchObject({ pages: 30, writes: 30, target_options: ['alpha', 'beta', 'one-two'] });
    const applied = await cli(p.dir, emu.url, ['apply', '--yes', '--migrate-data']);
    expect(applied.code).toBe(0);
    const prop = (await getDs(client, p.dsId)).properties['Note']!;
    expect(prop.type).toBe('select');
    expect(prop['description']).toBe('Kept');
    expect(optionNames(prop)).toEqual([{ name: 'alpha', color: 'blue' }, { name: 'beta', color: 'green' }, { name: 'one-two', color: expect.any(String) as string }]);
    const pages = await readPages(client, p.ids);
    p.ids.forEach((id, i) => expect(names(pages.get(id)!['Note'])).toBe(i === 7 ? 'one-two' : note(i) === '' ? null : note(i)));
    expect((await cli(p.dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});
