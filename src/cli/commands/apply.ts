import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { applyPlan, checkSafety, defaultServices, recoverInterruptedApply } from '../../apply/index.js';
import { acquireApplyLock } from '../../apply/apply-lock.js';
import { readPlanFile } from '../../apply/plan-file.js';
import { loadDesiredState } from '../../config/index.js';
import { BlockedError, StalePlanError, UserInputError } from '../../errors.js';
import type { ApplyResult } from '../../model/apply.js';
import type { Diagnostic } from '../../model/common.js';
import type { DesiredState } from '../../model/desired.js';
import type { Plan } from '../../model/plan.js';
import { lockPathFor } from '../../notion/lock-file.js';
import { renderText, summaryLine } from '../../plan/index.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';
import type { CommandContext, Target } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import { createPlan } from '../../pipeline/create-plan.js';
import { ProgressView } from '../apply-progress.js';

interface ApplyFlags {
  readonly plan?: string;
  readonly yes?: boolean;
  readonly allowDestructive?: boolean;
  readonly skipManual?: boolean;
  readonly concurrency: number;
  readonly json?: boolean;
}

const DEFAULT_FILE = 'notion.schema.yaml';
const RESUME_HINT = 'fix the cause and run `notion-schema apply` again: plans are declarative and re-planning converges';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

export const applyCommand: CommandModule = {
  register(program, run) {
    program
      .command('apply')
      .description('Apply the schema file (or a saved plan) to Notion, safely: staleness check, safety rules, create recovery, verification')
      .argument('[file]', `the schema file (default: ${DEFAULT_FILE})`)
      .addOption(new Option('--plan <file>', 'apply exactly this saved plan (from `plan --out`), without prompting, after a staleness check'))
      .addOption(new Option('--yes', 'apply without asking (required when stdin is not a terminal)'))
      .addOption(new Option('--allow-destructive', 'allow steps that delete properties, options or values'))
      .addOption(new Option('--skip-manual', 'apply the rest when the plan has forbidden/manual steps, and list what to do in the Notion app'))
      .addOption(new Option('--concurrency <n>', 'requests in flight at once (all share the rate limit)').argParser(positiveInt).default(3))
      .addOption(new Option('--json', 'print the result as JSON on stdout (Applied/Failed/Skipped per step, created ids)'))
      .addHelpText('after', `
Examples:
  $ notion-schema apply                                  # plan, show, ask, apply notion.schema.yaml
  $ notion-schema apply schema.yaml --yes                # non-interactive (CI)
  $ notion-schema plan --out plan.json && notion-schema apply --plan plan.json
  $ notion-schema apply --yes --allow-destructive --json

Exit codes: 0 applied and verified, 1 error or failed step, 3 refused by a safety rule (destructive without
--allow-destructive, manual steps without --skip-manual, a stale plan, no --yes when not on a terminal).`)
      .action((file: string | undefined, flags: ApplyFlags) => run((ctx) => applyHandler(ctx, file, flags)));
  },
};

function sha256File(file: string): string | null {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
}

async function applyHandler(ctx: CommandContext, fileArg: string | undefined, flags: ApplyFlags): Promise<number> {
  const { io } = ctx;
  if (flags.plan !== undefined) return applySavedPlan(ctx, fileArg, flags);

  const file = fileArg ?? DEFAULT_FILE;
  const schemaPath = path.resolve(io.cwd, file);
  const { desired, warnings } = await loadDesiredState(schemaPath, { env: io.env, displayName: file });
  printDiagnostics(ctx, warnings);
  const lockPath = lockPathFor(schemaPath);
  const release = acquireApplyLock(stateDirFor(lockPath));
  const target = await ctx.openTarget({ baseDir: path.dirname(schemaPath) }).catch((err: unknown) => {
    release();
    throw err;
  });
  try {
    await ensureParents(target, desired.databases.flatMap((db) => (db.parent.type === 'page_id' ? [db.parent.page_id] : [])));
    await recoverAfterCrash(ctx, target, lockPath);
    const made = await createPlan({ client: target.client, desired, lockPath, toolVersion: TOOL_VERSION });
    printDiagnostics(ctx, made.warnings);
    if (made.errors.length > 0) throw new UserInputError(`cannot plan ${file}: fix the errors above and run apply again`, made.errors);
    const plan = made.plan;
    if (plan.steps.length === 0) {
      if (flags.json === true) io.stdout(JSON.stringify(emptyResult(), null, 2) + '\n');
      else io.stdout(`No changes: the live schema matches ${file}.\n`);
      return EXIT.ok;
    }
    if (flags.json !== true) io.stdout(renderText(plan, ctx.colors) + '\n');
    checkSafety(plan, { allowDestructive: flags.allowDestructive === true, skipManual: flags.skipManual === true });
    if (flags.yes !== true) {
      if (!io.stdinIsTTY) {
        throw new BlockedError('apply needs confirmation: run it on a terminal, or pass --yes to apply without asking');
      }
      if (!(await io.confirm(`Apply these changes (${summaryLine(plan.summary)})?`))) {
        io.stderr('Apply cancelled; nothing was changed.\n');
        return EXIT.error;
      }
    }
    return await execute(ctx, target, plan, flags, { lockPath, schemaHash: desired.hash, desired });
  } finally {
    await target.close();
    release();
  }
}

async function applySavedPlan(ctx: CommandContext, fileArg: string | undefined, flags: ApplyFlags): Promise<number> {
  const { io } = ctx;
  const plan = await readPlanFile(path.resolve(io.cwd, flags.plan ?? ''));
  const schemaFile = fileArg ?? plan.schema_file;
  const schemaPath = schemaFile !== null ? path.resolve(io.cwd, schemaFile) : null;
  if (schemaPath !== null && !existsSync(schemaPath)) {
    // The lock file lives beside the schema file: guessing would bind new objects in a lock nobody reads.
    throw new UserInputError(
      `the plan was made from ${schemaFile ?? ''}, which is not found at ${schemaPath}; run apply where you ran plan, ` +
      `or name the schema file: \`notion-schema apply FILE --plan ${flags.plan ?? 'PLAN'}\``,
    );
  }
  const schemaHash = schemaPath !== null ? sha256File(schemaPath) : null;
  const lockPath = schemaPath !== null ? lockPathFor(schemaPath) : path.resolve(io.cwd, 'notion-schema.lock.json');
  // Verification needs the desired state: only from the very file the plan was made from.
  let desired: DesiredState | undefined;
  if (schemaPath !== null && schemaHash !== null && schemaHash === plan.schema_hash) {
    desired = (await loadDesiredState(schemaPath, { env: io.env, displayName: schemaFile ?? undefined })).desired;
  }
  const release = acquireApplyLock(stateDirFor(lockPath));
  const target = await ctx.openTarget({ baseDir: path.dirname(lockPath) }).catch((err: unknown) => {
    release();
    throw err;
  });
  try {
    await ensureParents(target, plan.steps.flatMap((s) => (s.kind === 'create_database' && s.parent.type === 'page_id' ? [s.parent.page_id] : [])));
    const recovered = await recoverAfterCrash(ctx, target, lockPath);
    if (recovered > 0) {
      throw new StalePlanError('plan is stale: an earlier apply was interrupted after creating objects the plan would create again; run plan again');
    }
    return await execute(ctx, target, plan, flags, { lockPath, schemaHash, ...(desired !== undefined ? { desired } : {}) });
  } finally {
    await target.close();
    release();
  }
}

/** `.notion-schema/` beside the lock file: journals and the one-apply-at-a-time pid file. */
function stateDirFor(lockPath: string): string {
  return path.join(path.dirname(lockPath), '.notion-schema');
}

function journalDirFor(lockPath: string): string {
  return path.join(stateDirFor(lockPath), 'journal');
}

/** Binds in the lock file what a killed apply created without recording it. Returns how many objects. */
async function recoverAfterCrash(ctx: CommandContext, target: Target, lockPath: string): Promise<number> {
  const found = await recoverInterruptedApply({ client: target.client, journalDir: journalDirFor(lockPath), lockPath, services: defaultServices });
  for (const r of found) {
    ctx.io.stderr(ctx.colors.yellow(`An earlier apply was interrupted: recorded ${r.kind === 'database' ? 'database' : 'data source'} ${r.key} (${r.id}) in the lock file.\n`));
  }
  return found.length;
}

async function ensureParents(target: Target, pageIds: readonly string[]): Promise<void> {
  if (!target.local) return;
  for (const id of new Set(pageIds)) await target.ensureParentPage(id);
}

async function execute(
  ctx: CommandContext,
  target: Target,
  plan: Plan,
  flags: ApplyFlags,
  extra: { readonly lockPath: string; readonly schemaHash: string | null; readonly desired?: DesiredState },
): Promise<number> {
  const rate = ctx.globals.rateLimit ?? (target.local ? 1000 : 3);
  const progress = new ProgressView(ctx, rate);
  const result = await applyPlan(plan, {
    client: target.client,
    lockPath: extra.lockPath,
    schemaHash: extra.schemaHash,
    ...(extra.desired !== undefined ? { desired: extra.desired } : {}),
    concurrency: flags.concurrency,
    allowDestructive: flags.allowDestructive === true,
    skipManual: flags.skipManual === true,
    journalDir: journalDirFor(extra.lockPath),
    onEvent: (e) => progress.on(e),
  });
  progress.done();
  if (flags.json === true) {
    ctx.io.stdout(JSON.stringify(result, null, 2) + '\n');
    if (!result.ok) ctx.io.stderr(`To resume: ${RESUME_HINT}.\n`);
  } else {
    printSummary(ctx, plan, result);
  }
  return result.ok ? EXIT.ok : EXIT.error;
}

function emptyResult(): ApplyResult {
  return { ok: true, steps: [], created: [], requests: 0, elapsed_ms: 0, verification: [] };
}

function printDiagnostics(ctx: CommandContext, ds: readonly Diagnostic[]): void {
  for (const d of ds) ctx.io.stderr(formatDiagnostic(d, ctx.colors) + '\n');
}

function printSummary(ctx: CommandContext, plan: Plan, r: ApplyResult): void {
  const { io, colors: c } = ctx;
  const count = (st: string) => r.steps.filter((s) => s.status === st).length;
  const stepById = new Map(plan.steps.map((s) => [s.id, s]));
  const manual = r.steps.filter((s) => s.status === 'skipped' && s.message?.startsWith('manual: '));
  const out: string[] = [];
  if (r.created.length > 0) {
    out.push('Created:');
    for (const o of r.created) out.push(`  ${o.kind === 'database' ? 'database   ' : 'data source'} ${o.key}  ${o.id}`);
  }
  if (manual.length > 0) {
    out.push(c.yellow('Not applied; do these in the Notion app:'));
    for (const s of manual) out.push(`  ${s.step}: ${s.message?.slice('manual: '.length) ?? ''}`);
  }
  const problems = r.steps.filter((s) => s.status === 'failed' || (s.status === 'skipped' && !s.message?.startsWith('manual: ')));
  for (const s of problems) {
    const step = stepById.get(s.step);
    const what = step !== undefined ? `${step.kind} ${step.data_source ?? step.database}${step.property !== undefined ? `.${step.property}` : ''}` : '';
    out.push(`  ${s.status === 'failed' ? c.red('failed ') : c.dim('skipped')} ${s.step} ${what}${s.message !== undefined ? `: ${s.message}` : ''}`);
  }
  for (const d of r.verification) io.stderr(formatDiagnostic(d, c) + '\n');
  const secs = (r.elapsed_ms / 1000).toFixed(1);
  const line = `${count('applied')} applied, ${count('skipped')} skipped, ${count('failed')} failed; ${r.requests} requests in ${secs} s.`;
  if (r.ok) out.push(c.green(`Apply complete: ${line}`));
  else if (count('failed') === 0 && r.verification.length > 0) out.push(c.red(`Apply finished but verification found ${r.verification.length} difference(s): ${line}`));
  else out.push(c.red(`Apply failed: ${line}`));
  if (!r.ok) out.push(`To resume: ${RESUME_HINT}.`);
  if (r.journal !== undefined) out.push(c.dim(`Journal: ${path.relative(io.cwd, r.journal) || r.journal}`));
  io.stdout(out.join('\n') + '\n');
}
