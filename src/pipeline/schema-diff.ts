import { liveFromDesired } from '../diff/as-live.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import type { Plan } from '../model/plan.js';
import { buildPlan } from '../plan/index.js';
import { SCHEMA_TARGET } from '../render/plan-text.js';

/** The Notion-Version a schema diff plans for (its requests are never sent). */
const DIFF_NOTION_VERSION = '2025-09-03';

/**
 * What changing the schema from `old` to `next` does, as a plan with the same steps and risks as
 * `plan` against a workspace that holds `old` exactly: a removed property is destructive, an option
 * recolour is a data migration, a button is manual. Needs no token and no workspace. The plan's
 * `target` names the old side (`schema:git:main:notion.schema.yaml`); it is never applied.
 */
export function diffSchemas(old: DesiredState, next: DesiredState, toolVersion: string): { plan: Plan; errors: Diagnostic[] } {
  const { plan, diagnostics } = buildPlan({
    desired: next, live: liveFromDesired(old, next), toolVersion, notionVersion: DIFF_NOTION_VERSION, target: `${SCHEMA_TARGET}${old.file}`,
  });
  return { plan, errors: diagnostics.filter((d) => d.severity === 'error') };
}
