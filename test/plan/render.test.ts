import { describe, expect, it } from 'vitest';
import type { Plan, Step } from '../../src/model/index.js';
import { buildPlan, renderJson, renderMarkdown, renderText, type TextStyle } from '../../src/plan/index.js';
import { SCENARIOS } from './scenarios.js';

function planOf(name: string): Plan {
  const sc = SCENARIOS.find((s) => s.name === name);
  if (!sc) throw new Error(name);
  return buildPlan({ desired: sc.desired, live: sc.live, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' }).plan;
}
const tag = (t: string) => (s: string): string => `<${t}>${s}</${t}>`;
const MARK: TextStyle = { green: tag('g'), yellow: tag('y'), red: tag('r'), cyan: tag('c'), magenta: tag('m'), bold: tag('b'), dim: tag('d') };

describe('renderText', () => {
  it('puts the summary line first', () => {
    expect(renderText(planOf('status-groups')).split('\n')[0]).toBe('Plan: 0 to create, 2 to change, 1 to remove, 1 destructive, 1 needs manual action.');
  });
  it('colours symbols by risk: green create, yellow change, red destructive, magenta manual', () => {
    const text = renderText(planOf('status-groups'), MARK);
    expect(text).toContain('<y>~  </y>');
    expect(text).toContain('<r>-  </r>');
    expect(text).toContain('<m>!  </m>');
    expect(renderText(planOf('relation-new'), MARK)).toContain('<g>+  </g>');
  });
  it('shows config changes as a before/after line diff', () => {
    const text = renderText(planOf('updates'), MARK);
    expect(text).toContain('<r>          - if(prop("Amount") > 50,</r>');
    expect(text).toContain('<g>          + if(prop("Amount") > 100,</g>');
  });
  it('renders the impact of a destructive step when counted', () => {
    const plan = planOf('removals');
    const steps = plan.steps.map((s): Step => (s.kind === 'remove_property' ? { ...s, impact: { pages: 1234, capped: false } } : s));
    expect(renderText({ ...plan, steps })).toContain('removes values from 1,234 pages');
  });
  it('lists adoptions and warnings', () => {
    expect(renderText(planOf('adoption'))).toContain('= adopt database crm → 00000000-0000-4000-8000-000000000001');
    const plan = { ...planOf('no-changes'), warnings: [{ severity: 'warning' as const, code: 'possible-rename', message: 'possible rename: add `renamed_from`' }] };
    expect(renderText(plan)).toContain('Warnings:\n  ! possible rename: add `renamed_from`');
  });
  it('says "No changes" with the schema file name', () => {
    expect(renderText(planOf('no-changes'))).toBe('No changes. Live schema matches notion.schema.yaml.\n');
  });
});

describe('renderMarkdown', () => {
  it('shows the summary, a destructive banner, a data-migration banner and a section per database', () => {
    const md = renderMarkdown(planOf('options'));
    expect(md.split('\n')[0]).toBe('**Plan: 0 to create, 3 to change, 1 to remove, 1 destructive, 0 need manual action** (1 API request)');
    expect(md).toContain('> [!WARNING]\n> **1 destructive step**: page values are lost. Apply needs `--allow-destructive`.');
    expect(md).toContain('> [!IMPORTANT]\n> 2 data migrations rewrite page values. Apply needs `--migrate-data`.');
    expect(md).toContain('> - `s3` Rename option "Client" of "Stage" in crm.contacts to "Customer"');
    expect(md).toContain('<details open><summary><b>crm</b>: 3 to change, 1 to remove, 1 destructive</summary>\n\n```diff\n# crm.contacts will be updated in place\n');
    // No step table and no repeated "Full plan": each step is shown once.
    expect(md).not.toContain('| step |');
    expect(md).not.toContain('Full plan');
    expect(md.split('Add option "Won" to "Stage"').length).toBe(2);
  });
  it('gives the impact counts in the destructive banner when known', () => {
    const plan = planOf('removals');
    const steps = plan.steps.map((x): Step => (x.kind === 'remove_property' ? { ...x, impact: { pages: 1234, capped: false } } : x));
    const md = renderMarkdown({ ...plan, steps });
    expect(md).toContain('**2 destructive steps**: page values are lost. Apply needs `--allow-destructive`. 1 counted step removes values from 1,234 pages in all.');
    expect(md).toContain('its values on every page are lost. (removes values from 1,234 pages)');
  });
  it('shows a manual checklist for steps the API cannot do', () => {
    const md = renderMarkdown(planOf('status-groups'));
    expect(md).toContain('> [!CAUTION]\n> **1 step needs manual action** in the Notion app');
    expect(md).toMatch(/> - \[ \] `s\d+` In Notion, open CRM › Contacts/);
  });
  it('starts with the summary line, with or without changes', () => {
    expect(renderMarkdown(planOf('relation-new')).split('\n')[0]).toMatch(/^\*\*Plan: \d+ to create, \d+ to change, /);
    expect(renderMarkdown(planOf('no-changes')).split('\n')[0]).toBe('**No changes.** Live schema matches `notion.schema.yaml`.');
  });
  it('has no banners for a safe plan, and a fence longer than any backtick run in it', () => {
    const plan = planOf('relation-new');
    const md = renderMarkdown({ ...plan, steps: plan.steps.map((x) => ({ ...x, reason: `${x.reason} a\`\`\`b` })) });
    expect(md).not.toContain('[!WARNING]');
    expect(md).not.toContain('[!CAUTION]');
    expect(md).toContain('````diff\n');
  });
  it('puts the sign of settings and removed options in column 0 of the diff block', () => {
    const md = renderMarkdown(planOf('removals'));
    expect(md).toContain('\n-       "old"\n');
    expect(renderMarkdown(planOf('new-workspace'))).toContain('\n+       options: Lead (gray), Customer (green)\n');
  });
});

describe('renderJson', () => {
  it('is the plan itself, pretty-printed', () => {
    const plan = planOf('two-way');
    expect(JSON.parse(renderJson(plan))).toEqual(plan);
    expect(renderJson(plan).endsWith('}\n')).toBe(true);
  });
});

describe('plurals', () => {
  it('says "1 page" and "1 request", never "1 pages" or "1 requests"', () => {
    const plan = planOf('removals');
    const one = { ...plan, steps: plan.steps.map((x): Step => (x.kind === 'remove_property' ? { ...x, impact: { pages: 1, capped: false } } : x)) };
    expect(renderText(one)).toContain('removes values from 1 page\n');
    expect(renderMarkdown(one)).toContain('(removes values from 1 page)');
    expect(renderText(one)).toContain('1 API request;');
  });
});
