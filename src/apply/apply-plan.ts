import type { ApplyResult, StepResult } from '../model/apply.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import type { Plan, Step } from '../model/plan.js';
import type { NotionClient } from '../notion/types.js';
import { withReadCache } from '../notion/read-cache.js';
import type { ApplyEventListener } from './events.js';
import { errorMessage, executeRequests, type ExecuteOutcome, type RequestOutcome } from './executor.js';
import { defaultJournalDir, NO_JOURNAL, openJournal, type Journal } from './journal.js';
import { LockStore, splitRef } from './lock-store.js';
import { emptyKnownIds, type KnownIds } from './known-ids.js';
import { compactId } from './recover.js';
import { checkSafety, manualInstruction } from './safety.js';
import { runMigrationSteps } from './migrations.js';
import path from 'node:path';
import type { ApplyServices } from './services.js';
import { checkPlanOrigin, checkStaleness, staleBecause } from './staleness.js';

/** Options of `applyPlan`. */
export interface ApplyOptions {
  readonly client: NotionClient;
  /** The lock file to update; null to keep no lock (tests). */
  readonly lockPath: string | null;
  /** sha256 of the schema file on disk, when known: a plan made from another version is stale. */
  readonly schemaHash?: string | null;
  /** When given, the result is verified against it after applying. */
  readonly desired?: DesiredState;
  /** Requests in flight at most. Default 3. */
  readonly concurrency?: number;
  readonly allowDestructive?: boolean;
  readonly skipManual?: boolean;
  /** Where the journal goes; default `.notion-schema/journal` beside the lock file (or cwd). null: no journal. */
  readonly journalDir?: string | null;
  readonly onEvent?: ApplyEventListener;
  readonly services: ApplyServices;
  /** Skip the basis re-read (only for plans just made in this process, from the same reads). Default false. */
  readonly skipStalenessCheck?: boolean;
  /** `--migrate-data`: run the plan's data migrations (`migrate_values` steps). Default false. */
  readonly migrateData?: boolean;
  /** Where migration journals go (`<dir>/migrations/`); default: the parent of the apply journal directory. */
  readonly stateDir?: string;
  /** Aborted on SIGINT/SIGTERM: nothing new starts, in-flight requests finish, the journal gets its end line. */
  readonly interrupt?: AbortSignal;
}

/**
 * Executes a plan so that the live schema ends as declared.
 * Throws BlockedError / StalePlanError (exit 3) before any write when a safety rule refuses;
 * otherwise returns per-step results (`ok: false` when any step failed or verification found differences).
 */
export async function applyPlan(plan: Plan, opts: ApplyOptions): Promise<ApplyResult> {
  const started = Date.now();
  const { services } = opts;
  // Remembers every object read (staleness check) or written, so verification re-reads only what no response covered.
  const client = withReadCache(opts.client);
  const emit: ApplyEventListener = opts.onEvent ?? (() => {});
  const requestsBefore = client.stats.requests;

  checkPlanOrigin(plan, client, opts.schemaHash);
  checkSafety(plan, { allowDestructive: opts.allowDestructive === true, skipManual: opts.skipManual === true, migrateData: opts.migrateData === true });
  if (opts.skipStalenessCheck !== true) {
    emit({ type: 'phase', phase: 'staleness' });
    await checkStaleness(plan, client, services);
  }

  const lock = await LockStore.open(opts.lockPath, services);
  checkCreatesUnbound(plan, lock);

  const journal = openApplyJournal(opts);
  journal.write({ type: 'start', tool_version: plan.tool_version, target: plan.target, schema_file: plan.schema_file, summary: plan.summary });
  const { known, knownCompact } = knownFrom(plan, lock);
  await lock.update(plan.bindings);

  emit({ type: 'phase', phase: 'execute' });
  emit({ type: 'start', requests: plan.requests.length, steps: plan.steps.length });
  const outcome = await executeRequests({
    client, plan, concurrency: opts.concurrency ?? 3, known, knownCompact, createdCompact: new Set<string>(), lock, journal, emit,
    ...(opts.interrupt !== undefined ? { interrupt: opts.interrupt } : {}),
  });
  const interrupted = opts.interrupt?.aborted === true;
  await lock.forget(removedKeys(plan, outcome));
  const requestsOk = plan.requests.every((r) => outcome.requests.get(r.id)?.status === 'applied'
    || r.steps.every((id) => plan.steps.find((s) => s.id === id)?.risk === 'forbidden'));
  const migrations = await runMigrationSteps({
    client, plan, stateDir: opts.stateDir ?? path.dirname(journalDirOf(opts)), migrateData: opts.migrateData === true, requestsOk: requestsOk && !interrupted, journal, emit,
  });
  const steps = stepResults(plan, outcome, migrations);
  const forbiddenOnly = (stepIds: readonly string[]) => stepIds.every((id) => plan.steps.find((s) => s.id === id)?.risk === 'forbidden');
  // Converged as far as the API allows: every request applied, except those carrying only forbidden steps.
  const executedOk = steps.every((s) => s.status !== 'failed')
    && plan.requests.every((r) => outcome.requests.get(r.id)?.status === 'applied' || forbiddenOnly(r.steps));

  const verification = executedOk && !interrupted ? await verifyAfter(client, opts, emit) : [];

  const result: ApplyResult = {
    ok: executedOk && verification.length === 0,
    steps,
    created: outcome.created,
    requests: client.stats.requests - requestsBefore,
    elapsed_ms: Date.now() - started,
    verification,
    ...(interrupted ? { interrupted: true as const } : {}),
    ...(journal.path !== null ? { journal: journal.path } : {}),
  };
  journal.write({ type: 'end', ok: result.ok, ...(interrupted ? { interrupted: true } : {}), steps: result.steps, created: result.created, requests: result.requests, verification });
  return result;
}

/** The ids known before the first request: the plan's bindings and basis, and the lock file's. */
function knownFrom(plan: Plan, lock: LockStore): { known: KnownIds; knownCompact: Set<string> } {
  const known = emptyKnownIds();
  const knownCompact = new Set<string>();
  for (const b of plan.bindings) {
    (b.kind === 'database' ? known.databases : known.dataSources).set(b.key, b.id);
    knownCompact.add(compactId(b.id));
  }
  for (const b of plan.basis) knownCompact.add(compactId(b.id));
  for (const db of Object.values(lock.current.databases)) {
    if (db.id !== '') knownCompact.add(compactId(db.id));
    for (const id of Object.values(db.data_sources)) knownCompact.add(compactId(id));
  }
  return { known, knownCompact };
}

/** Re-reads (what no response covered) and compares with the desired state; none without a desired state or lock file. */
async function verifyAfter(client: ReturnType<typeof withReadCache>, opts: ApplyOptions, emit: ApplyEventListener): Promise<Diagnostic[]> {
  if (opts.desired === undefined || opts.lockPath === null) return [];
  emit({ type: 'phase', phase: 'verify' });
  let verification: Diagnostic[];
  try {
    // Objects whose last response (a plan read, a staleness read, a write) is still current are not read again.
    verification = await opts.services.verify(client.serving(), opts.desired, opts.lockPath, { skipMigrations: opts.migrateData !== true });
  } catch (err) {
    verification = [{
      severity: 'error', code: 'apply-verification-failed',
      message: `after apply, the live schema could not be re-read to verify it: ${errorMessage(err)}`,
      hint: 'run `notion-schema plan` to see whether anything remains to do',
    }];
  }
  emit({ type: 'verified', problems: verification });
  return verification;
}

/** The keys of the objects whose removal requests were applied: the lock file forgets them. */
function removedKeys(plan: Plan, outcome: Awaited<ReturnType<typeof executeRequests>>): { kind: 'database' | 'data_source'; key: string }[] {
  const out: { kind: 'database' | 'data_source'; key: string }[] = [];
  for (const r of plan.requests) {
    if (outcome.requests.get(r.id)?.status !== 'applied') continue;
    for (const id of r.steps) {
      const s = plan.steps.find((x) => x.id === id);
      if (s?.kind === 'remove_database') out.push({ kind: 'database', key: s.database });
      else if (s?.kind === 'remove_data_source') out.push({ kind: 'data_source', key: s.data_source });
    }
  }
  return out;
}

/**
 * A create whose key the lock file already binds was done since the plan was made (e.g. a
 * partial apply of the same saved plan): applying it again would make a duplicate.
 */
function checkCreatesUnbound(plan: Plan, lock: LockStore): void {
  const done: string[] = [];
  for (const req of plan.requests) {
    const c = req.creates;
    if (c === undefined) continue;
    if (c.kind === 'database' && lock.current.databases[c.database] !== undefined) {
      done.push(`database ${c.database} exists now (${lock.current.databases[c.database]?.id ?? ''})`);
    }
    if (c.kind === 'data_source') {
      const { db, ds } = splitRef(c.data_source);
      const id = lock.current.databases[db]?.data_sources[ds];
      if (id !== undefined) done.push(`data source ${c.data_source} exists now (${id})`);
    }
  }
  if (done.length > 0) throw staleBecause(done);
}

function journalDirOf(opts: ApplyOptions): string {
  return opts.journalDir ?? defaultJournalDir(opts.lockPath, process.cwd());
}

function openApplyJournal(opts: ApplyOptions): Journal {
  if (opts.journalDir === null) return NO_JOURNAL;
  return openJournal(journalDirOf(opts));
}

/**
 * Per-step results: a step is applied when all its requests were; manual steps are skipped with
 * their instruction; data migrations report their own outcome (`migrations`, by step id).
 */
export function stepResults(plan: Plan, outcome: ExecuteOutcome, migrations: ReadonlyMap<string, RequestOutcome> = new Map()): StepResult[] {
  const requestsOf = new Map<string, RequestOutcome[]>();
  for (const req of plan.requests) {
    const o = outcome.requests.get(req.id) ?? { status: 'skipped' as const, message: 'not run' };
    for (const s of req.steps) requestsOf.set(s, [...(requestsOf.get(s) ?? []), o]);
  }
  return plan.steps.map((step: Step): StepResult => {
    if (step.kind === 'manual' || step.risk === 'forbidden') {
      return { step: step.id, status: 'skipped', message: `manual: ${manualInstruction(step)}` };
    }
    if (step.kind === 'migrate_values') {
      const m = migrations.get(step.id) ?? { status: 'skipped' as const, message: 'not run' };
      return { step: step.id, status: m.status, ...(m.message !== undefined ? { message: m.message } : {}) };
    }
    const outs = requestsOf.get(step.id) ?? [];
    const failed = outs.find((o) => o.status === 'failed');
    if (failed !== undefined) return { step: step.id, status: 'failed', ...(failed.message !== undefined ? { message: failed.message } : {}) };
    const skipped = outs.find((o) => o.status === 'skipped');
    if (skipped !== undefined) return { step: step.id, status: 'skipped', ...(skipped.message !== undefined ? { message: skipped.message } : {}) };
    return { step: step.id, status: 'applied' };
  });
}
