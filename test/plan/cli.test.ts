import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync as read } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@notionhq/client';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { Plan } from '../../src/model/index.js';
import { main } from '../../src/cli/main.js';
import { runCli, runMain, type CliRun } from '../helpers/cli.js';

const TOKEN = 'test-token';
let emu: EmulatorHandle;
beforeAll(async () => { emu = await startEmulator({ tokens: [TOKEN] }); });
afterAll(async () => { await emu.close(); });

const schemaJson = JSON.parse(read(fileURLToPath(new URL('../../schemas/plan.schema.json', import.meta.url)), 'utf8')) as object;
const validatePlan = new Ajv2020({ strict: false }).compile(schemaJson);

function project(yaml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-plan-'));
  writeFileSync(path.join(dir, 'notion.schema.yaml'), yaml);
  return dir;
}
/** The real binary (a child process). */
function bin(dir: string, args: readonly string[]): Promise<CliRun> {
  return runCli(['--api-url', emu.url, '--rate-limit', '1000', ...args], { cwd: dir, env: { NOTION_TOKEN: TOKEN } });
}
/** The same CLI in-process (fast): `main` with an injected io. */
function cli(dir: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(['--api-url', emu.url, '--rate-limit', '1000', ...args], { cwd: dir, env: { NOTION_TOKEN: TOKEN } });
}
async function parent(): Promise<string> {
  const id = randomUUID();
  await emu.ensurePage(id, 'Plan tests');
  return id;
}
function schema(parentId: string, contacts: string, companies = 'Name: { type: title }\nARR: { type: number, format: dollar }'): string {
  const ind = (s: string): string => s.trim().split('\n').map((l) => `          ${l}`).join('\n');
  return `version: 1
databases:
  crm:
    title: CRM ${parentId.slice(0, 8)}
    parent: { page_id: "${parentId}" }
    data_sources:
      contacts:
        title: Contacts
        properties:
${ind(contacts)}
      companies:
        title: Companies
        properties:
${ind(companies)}
`;
}

const V1 = `Name: { type: title }
Notes: { type: rich_text }
Budget: { type: rich_text }
Stage:
  type: select
  options:
    - { name: Lead, color: gray }
    - { name: Lost, color: red }
Company: { type: relation, data_source: crm.companies, dual: { property: People } }
Revenue: { type: rollup, relation: Company, property: ARR, function: sum }
Score: { type: formula, expression: 'prop("Notes") + "!"' }`;

const V2 = `Contact: { type: title }
Name: { type: rich_text }
Details: { type: rich_text, renamed_from: [Notes] }
Budget: { type: number, format: euro }
Stage:
  type: select
  options:
    - { name: Lead, color: gray }
    - { name: Won, color: green }
Company: { type: relation, data_source: crm.companies, dual: { property: Contacts } }
Revenue: { type: rollup, relation: Company, property: ARR, function: average }
Score: { type: formula, expression: 'prop("Details") + "!"' }
Email: { type: email, description: Work email }`;

describe('notion-schema plan against the emulator', () => {
  it('plans a new workspace, applies it, then reports no changes; then plans and applies an evolution to convergence', async () => {
    const p = await parent();
    const dir = project(schema(p, V1));
    const first = await cli(dir, ['plan', '--detailed-exitcode']);
    expect(first.code).toBe(2);
    expect(first.stdout.split('\n')[0]).toMatch(/^Plan: \d+ to create, \d+ to change, 0 to remove, 0 destructive, 0 need manual action\.$/);
    expect(first.stderr).toContain('target');
    expect((await cli(dir, ['apply', '--yes'])).code).toBe(0);
    const none = await cli(dir, ['plan', '--detailed-exitcode']);
    expect(none.stdout).toBe('No changes. Live schema matches notion.schema.yaml.\n');
    expect(none.code).toBe(0);

    writeFileSync(path.join(dir, 'notion.schema.yaml'), schema(p, V2));
    const out = await cli(dir, ['plan', '--out', 'plan.json', '--detailed-exitcode']);
    expect(out.code).toBe(2);
    const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as Plan;
    expect(validatePlan(plan)).toBe(true);
    const kinds = plan.steps.map((s) => `${s.kind}:${s.property ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining([
      'rename_property:Details', 'change_property_type:Budget', 'add_options:Stage', 'remove_options:Stage',
      'update_property:Revenue', 'add_property:Email', 'rename_property:Contacts', 'rename_property:Contact', 'add_property:Name',
    ]));
    // Renamed: the formula is compared after renames, so no spurious expression change.
    expect(kinds).not.toContain('update_property:Score');
    // All other changes to contacts ride in one PATCH; the synced rename goes to companies
    const contactsId = (JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: { crm: { data_sources: { contacts: string } } } }).databases.crm.data_sources.contacts;
    // (a second one only for "Name", which the renamed title frees in the first).
    expect(plan.requests.filter((r) => r.target === contactsId)).toHaveLength(2);
    expect(plan.requests.filter((r) => r.target === contactsId)[1]?.body).toEqual({ properties: { Name: { rich_text: {} } } });
    expect(out.stdout).toContain('-/+');
    expect(out.stdout).toContain('[destructive]');

    const applied = await cli(dir, ['apply', '--plan', 'plan.json', '--yes', '--allow-destructive']);
    expect(applied.stderr).not.toContain('error');
    expect(applied.code).toBe(0);
    const after = await cli(dir, ['plan', '--json', '--detailed-exitcode']);
    expect((JSON.parse(after.stdout) as Plan).steps).toEqual([]);
    expect(after.code).toBe(0);
  });

  it('prints pure JSON with --json, Markdown with --markdown, and never the token', async () => {
    const p = await parent();
    const dir = project(schema(p, 'Name: { type: title }'));
    const json = await bin(dir, ['plan', '--json']);
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.format_version).toBe(2);
    expect(plan.schema_file).toBe('notion.schema.yaml');
    expect(plan.schema_hash).toMatch(/^[0-9a-f]{64}$/);
    const md = await bin(dir, ['plan', '--markdown']);
    expect(md.stdout.split('\n')[0]).toMatch(/^\*\*Plan: \d+ to create, /);
    expect(md.stdout).toMatch(/\n<details open><summary><b>crm<\/b>: \d+ to create/);
    expect(md.stdout).toContain('\n```mermaid\nerDiagram\n');
    for (const r of [json, md]) expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('fails with exit 1 and a fix hint when renamed_from matches nothing', async () => {
    const p = await parent();
    const dir = project(schema(p, 'Name: { type: title }'));
    expect((await cli(dir, ['apply', '--yes'])).code).toBe(0);
    writeFileSync(path.join(dir, 'notion.schema.yaml'), schema(p, 'Name: { type: title }\nDetails: { type: rich_text, renamed_from: [Notez] }'));
    const r = await cli(dir, ['plan', '--detailed-exitcode']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('renamed_from');
    expect(r.stderr).toContain('"Notez"');
    expect(r.stdout).toBe('');
  });

  it('explains an --out path that cannot be written', async () => {
    const p = await parent();
    const dir = project(schema(p, 'Name: { type: title }'));
    const r = await cli(dir, ['plan', '--out', 'missing-dir/plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--out missing-dir/plan.json: cannot write the plan file (ENOENT)');
  });

  it('--impact counts the pages whose values a destructive step removes', async () => {
    const p = await parent();
    const dir = project(schema(p, 'Name: { type: title }\nNotes: { type: rich_text }\nTags: { type: multi_select, options: [{ name: a }, { name: b }] }'));
    expect((await cli(dir, ['apply', '--yes'])).code).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: { crm: { data_sources: { contacts: string } } } };
    const notion = new Client({ auth: TOKEN, baseUrl: emu.url });
    for (let i = 0; i < 3; i++) {
      await notion.pages.create({
        parent: { type: 'data_source_id', data_source_id: lock.databases.crm.data_sources.contacts },
        properties: {
          Name: { title: [{ text: { content: `Row ${i}` } }] },
          ...(i < 2 ? { Notes: { rich_text: [{ text: { content: 'x' } }] } } : {}),
          Tags: { multi_select: [{ name: i === 0 ? 'b' : 'a' }] },
        },
      });
    }
    writeFileSync(path.join(dir, 'notion.schema.yaml'), schema(p, 'Name: { type: title }\nTags: { type: multi_select, options: [{ name: a }] }'));
    const r = await cli(dir, ['plan', '--impact', '--json']);
    const plan = JSON.parse(r.stdout) as Plan;
    const impact = Object.fromEntries(plan.steps.map((s) => [s.kind, s.impact]));
    expect(impact['remove_property']).toEqual({ pages: 2, capped: false });
    expect(impact['remove_options']).toEqual({ pages: 1, capped: false });
    expect(r.stderr).toMatch(/impact counted with 2 query requests/);
    const text = await cli(dir, ['plan', '--impact']);
    expect(text.stdout).toContain('removes values from 2 pages');
  });

  it('uses the embedded local workspace by default (no token), with the banner on stderr only', async () => {
    const dir = project(schema('5d1b6e3a-0000-4000-8000-0000000000aa', 'Name: { type: title }'));
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'notion-schema', 'plan', '--detailed-exitcode'], {
      stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; },
      env: { NO_COLOR: '1' }, cwd: dir, isTTY: false, stdinIsTTY: false, confirm: async () => false,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('local workspace');
    expect(stdout).not.toContain('local workspace');
    expect(stdout.split('\n')[1]).toContain('target local');
  });
});
