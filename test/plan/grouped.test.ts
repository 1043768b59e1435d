import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { Plan } from '../../src/model/index.js';
import { buildPlan, renderText } from '../../src/plan/index.js';
import { groupPlan } from '../../src/render/plan-groups.js';
import { runMain } from '../helpers/cli.js';
import { SCENARIOS } from './scenarios.js';

function planOf(name: string): Plan {
  const sc = SCENARIOS.find((s) => s.name === name);
  if (!sc) throw new Error(name);
  return buildPlan({ desired: sc.desired, live: sc.live, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' }).plan;
}

describe('grouped text plan', () => {
  it('puts every step in exactly one group, as an entry or folded', () => {
    for (const sc of SCENARIOS) {
      const plan = planOf(sc.name);
      const seen = groupPlan(plan).flatMap((g) => g.entries.flatMap((e) => [e.step.id, ...e.folded.map((f) => f.id)]));
      expect([...seen].sort()).toEqual(plan.steps.map((s) => s.id).sort());
    }
  });
  it('has one block per database and data source, with Terraform-style headers', () => {
    const text = renderText(planOf('new-workspace'));
    expect(text).toContain('  # crm will be created\n  +   s1   Create database "CRM"');
    expect(text).toContain('  # crm.contacts will be created\n');
    expect(renderText(planOf('rename'))).toContain('  # crm.contacts will be updated in place\n');
    expect(renderText(planOf('lock-state'))).toContain('  # old will be removed (moved to Notion\'s trash with its data sources)\n');
  });
  it('shows the full settings of created things', () => {
    const text = renderText(planOf('new-workspace'));
    expect(text).toContain('        + options: Lead (gray), Customer (green)\n');
    expect(text).toContain('        + options: Not started (default, To-do), Done (green, Complete)\n');
    expect(text).toContain('        + relation: → crm.companies (two-way, "Contacts")\n');
    expect(text).toContain('        + relation: → crm.companies (one-way)\n');
    expect(text).toContain('        + rollup: sum of "ARR" through "Company"\n');
    expect(text).toContain('        + expression: prop("Amount") * 2\n');
    expect(text).toContain('  +   s7   Add number property "Amount" to crm.contacts.\n        + format: dollar\n');
    expect(renderText(planOf('type-change'))).toContain('from rich_text to number; values that do not convert are lost. [destructive]\n        + format: euro\n');
  });
  it('folds steps that only complete a create into it', () => {
    const text = renderText(planOf('new-workspace'));
    expect(text).not.toMatch(/s4 +Set data source/);
    expect(text).not.toMatch(/s18 +Name the synced property/);
    expect(text).toContain('(includes s4)\n        + parent: page 5d1b6e3a-0000-4000-8000-000000000001\n');
    expect(text).toContain('        + crm.contacts title: "Contacts"\n');
    expect(text).toContain('Add relation property "Company" to crm.contacts. (includes s18)');
    expect(renderText(planOf('updates'))).toContain('(includes s6)\n        + synced property on crm.companies: "Contacts"\n');
  });
  it('--compact keeps exactly one line per step', () => {
    for (const sc of SCENARIOS) {
      const plan = planOf(sc.name);
      if (!plan.summary.has_changes) continue;
      const text = renderText(plan, undefined, { compact: true });
      const stepLines = text.split('\n').filter((l) => /^ {2}\S+ +s\d+ /.test(l));
      expect(stepLines.map((l) => /s\d+/.exec(l)?.[0])).toEqual(plan.steps.map((s) => s.id));
      expect(text).not.toContain('  # ');
      expect(text).not.toMatch(/^ {8}/m);
    }
  });
});

describe('plan --compact through the CLI', () => {
  const TOKEN = 'test-token';
  let emu: EmulatorHandle;
  beforeAll(async () => { emu = await startEmulator({ tokens: [TOKEN] }); });
  afterAll(async () => { await emu.close(); });
  it('prints the grouped plan by default and one line per step with --compact', async () => {
    const page = randomUUID();
    await emu.ensurePage(page, 'Compact');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-compact-'));
    writeFileSync(path.join(dir, 'notion.schema.yaml'), `version: 1
databases:
  crm:
    title: CRM
    parent: { page_id: "${page}" }
    data_sources:
      contacts:
        title: Contacts
        properties:
          Name: { type: title }
          Stage: { type: select, options: [{ name: Lead, color: gray }, { name: Customer, color: green }] }
`);
    const env = { NOTION_TOKEN: TOKEN };
    const grouped = await runMain(['--api-url', emu.url, 'plan'], { cwd: dir, env });
    expect(grouped.code).toBe(0);
    expect(grouped.stdout).toContain('  # crm.contacts will be created\n');
    expect(grouped.stdout).toContain('        + options: Lead (gray), Customer (green)\n');
    const compact = await runMain(['--api-url', emu.url, 'plan', '--compact'], { cwd: dir, env });
    expect(compact.code).toBe(0);
    expect(compact.stdout).not.toContain('  # ');
    expect(compact.stdout).toMatch(/ s\d+ +Add select property "Stage" to crm\.contacts\.\n/);
    expect(compact.stdout).not.toContain('+ options:');
  });
});
