import { countMigration, MigrationError, type MigrationCount } from '../migrate/index.js';
import type { DesiredState, Diagnostic, MigrationCountSummary, Plan, SourceLocation, Step } from '../model/index.js';
import type { NotionClient } from '../notion/types.js';
import { uncountableDiagnostic, unconvertibleDiagnostics, undeclaredOptionsWarning } from '../render/migration-text.js';

/** Requests per second a plan assumes when the client does not say (Notion's documented average). */
export const DEFAULT_MIGRATION_RATE = 3;

export interface CountedMigrations {
  readonly plan: Plan;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /** Requests spent counting. */
  readonly requests: number;
}

function summary(c: MigrationCount, rate: number): MigrationCountSummary {
  return {
    pages: c.pages, writes: c.writes, passes: c.passes, queries: c.queries, schema_requests: c.schemaRequests,
    requests: c.requests, rate, seconds: Math.round(c.seconds * 10) / 10,
    ...(c.targetOptions.length > 0 ? { target_options: c.targetOptions } : {}),
  };
}

function locationOf(desired: DesiredState, step: Step): SourceLocation | undefined {
  return desired.databases.flatMap((db) => db.data_sources).find((ds) => ds.ref === step.data_source)
    ?.properties.find((p) => p.name === step.property)?.location;
}

/**
 * Counts every `migrate_values` step with the same queries its run makes (src/migrate/ countMigration):
 * pages to rewrite, requests, seconds at the client's rate limit. Values a conversion cannot convert
 * become errors (the plan refuses); a migration that cannot start is an error too.
 */
export async function countMigrations(client: NotionClient, plan: Plan, desired: DesiredState): Promise<CountedMigrations> {
  if (!plan.steps.some((s) => s.kind === 'migrate_values')) return { plan, errors: [], warnings: [], requests: 0 };
  const rate = client.rateLimit ?? DEFAULT_MIGRATION_RATE;
  const before = client.stats.requests;
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const steps: Step[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'migrate_values') { steps.push(step); continue; }
    const location = locationOf(desired, step);
    try {
      const c = await countMigration(client, step.migration, { rate });
      if (c.unconvertible.length > 0) errors.push(...unconvertibleDiagnostics(step.property, step.data_source, step.migration.kind === 'convert' ? step.migration.to : '', c.unconvertible, location));
      const m = step.migration;
      if (m.kind === 'convert' && (m.to === 'select' || m.to === 'multi_select')) {
        const declared = new Set((m.options ?? []).map((o) => o.name));
        const extra = c.targetOptions.filter((n) => !declared.has(n));
        if (extra.length > 0) warnings.push(undeclaredOptionsWarning(step.property, step.data_source, extra, location));
      }
      steps.push({ ...step, count: summary(c, rate) });
    } catch (err) {
      if (!(err instanceof MigrationError)) throw err;
      errors.push(uncountableDiagnostic(step.property, step.data_source, err.message, location));
      steps.push(step);
    }
  }
  return { plan: { ...plan, steps }, errors, warnings, requests: client.stats.requests - before };
}
