import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { readPlanFile } from '../../apply/plan-file.js';
import { loadDesiredState, loadSchemaFile, schemaHashOf } from '../../config/index.js';
import { BlockedError, UserInputError } from '../../errors.js';
import type { ApplyResult } from '../../model/apply.js';
import type { Diagnostic } from '../../model/common.js';
import type { DesiredState } from '../../model/desired.js';
import type { Plan } from '../../model/plan.js';
import {
  applyResultText, forcedExitNotice, interruptedBeforeWrites, interruptedResume, interruptNotice, renderText, RESUME_HINT, summaryLine,
} from '../../render/index.js';
import { DEFAULT_GRACE_MS, SIGNAL_EXIT, trapSignals, type SignalTrap } from '../signals.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';
import type { CommandContext, Target } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticText } from '../../render/index.js';
import { applySession, type ApplySessionOptions, type ApplySource } from '../../pipeline/apply-session.js';
import { environmentLockPath, layoutForLock } from '../../pipeline/project.js';
import { envOption, projectContext, type ProjectContext } from '../environment.js';
import { ProgressView } from '../apply-progress.js';

interface ApplyFlags {
  readonly plan?: string;
  readonly yes?: boolean;
  readonly allowDestructive?: boolean;
  readonly skipManual?: boolean;
  readonly migrateData?: boolean;
  readonly concurrency: number;
  readonly json?: boolean;
  readonly env?: string;
}

const DEFAULT_FILE = 'notion.schema.yaml';

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
      .argument('[file]', `the schema file, or a directory of *.yaml files (default: ${DEFAULT_FILE})`)
      .addOption(new Option('--plan <file>', 'apply exactly this saved plan (from `plan --out`), without prompting, after a staleness check'))
      .addOption(new Option('--yes', 'apply without asking (required when stdin is not a terminal)'))
      .addOption(new Option('--allow-destructive', 'allow steps that delete properties, options or values'))
      .addOption(new Option('--skip-manual', 'apply the rest when the plan has manual steps (the API cannot do them), and list what to do in the Notion app'))
      .addOption(new Option('--migrate-data', 'run the plan\'s data migrations (option renames and recolours, `convert:` type changes): rewrite page values, resumably'))
      .addOption(new Option('--concurrency <n>', 'requests in flight at once (all share the rate limit)').argParser(positiveInt).default(3))
      .addOption(envOption())
      .addOption(new Option('--json', 'print the result as JSON on stdout (Applied/Failed/Skipped per step, created ids)'))
      .addHelpText('after', `
Examples:
  $ notion-schema apply                                  # plan, show, ask, apply notion.schema.yaml
  $ notion-schema apply schema.yaml --yes                # non-interactive (CI)
  $ notion-schema plan --out plan.json && notion-schema apply --plan plan.json
  $ notion-schema apply --yes --allow-destructive --json
  $ notion-schema apply --env production --yes           # refused until staging applied this file (requires: staging)
  $ notion-schema apply --yes --migrate-data             # also rewrite page values (renamed options, conversions)

Exit codes: 0 applied and verified, 1 error or failed step, 3 refused by a safety rule (destructive without
--allow-destructive, manual steps without --skip-manual, data migrations without --migrate-data, a stale plan,
no --yes when not on a terminal).`)
      .action((file: string | undefined, flags: ApplyFlags) => run((ctx) => applyHandler(ctx, file, flags)));
  },
};

async function applyHandler(ctx: CommandContext, fileArg: string | undefined, flags: ApplyFlags): Promise<number> {
  const { io } = ctx;
  if (flags.plan !== undefined) return applySavedPlan(ctx, fileArg, flags);
  const file = fileArg ?? DEFAULT_FILE;
  const schemaPath = path.resolve(io.cwd, file);
  const { desired, warnings, environment } = await loadDesiredState(schemaPath, { env: io.env, displayName: file, ...envChoice(flags) });
  printDiagnostics(ctx, warnings);
  const project = projectContext(schemaPath, file, environment);
  return withTarget(ctx, project, desired.databases.flatMap((db) => (db.parent.type === 'page_id' ? [db.parent.page_id] : [])),
    (target) => runSession(ctx, target, project, { kind: 'schema', desired }, flags, async (plan) => {
      if (flags.yes === true) return true;
      if (!io.stdinIsTTY) throw new BlockedError('apply needs confirmation: run it on a terminal, or pass --yes to apply without asking');
      if (await io.confirm(`Apply these changes (${summaryLine(plan.summary)})?`)) return true;
      io.stderr('Apply cancelled; nothing was changed.\n');
      return false;
    }, file));
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
  const schemaHash = schemaPath !== null ? await schemaHashOf(schemaPath) : null;
  let project: ProjectContext = { layout: layoutForLock(path.resolve(io.cwd, 'notion-schema.lock.json')), environment: undefined, overrides: { baseDir: io.cwd } };
  // Verification needs the desired state: only from the very file the plan was made from.
  let desired: DesiredState | undefined;
  if (schemaPath !== null) {
    const loaded = await loadSchemaFile(schemaPath, { env: io.env, displayName: schemaFile ?? undefined, ...envChoice(flags) });
    const envErrors = loaded.diagnostics.filter((d) => d.severity === 'error' && d.code === 'env-unknown');
    if (envErrors.length > 0) throw new UserInputError(`cannot choose the environment of ${schemaFile ?? ''}`, envErrors);
    project = projectContext(schemaPath, schemaFile ?? '', loaded.environments?.selection ?? null);
    if (schemaHash !== null && schemaHash === plan.schema_hash) {
      desired = (await loadDesiredState(schemaPath, { env: io.env, displayName: schemaFile ?? undefined, ...envChoice(flags) })).desired;
    }
  }
  const pages = plan.steps.flatMap((s) => (s.kind === 'create_database' && s.parent.type === 'page_id' ? [s.parent.page_id] : []));
  return withTarget(ctx, project, pages, (target) => runSession(ctx, target, project, {
    kind: 'saved', plan, schemaHash, file: flags.plan ?? 'PLAN', ...(desired !== undefined ? { desired } : {}),
  }, flags, async () => true, schemaFile ?? 'the plan'));
}

/** Opens the target (the local workspace gets its parent pages), runs `fn`, always closes it. */
async function withTarget(ctx: CommandContext, project: ProjectContext, parentPages: readonly string[], fn: (t: Target) => Promise<number>): Promise<number> {
  const target = await ctx.openTarget(project.overrides);
  try {
    if (target.local) for (const id of new Set(parentPages)) await target.ensureParentPage(id);
    return await fn(target);
  } finally {
    await target.close();
  }
}

async function runSession(
  ctx: CommandContext, target: Target, project: ProjectContext, source: ApplySource, flags: ApplyFlags,
  confirm: ApplySessionOptions['confirm'], label: string,
): Promise<number> {
  const { layout } = project;
  const trap = trapSignals({
    guardDir: layout.stateDir,
    onFirst: (sig) => ctx.io.stderr(interruptNotice(sig, DEFAULT_GRACE_MS / 1000)),
    onForcedExit: (sig, why) => ctx.io.stderr(forcedExitNotice(sig, why)),
  });
  try {
    return await runTrapped(ctx, target, project, source, flags, confirm, label, trap);
  } finally {
    trap.dispose();
  }
}

async function runTrapped(
  ctx: CommandContext, target: Target, project: ProjectContext, source: ApplySource, flags: ApplyFlags,
  confirm: ApplySessionOptions['confirm'], label: string, trap: SignalTrap,
): Promise<number> {
  const { layout } = project;
  const rate = ctx.globals.rateLimit ?? (target.local ? 1000 : 3);
  const progress = new ProgressView(ctx, rate);
  const outcome = await applySession({
    interrupt: trap.signal,
    client: target.client, layout, source, toolVersion: TOOL_VERSION,
    allowDestructive: flags.allowDestructive === true, skipManual: flags.skipManual === true, concurrency: flags.concurrency,
    migrateData: flags.migrateData === true,
    ...environmentRules(project),
    show: (plan, warnings) => {
      printDiagnostics(ctx, warnings);
      if (source.kind === 'schema' && flags.json !== true && plan.steps.length > 0) ctx.io.stdout(renderText(plan, ctx.colors) + '\n');
    },
    confirm, onEvent: (e) => progress.on(e),
    onRecovered: (r) => ctx.io.stderr(ctx.colors.yellow(`An earlier apply was interrupted: recorded ${r.kind === 'database' ? 'database' : 'data source'} ${r.key} (${r.id}) in the lock file.\n`)),
  });
  progress.done();
  if (outcome.kind === 'plan_errors') throw new UserInputError(`cannot plan ${label}: fix the errors above and run apply again`, outcome.errors);
  if (outcome.kind === 'cancelled') return EXIT.error;
  const sig = trap.received();
  if (outcome.kind === 'interrupted') {
    ctx.io.stderr(interruptedBeforeWrites(sig ?? 'a signal'));
    return SIGNAL_EXIT[sig ?? 'SIGINT'];
  }
  if (outcome.kind === 'no_changes') {
    if (flags.json === true) ctx.io.stdout(JSON.stringify(emptyResult(), null, 2) + '\n');
    else ctx.io.stdout(`No changes: the live schema matches ${label}.\n`);
    return EXIT.ok;
  }
  const { result, plan } = outcome;
  if (flags.json === true) {
    ctx.io.stdout(JSON.stringify(result, null, 2) + '\n');
    if (!result.ok) ctx.io.stderr(`To resume: ${RESUME_HINT}.\n`);
  } else {
    printSummary(ctx, plan, result);
  }
  if (result.interrupted === true && sig !== null) {
    ctx.io.stderr(interruptedResume(sig));
    return SIGNAL_EXIT[sig];
  }
  return result.ok ? EXIT.ok : EXIT.error;
}

/** With an environment: record what was applied, and check its `requires:` (promotion). */
function environmentRules(project: ProjectContext): Pick<ApplySessionOptions, 'recordApplied' | 'promotion'> {
  const env = project.environment;
  if (env === undefined) return {};
  const schemaPath = project.schemaPath;
  return {
    recordApplied: true,
    ...(env.requires !== undefined && schemaPath !== undefined
      ? { promotion: { environment: env.name, requires: env.requires, lockPath: environmentLockPath(schemaPath, env.requires) } }
      : {}),
  };
}

const envChoice = (flags: ApplyFlags): { environment?: string } => (flags.env !== undefined ? { environment: flags.env } : {});

function emptyResult(): ApplyResult {
  return { ok: true, steps: [], created: [], requests: 0, elapsed_ms: 0, verification: [] };
}

function printDiagnostics(ctx: CommandContext, ds: readonly Diagnostic[]): void {
  for (const d of ds) ctx.io.stderr(diagnosticText(d, ctx.colors) + '\n');
}

function printSummary(ctx: CommandContext, plan: Plan, r: ApplyResult): void {
  for (const d of r.verification) ctx.io.stderr(diagnosticText(d, ctx.colors) + '\n');
  const journal = r.journal !== undefined ? path.relative(ctx.io.cwd, r.journal) || r.journal : undefined;
  ctx.io.stdout(applyResultText(plan, r, { style: ctx.colors, ...(journal !== undefined ? { journal } : {}) }));
}
