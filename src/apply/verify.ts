import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import { readLockFile, serializeLockFile, writeLockFile } from '../notion/lock-file.js';
import { recordPropertyIds } from '../notion/record-ids.js';
import { readLiveState } from '../notion/read-live-state.js';
import type { NotionClient } from '../notion/types.js';
import { buildPlan } from '../plan/index.js';
import { remainingDifferences } from './verify-report.js';

/**
 * Re-reads the live state through the (just updated) lock file and re-plans: any step left
 * (manual ones aside) is a difference the API did not apply, reported naming property and field.
 * The lock file then records every managed property's id and option ids as read (so a later
 * rename made in Notion is recognised as one).
 */
export async function verifyLiveState(
  client: NotionClient, desired: DesiredState, lockPath: string, opts: { readonly skipMigrations?: boolean } = {},
): Promise<Diagnostic[]> {
  const lock = await readLockFile(lockPath);
  const { live } = await readLiveState(client, desired, lock, { adopt: false, fingerprints: false });
  const recorded = recordPropertyIds(lock, desired, live);
  if (serializeLockFile(recorded) !== serializeLockFile(lock)) await writeLockFile(lockPath, recorded);
  const { plan } = buildPlan({ desired, live, toolVersion: 'verify', notionVersion: client.notionVersion, target: client.target });
  return remainingDifferences(opts.skipMigrations === true ? { ...plan, steps: plan.steps.filter((s) => s.kind !== 'migrate_values') } : plan);
}
