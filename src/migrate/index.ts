/**
 * Data migrations (docs/migrations.md): option renames and recolours, and type conversions
 * that keep every value, through the pages API under the rate limit, resumable from a journal.
 *
 * Planner: `countMigration(client, spec, {rate})` (also the conversion preflight).
 * Applier: `runMigration(client, spec, {stateDir, onEvent})`.
 */
import type { NotionClient } from '../notion/types.js';
import type { MigrationResult, MigrationSpec } from './types.js';
import type { RunOptions } from './run/context.js';
import { runConvertMigration } from './run/convert-migration.js';
import { runOptionMigration } from './run/option-migration.js';

export * from './types.js';
export { migrationId } from './run/identity.js';
export { CONVERSIONS, isSupportedConversion, convertCell, dateToText, textToDate, numberToText, textToNumber } from './core/convert.js';
export { checkConvertSpec } from './core/conversion-plan.js';
export { countMigration } from './run/count.js';
export { MigrationError, PAGE_WRITE_CONCURRENCY, type RunOptions } from './run/context.js';
export { UnconvertibleValuesError } from './run/convert-migration.js';
export { MigrationIncompleteError } from './run/rewrite.js';
export { migrationJournalPath, readJournal, type JournalEntry } from './run/journal.js';

/** Runs or resumes a migration; see `runOptionMigration` and `runConvertMigration`. */
export function runMigration(client: NotionClient, spec: MigrationSpec, opts: RunOptions): Promise<MigrationResult> {
  return spec.kind === 'option' ? runOptionMigration(client, spec, opts) : runConvertMigration(client, spec, opts);
}
