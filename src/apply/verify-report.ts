import type { Diagnostic } from '../model/common.js';
import type { Plan, Step, StepKind } from '../model/plan.js';

const json = (v: unknown): string => (v === null || v === undefined ? 'unset' : JSON.stringify(v));

type Describer<K extends StepKind> = (step: Extract<Step, { kind: K }>) => string[];

function where(step: Step): string {
  const ds = step.data_source ?? step.database;
  return step.property !== undefined ? `${ds}: property "${step.property}"` : ds;
}

const DESCRIBE: { readonly [K in StepKind]: Describer<K> } = {
  create_database: (s) => [`database ${s.database} does not exist`],
  create_data_source: (s) => [`data source ${s.data_source} does not exist`],
  update_database: (s) => s.changes.map((c) => `database ${s.database}: ${c.field} is ${json(c.before)}, expected ${json(c.after)}`),
  update_data_source: (s) => s.changes.map((c) => `data source ${s.data_source}: ${c.field} is ${json(c.before)}, expected ${json(c.after)}`),
  add_property: (s) => [`${where(s)} is missing`],
  rename_property: (s) => [`${s.data_source}: property "${s.from}" was not renamed to "${s.property}"`],
  update_property: (s) => s.changes.map((c) => `${where(s)}: ${c.field} is ${json(c.before)}, expected ${json(c.after)}`),
  change_property_type: (s) => [`${where(s)}: type is ${s.from_type}, expected ${s.to_type}`],
  remove_property: (s) => [`${where(s)} still exists`],
  add_options: (s) => [`${where(s)}: options ${s.options.map((o) => JSON.stringify(o.name)).join(', ')} are missing`],
  remove_options: (s) => [`${where(s)}: options ${s.options.map((o) => JSON.stringify(o)).join(', ')} still exist`],
  migrate_values: (s) => [s.migration.kind === 'convert'
    ? `${where(s)}: type is ${s.migration.from}, expected ${s.migration.to} (its values were not migrated)`
    : `${where(s)}: option "${s.migration.from}" was not migrated to "${s.migration.to.name}"${s.migration.to.color !== undefined ? ` (${s.migration.to.color})` : ''}`],
  remove_data_source: (s) => [`data source ${s.data_source} (${s.data_source_id}) is not in the trash`],
  remove_database: (s) => [`database ${s.database} (${s.database_id}) is not in the trash`],
  restore_database: (s) => [`database ${s.database} (${s.database_id}) is still in the trash`],
  create_view: (s) => [`${s.data_source}: view "${s.view}" is missing`],
  update_view: (s) => s.changes.map((c) => `${s.data_source}: view "${s.view}": ${c.field} is ${json(c.before)}, expected ${json(c.after)}`),
  remove_view: (s) => [`${s.data_source}: view "${s.view}" still exists`],
  manual: () => [],
};

/**
 * Verification: the plan from the re-read live state to the desired state must be empty
 * (manual steps aside, they were never attempted). Every remaining step becomes an error
 * naming the object, the property and the field, e.g. when the API silently ignored a setting.
 */
export function remainingDifferences(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'manual') continue;
    const describe = DESCRIBE[step.kind] as Describer<typeof step.kind>;
    for (const message of describe(step as never)) {
      out.push({
        severity: 'error',
        code: 'apply-verification',
        message: `after apply, ${message}`,
        hint: 'the API accepted the request but the live schema differs; check the property in the Notion app and run apply again',
      });
    }
  }
  return out;
}
