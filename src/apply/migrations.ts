import { MigrationError, runMigration } from '../migrate/index.js';
import type { Plan, Step } from '../model/plan.js';
import type { NotionClient } from '../notion/types.js';
import { migrationResultMessage } from '../render/migration-text.js';
import type { ApplyEventListener } from './events.js';
import { errorMessage, type RequestOutcome } from './executor.js';
import type { Journal } from './journal.js';

type MigrationStep = Extract<Step, { kind: 'migrate_values' }>;

export interface MigrationRunContext {
  readonly client: NotionClient;
  readonly plan: Plan;
  /** `.notion-schema/` of the project: migration journals go to `<stateDir>/migrations/`. */
  readonly stateDir: string;
  /** `apply --migrate-data`: without it every migration is skipped (the safety rules let that through only with --skip-manual). */
  readonly migrateData: boolean;
  /** Every schema request of the plan succeeded (migrations run only then). */
  readonly requestsOk: boolean;
  readonly journal: Journal;
  readonly emit: ApplyEventListener;
}

/** The migration steps of a plan, in plan order. */
export function migrationSteps(plan: Plan): MigrationStep[] {
  return plan.steps.filter((s): s is MigrationStep => s.kind === 'migrate_values');
}

/**
 * Runs the plan's `migrate_values` steps one after another through src/migrate/, after every
 * schema request of the plan (their options and properties are settled by then). Each resumes
 * from its journal when an earlier run was interrupted. The first failure skips the rest.
 * Returns an outcome per step id.
 */
export async function runMigrationSteps(ctx: MigrationRunContext): Promise<Map<string, RequestOutcome>> {
  const out = new Map<string, RequestOutcome>();
  let stopped: string | null = ctx.requestsOk ? null : 'not started: an earlier request failed';
  for (const step of migrationSteps(ctx.plan)) {
    if (!ctx.migrateData) {
      out.set(step.id, { status: 'skipped', message: 'data migration: pass --migrate-data to rewrite page values' });
      continue;
    }
    if (stopped !== null) {
      out.set(step.id, { status: 'skipped', message: stopped });
      continue;
    }
    ctx.emit({ type: 'migration-start', step: step.id, label: step.reason, ...(step.count !== undefined ? { pages: step.count.pages, writes: step.count.writes } : {}) });
    let outcome: RequestOutcome;
    try {
      const r = await runMigration(ctx.client, step.migration, {
        stateDir: ctx.stateDir,
        onEvent: (event) => ctx.emit({ type: 'migration', step: step.id, event }),
      });
      outcome = { status: 'applied', message: migrationResultMessage(r) };
    } catch (err) {
      const details = err instanceof MigrationError && err.details.length > 0 ? `: ${err.details.join('; ')}` : '';
      outcome = { status: 'failed', message: `${errorMessage(err)}${details}` };
      stopped = `not started: data migration ${step.id} failed`;
    }
    out.set(step.id, outcome);
    ctx.journal.write({ type: 'migration', step: step.id, ...outcome });
    ctx.emit({ type: 'migration-end', step: step.id, ...outcome });
  }
  return out;
}
