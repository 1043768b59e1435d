import { describe, expect, it } from 'vitest';
import type * as Lib from '../../src/index.js';

describe('the package entry point (import "notion-schema")', () => {
  it('runs the pipeline file → desired → plan → rendering from the built package', async () => {
    const lib = (await import('notion-schema')) as unknown as typeof Lib;
    const text = `databases:
  crm:
    title: CRM
    parent: { workspace: true }
    data_sources:
      contacts:
        title: Contacts
        properties:
          Name: { type: title }
          Email: { type: email }
`;
    const { desired, diagnostics } = lib.parseSchemaText(text, 'inline.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(desired).not.toBeNull();
    const empty = { databases: new Map(), data_sources: new Map(), external: new Map() };
    const { plan } = lib.buildPlan({ desired: desired!, live: empty, toolVersion: lib.TOOL_VERSION, notionVersion: '2025-09-03', target: 'test' });
    expect(plan.format_version).toBe(lib.PLAN_FORMAT_VERSION);
    expect(plan.steps.map((s) => s.kind)).toContain('create_database');
    expect(lib.renderMarkdown(plan)).toContain('CRM');
    expect(typeof lib.applyPlan).toBe('function');
    expect(typeof lib.startEmulator).toBe('function');
  });
});
