import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { ApplyResult } from '../../src/model/apply.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { cli, projectDir, taskSchema, TOKEN, freshParent, countByTitle } from './apply-helpers.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

const example = readFileSync(path.join(REPO_ROOT, 'examples/notion.schema.yaml'), 'utf8');

describe('apply through the CLI against the emulator', () => {
  it('applies the example schema to an empty workspace; the next plan has only the manual steps', async () => {
    const dir = projectDir(example);
    const env = { NOTION_PARENT_PAGE: emu.rootPageId };
    const applied = await cli(dir, emu.url, ['apply', '--yes', '--skip-manual', '--json'], env);
    expect(applied.stderr).not.toContain(TOKEN);
    const result = JSON.parse(applied.stdout) as ApplyResult;
    expect(result.steps.filter((s) => s.status === 'failed')).toEqual([]);
    expect(result.verification).toEqual([]);
    expect(applied.code).toBe(0);
    expect(result.created.filter((c) => c.kind === 'database')).toHaveLength(4);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: Record<string, { id: string }> };
    expect(Object.keys(lock.databases).sort()).toEqual(['content', 'crm', 'handbook', 'work']);
    // Only the button and verification properties remain: the API cannot create them.
    const plan = await cli(dir, emu.url, ['plan', '--json'], env);
    const steps = (JSON.parse(plan.stdout) as { steps: { kind: string }[] }).steps;
    expect(steps.map((s) => s.kind)).toEqual(['manual', 'manual']);
    // Without the two manual-only properties, the plan is empty: --detailed-exitcode exits 0.
    const withoutManual = example.replace(/^\s+Mark done:.*\n/m, '').replace(/^\s+Verification: \{ type: verification \}\n/m, '');
    writeFileSync(path.join(dir, 'notion.schema.yaml'), withoutManual);
    const again = await cli(dir, emu.url, ['plan', '--detailed-exitcode'], env);
    expect(again.code).toBe(0);
    expect(countByTitle(emu, 'CRM')).toBe(1);
  });

  it('keeps page values across a rename', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }\nNotes: { type: rich_text }'));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: { tasks: { data_sources: { main: string } } } };
    const dsId = lock.databases.tasks.data_sources.main;
    const notion = new Client({ auth: TOKEN, baseUrl: emu.url });
    const page = await notion.pages.create({
      parent: { type: 'data_source_id', data_source_id: dsId },
      properties: { Name: { title: [{ text: { content: 'Row 1' } }] }, Notes: { rich_text: [{ text: { content: 'keep me' } }] } },
    });
    writeFileSync(path.join(dir, 'notion.schema.yaml'), taskSchema(parent, 'Name: { type: title }\nDetails: { type: rich_text, renamed_from: [Notes] }'));
    // Through a saved plan: `plan --out`, then `apply --plan` (no prompt, staleness-checked).
    expect((await cli(dir, emu.url, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const renamed = await cli(dir, emu.url, ['apply', '--plan', 'plan.json']);
    expect(renamed.stdout).toContain('Apply complete: 1 applied, 0 skipped, 0 failed');
    expect(renamed.stderr).toMatch(/✓ \[1\/1\] r1 PATCH s1 rename_property tasks\.main\.Details/);
    expect(renamed.code).toBe(0);
    const back = await notion.pages.retrieve({ page_id: page.id }) as { properties: Record<string, { type: string; rich_text?: { plain_text: string }[] }> };
    expect(back.properties['Notes']).toBeUndefined();
    expect(back.properties['Details']?.rich_text?.map((t) => t.plain_text).join('')).toBe('keep me');
  });

  it('refuses an option removal without --allow-destructive, and applies it with it', async () => {
    const parent = await freshParent(emu);
    const two = 'Name: { type: title }\nStage:\n  type: select\n  options:\n    - { name: Open, color: green }\n    - { name: Old, color: gray }';
    const dir = projectDir(taskSchema(parent, two));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    writeFileSync(path.join(dir, 'notion.schema.yaml'), taskSchema(parent, 'Name: { type: title }\nStage:\n  type: select\n  options:\n    - { name: Open, color: green }'));
    const refused = await cli(dir, emu.url, ['apply', '--yes']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/destructive/);
    expect(refused.stderr).toMatch(/remove_options tasks\.main\.Stage/);
    const allowed = await cli(dir, emu.url, ['apply', '--yes', '--allow-destructive']);
    expect(allowed.code).toBe(0);
    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});
