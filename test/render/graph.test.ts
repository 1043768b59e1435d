import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { graphOfDesired, graphOfPlan, renderDot, renderMermaid, type SchemaGraph } from '../../src/render/index.js';
import { golden } from '../helpers/golden.js';
import { parseErDiagram } from '../helpers/mermaid-er.js';
import { runMain, REPO_ROOT } from '../helpers/cli.js';
import { db, desired, ds, prop } from '../plan/builders.js';
import { SCENARIOS } from '../plan/scenarios.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const EXAMPLE = `${REPO_ROOT}examples/notion.schema.yaml`;

async function exampleGraph(): Promise<SchemaGraph> {
  return graphOfDesired((await loadDesiredState(EXAMPLE, { env: {} })).desired);
}
function planGraph(name: string): SchemaGraph {
  const sc = SCENARIOS.find((s) => s.name === name);
  if (!sc) throw new Error(name);
  const { plan } = buildPlan({ desired: sc.desired, live: sc.live, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' });
  return graphOfPlan(graphOfDesired(sc.desired), plan);
}

describe('graph of the example schema', () => {
  it('matches the Mermaid and DOT goldens', async () => {
    const g = await exampleGraph();
    golden(`${FIXTURES}graph-example/graph.mmd`, renderMermaid(g));
    golden(`${FIXTURES}graph-example/graph.dot`, renderDot(g));
  });
  it('parses as a Mermaid erDiagram with one entity per data source and one relationship per relation', async () => {
    const g = await exampleGraph();
    const parsed = parseErDiagram(renderMermaid(g));
    expect(parsed.entities.size).toBe(6);
    expect(parsed.entities.get('ds_crm_contacts')?.alias).toBe('CRM › Contacts (crm.contacts)');
    // Two-way relations declared on both sides are one relationship, solid; one-way ones are dotted.
    expect(parsed.relationships).toContainEqual({ from: 'ds_crm_companies', to: 'ds_crm_contacts', left: '}o', right: 'o{', identifying: true, label: 'Contacts ↔ Company' });
    expect(parsed.relationships).toContainEqual({ from: 'ds_work_projects', to: 'ds_crm_companies', left: '}o', right: 'o{', identifying: false, label: 'Client' });
    expect(parsed.relationships).toHaveLength(4);
    const attrs = parsed.entities.get('ds_crm_contacts')?.attributes ?? [];
    expect(attrs).toContainEqual({ type: 'rollup', name: 'Company_ARR', keys: [], comment: 'Company ARR; sum of ARR through Company' });
  });
  it('draws rollups and two-way relations in DOT', async () => {
    const dot = renderDot(await exampleGraph());
    expect(dot).toContain('"crm.companies" -> "crm.contacts" [label="Contacts ↔ Company", dir=both];');
    expect(dot).toContain('"crm.contacts" -> "crm.companies" [label="rollup Company ARR: sum of \\"ARR\\"", style=dashed, arrowhead=empty];');
    expect(dot).toContain('"work.projects" -> "crm.companies" [label="Client (one-way)"];');
  });
});

describe('graph of a plan (the PR comment diagram)', () => {
  it('marks removed and changed parts of a destructive plan (goldens)', () => {
    const g = planGraph('removals');
    golden(`${FIXTURES}graph-removals/graph.mmd`, renderMermaid(g));
    golden(`${FIXTURES}graph-removals/graph.dot`, renderDot(g));
    const attrs = parseErDiagram(renderMermaid(g)).entities.get('ds_crm_contacts')?.attributes ?? [];
    expect(attrs).toContainEqual({ type: 'rich_text', name: 'Legacy_notes', keys: [], comment: '- removed; Legacy notes' });
    expect(attrs.find((a) => a.name === 'Tags')?.comment).toBe('~ changed');
  });
  it('adds back removed databases and data sources, marked removed', () => {
    const parsed = parseErDiagram(renderMermaid(planGraph('lock-state')));
    expect(parsed.entities.get('ds_old_main')?.alias).toBe('old.main (removed)');
    expect(parsed.entities.get('ds_crm_deals')?.alias).toBe('crm.deals (removed)');
  });
  it('every scenario yields a diagram that parses', () => {
    for (const sc of SCENARIOS) expect(() => parseErDiagram(renderMermaid(planGraph(sc.name))), sc.name).not.toThrow();
  });
  it('survives hostile names: quotes, spaces, keywords, digits, PK', () => {
    const state = desired([db('to', 'A "quoted" db', [ds('to', 'many', '1 "x" [y]', [
      prop('PK', { type: 'title' }), prop('9 lives "cat"', { type: 'number', format: 'number' }),
      prop('Self', { type: 'relation', target: { kind: 'key', key: 'to.many' }, dual: null }),
    ])])]);
    const parsed = parseErDiagram(renderMermaid(graphOfDesired(state)));
    expect(parsed.entities.get('ds_to_many')?.attributes.map((a) => a.name)).toEqual(['PK_', 'p9_lives__cat_', 'Self']);
    expect(parsed.relationships).toHaveLength(1);
  });
});

describe('the parser rejects what Mermaid rejects', () => {
  it.each([
    ['unquoted spaces in a name', 'erDiagram\n    a b c {\n    }\n'],
    ['a double quote inside a comment', 'erDiagram\n    a {\n        text x "a"b"\n    }\n'],
    ['a relationship without a label', 'erDiagram\n    a {\n    }\n    b {\n    }\n    a }o--o{ b\n'],
    ['a bad cardinality', 'erDiagram\n    a {\n    }\n    b {\n    }\n    a }}--o{ b : "x"\n'],
    ['a missing header', 'a {\n}\n'],
    ['an unclosed block', 'erDiagram\n    a {\n        text x\n'],
  ])('%s', (_, src) => {
    expect(() => parseErDiagram(src)).toThrow(/mermaid/);
  });
});

describe('notion-schema graph', () => {
  it('prints Mermaid by default and DOT with --format dot, without a token', async () => {
    const m = await runMain(['graph', EXAMPLE], { cwd: REPO_ROOT, env: {} });
    expect(m.code).toBe(0);
    expect(m.stdout).toBe(renderMermaid(await exampleGraph()));
    const d = await runMain(['graph', EXAMPLE, '--format', 'dot'], { cwd: REPO_ROOT, env: {} });
    expect(d.code).toBe(0);
    expect(d.stdout.startsWith('digraph notion_schema {\n')).toBe(true);
    const bad = await runMain(['graph', EXAMPLE, '--format', 'svg'], { cwd: REPO_ROOT, env: {} });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('mermaid, dot');
  });
  it('explains a missing file', async () => {
    const r = await runMain(['graph', 'nope.yaml'], { cwd: REPO_ROOT, env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.yaml: cannot read the schema file (ENOENT)');
  });
});
