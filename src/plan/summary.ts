import type { PlanSummary, Step, StepKind } from '../model/index.js';

/** Which summary bucket each step kind counts in. */
const BUCKET: Record<StepKind, 'create' | 'change' | 'remove' | 'manual'> = {
  create_database: 'create',
  create_data_source: 'create',
  add_property: 'create',
  update_database: 'change',
  update_data_source: 'change',
  rename_property: 'change',
  update_property: 'change',
  change_property_type: 'change',
  add_options: 'change',
  remove_property: 'remove',
  remove_options: 'remove',
  migrate_values: 'change',
  remove_data_source: 'remove',
  remove_database: 'remove',
  restore_database: 'change',
  create_view: 'create',
  update_view: 'change',
  remove_view: 'remove',
  manual: 'manual',
};

/** Counts steps per bucket; `destructive` counts destructive risk across buckets. */
export function summarize(steps: readonly Step[], requests: number): PlanSummary {
  const s = { create: 0, change: 0, remove: 0, destructive: 0, manual: 0 };
  for (const step of steps) {
    s[BUCKET[step.kind]] += 1;
    if (step.risk === 'destructive') s.destructive += 1;
  }
  return { ...s, requests, has_changes: steps.length > 0 };
}
