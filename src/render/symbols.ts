import type { Step, StepKind } from '../model/index.js';

/** Terraform-like symbols: + create, ~ change, - remove, -/+ replace (type change), ~> data migration, ! manual. */
export const SYMBOL: Record<StepKind, string> = {
  create_database: '+',
  create_data_source: '+',
  add_property: '+',
  update_database: '~',
  update_data_source: '~',
  rename_property: '~',
  update_property: '~',
  change_property_type: '-/+',
  add_options: '~',
  remove_property: '-',
  remove_options: '-',
  migrate_values: '~>',
  remove_data_source: '-',
  remove_database: '-',
  restore_database: '~',
  create_view: '+',
  update_view: '~',
  remove_view: '-',
  manual: '!',
};

/** Short label of what a step targets: `crm`, `crm.contacts`, `crm.contacts › Stage`. */
export function targetOf(step: Step): string {
  const ds = step.data_source ?? step.database;
  if (step.kind === 'create_view' || step.kind === 'update_view' || step.kind === 'remove_view') return `${ds} › view "${step.view}"`;
  return step.property !== undefined ? `${ds} › ${step.property}` : ds;
}

/** JSON value for display; strings unquoted when they are plain words. */
export function show(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object' && v !== null && 'type' in v) {
    const o = v as { type: string; emoji?: string; url?: string };
    if (o.type === 'emoji' && o.emoji !== undefined) return o.emoji;
    if (o.type === 'external' && o.url !== undefined) return o.url;
  }
  return JSON.stringify(v);
}
