import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { graphOfDesired, renderMarkdown } from '../../src/render/index.js';
import { fitSections } from '../../src/render/markdown-fit.js';
import { db, desired, ds, live, prop } from '../plan/builders.js';
import { parseErDiagram } from '../helpers/mermaid-er.js';

const LIMIT = 65_536;

/** 120 new databases of growing size (db0 has 1 property, db119 has 120), each with options and a formula. */
function hugeState(count = 120): ReturnType<typeof desired> {
  return desired(Array.from({ length: count }, (_, i) => db(`db${i}`, `Database ${i}`, [ds(`db${i}`, 'main', `Main ${i}`, [
    prop('Name', { type: 'title' }),
    ...Array.from({ length: i + 1 }, (_, j) => prop(`Field ${j}`, j % 2 === 0
      ? { type: 'select', options: [{ name: 'Lead', color: 'gray' }, { name: 'Customer', color: 'green' }, { name: `Option ${j}`, color: 'blue' }] }
      : { type: 'formula', expression: `prop("Name") + " ${j}"` })),
  ])])));
}
function hugePlan(): { plan: Plan; state: ReturnType<typeof desired> } {
  const state = hugeState();
  return { plan: buildPlan({ desired: state, live: live(), toolVersion: 't', notionVersion: '2025-09-03', target: 'local' }).plan, state };
}

function balanced(md: string): void {
  expect((md.match(/<details[\s>]/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
  expect(md.split('\n').filter((l) => /^`{3,}/.test(l)).length % 2).toBe(0);
}

describe('renderMarkdown under a limit', () => {
  it('a huge plan fits, collapsing the largest sections first, without cutting a sentence', () => {
    const { plan, state } = hugePlan();
    const full = renderMarkdown(plan, { graph: graphOfDesired(state) });
    expect(full.length).toBeGreaterThan(LIMIT * 3);
    const md = renderMarkdown(plan, { graph: graphOfDesired(state), limit: LIMIT, fullPlanAt: 'the job summary' });
    expect(md.length).toBeLessThanOrEqual(LIMIT);
    balanced(md);
    expect(md.split('\n')[0]).toBe(full.split('\n')[0]);
    // Every database still has its section (full, compact or one sentence).
    for (let i = 0; i < 120; i++) expect(md.includes(`<b>db${i}</b>:`) || md.includes(`- **db${i}**:`), `db${i}`).toBe(true);
    const fullOpen = (i: number): boolean => md.includes(`<details open><summary><b>db${i}</b>:`);
    const collapsed = (i: number): boolean => md.includes(`- **db${i}**:`) || md.includes(`<details><summary><b>db${i}</b>:`);
    // The largest (last) databases collapsed; the smallest stay open; never a small one collapsed before a larger one.
    expect(collapsed(119)).toBe(true);
    expect(fullOpen(0)).toBe(true);
    const firstCollapsed = Array.from({ length: 120 }, (_, i) => i).find(collapsed) ?? 120;
    for (let i = firstCollapsed; i < 120; i++) expect(collapsed(i), `db${i}`).toBe(true);
    // Nothing is cut: every line is a line of the full rendering or of a collapsed form.
    const known = new Set(full.split('\n'));
    for (const line of md.split('\n')) {
      if (known.has(line)) continue;
      expect(line, line).toMatch(/^(<details><summary><b>db\d+<\/b>: .*<\/summary>|- \*\*db\d+\*\*: .*Collapsed to fit the comment; the steps are in the job summary\.|_The diagram was left out to fit the comment; `notion-schema graph` draws it\._|[+~!-] +s\d+ +.*)$/);
    }
  });
  it('keeps the diagram when it fits, and it parses', () => {
    const state = hugeState(3);
    const plan = buildPlan({ desired: state, live: live(), toolVersion: 't', notionVersion: '2025-09-03', target: 'local' }).plan;
    const md = renderMarkdown(plan, { graph: graphOfDesired(state), limit: LIMIT });
    const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1];
    expect(mermaid).toBeDefined();
    expect(parseErDiagram(`${mermaid ?? ''}\n`).entities.size).toBe(3);
  });
});

describe('fitSections', () => {
  it('shrinks the currently largest section one level at a time', () => {
    const a = { levels: ['a'.repeat(100), 'a'.repeat(10)] };
    const b = { levels: ['b'.repeat(50), 'b'.repeat(5)] };
    expect(fitSections([a, b], 200)).toEqual(['a'.repeat(100), 'b'.repeat(50)]);
    expect(fitSections([a, b], 100)).toEqual(['a'.repeat(10), 'b'.repeat(50)]);
    expect(fitSections([a, b], 20)).toEqual(['a'.repeat(10), 'b'.repeat(5)]);
    expect(fitSections([a, b], 1)).toEqual(['a'.repeat(10), 'b'.repeat(5)]);
  });
});
