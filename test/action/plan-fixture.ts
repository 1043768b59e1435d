import type { Plan, Step } from '../../src/model/plan.js';

/** A hand-made plan value (plain data, as the planner would produce) for the Action's own tests. */
export function makePlan(steps: readonly Step[]): Plan {
  const count = (k: (s: Step) => boolean): number => steps.filter(k).length;
  return {
    format_version: 2,
    tool_version: '0.1.0',
    schema_file: 'notion.schema.yaml',
    schema_hash: 'a'.repeat(64),
    notion_version: '2025-09-03',
    target: 'http://127.0.0.1:1',
    bindings: [],
    basis: [],
    steps,
    requests: [],
    warnings: [],
    summary: {
      create: count((s) => s.kind.startsWith('create') || s.kind === 'add_property' || s.kind === 'add_options'),
      change: count((s) => s.kind.startsWith('update') || s.kind === 'rename_property' || s.kind === 'change_property_type'),
      remove: count((s) => s.kind.startsWith('remove')),
      destructive: count((s) => s.risk === 'destructive'),
      manual: count((s) => s.risk === 'forbidden'),
      requests: 0,
      has_changes: steps.length > 0,
    },
  };
}

export function addProperty(id: string, property: string): Step {
  return {
    id, kind: 'add_property', risk: 'safe', reason: `add property ${property}`, depends_on: [],
    database: 'crm', data_source: 'crm.contacts', property, config: { type: 'rich_text' }, description: null,
  } as Step;
}

export function removeProperty(id: string, property: string): Step {
  return {
    id, kind: 'remove_property', risk: 'destructive', reason: `remove property ${property} and its values`, depends_on: [],
    database: 'crm', data_source: 'crm.contacts', property, property_type: 'rich_text',
  } as Step;
}

export function manualStep(id: string, instruction: string): Step {
  return {
    id, kind: 'manual', risk: 'forbidden', reason: instruction, cause: { code: 'unmanageable_remove', location: 'CRM › Contacts', property: 'Where', type: 'place' }, why: instruction, instruction, depends_on: [], database: 'crm', data_source: 'crm.contacts',
  } as Step;
}
