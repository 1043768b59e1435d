import pLimit from 'p-limit';
import { NotionApiError, StalePlanError } from '../errors.js';
import type { Plan } from '../model/plan.js';
import type { NotionClient } from '../notion/types.js';
import type { ApplyServices } from './services.js';

/** Refuses a plan made for another target, or from a schema file that has changed since. No requests. */
export function checkPlanOrigin(plan: Plan, client: NotionClient, schemaHash: string | null | undefined): void {
  if (plan.target !== client.target) {
    throw new StalePlanError(`plan is stale: it was made for target ${plan.target}, not ${client.target}; run plan again`);
  }
  if (schemaHash != null && plan.schema_hash !== null && plan.schema_hash !== schemaHash) {
    const file = plan.schema_file !== null ? ` ${plan.schema_file}` : '';
    throw new StalePlanError(`plan is stale: the schema file${file} changed since the plan was made; run plan again`);
  }
}

/**
 * A stale plan with its reasons: the message counts them, the details list each once
 * (both the CLI and the Action print the details under the message).
 */
export function staleBecause(reasons: readonly string[]): StalePlanError {
  const what = reasons.length === 1 ? '1 object changed' : `${reasons.length} objects changed`;
  return new StalePlanError(`plan is stale: ${what} since the plan was made; run plan again`, [...reasons]);
}

/**
 * Before the first write: re-reads every object in the plan's basis and compares fingerprints.
 * Throws StalePlanError (exit 3) naming every object that changed or disappeared. Reads run
 * `concurrency` at a time through the client's shared rate limiter.
 */
export async function checkStaleness(plan: Plan, client: NotionClient, services: ApplyServices, concurrency = 8): Promise<void> {
  const limit = pLimit(Math.max(1, concurrency));
  const results = await Promise.all(plan.basis.map((entry) => limit(async (): Promise<string | null> => {
    const label = `${entry.kind === 'database' ? 'database' : 'data source'} ${entry.key} (${entry.id})`;
    try {
      const fp = await services.fetchFingerprint(client, entry.kind, entry.id);
      return fp !== entry.fingerprint ? `${label} changed` : null;
    } catch (err) {
      if (err instanceof NotionApiError && err.status === 404) return `${label} no longer exists or is not shared`;
      throw err;
    }
  })));
  const changed = results.filter((r): r is string => r !== null);
  if (changed.length > 0) {
    throw staleBecause(changed);
  }
}
