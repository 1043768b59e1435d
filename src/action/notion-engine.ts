import { existsSync, statSync } from 'node:fs';
import { applySession } from '../pipeline/apply-session.js';
import { createPlan } from '../pipeline/create-plan.js';
import { environmentLockPath, layoutFor } from '../pipeline/project.js';
import { checkLegacyLock } from '../pipeline/legacy-lock.js';
import type { EnvironmentSpec } from '../model/environment.js';
import type { EngineOptions } from './engine.js';
import { loadSchemaFile } from '../config/index.js';
import type { DesiredState } from '../model/desired.js';
import { createNotionClient } from '../notion/client.js';
import type { Plan } from '../model/plan.js';
import { graphOfDesired, renderMarkdown } from '../render/index.js';
import { TOOL_VERSION } from '../version.js';
import type { Engine, EngineSession, PlanOutcome } from './engine.js';
import { InputError } from './inputs.js';

/** The markdown of a plan (with the diagram of what it touches), and the same within a budget. */
export function planMarkdown(plan: Plan, desired: DesiredState, note?: string): Pick<PlanOutcome, 'markdown' | 'fitMarkdown'> {
  const graph = graphOfDesired(desired);
  const base = { graph, ...(note !== undefined ? { note } : {}) };
  return {
    markdown: renderMarkdown(plan, base),
    fitMarkdown: (limit, fullPlanAt) => renderMarkdown(plan, { ...base, limit, fullPlanAt }),
  };
}

/** The `schema` input names a file in the workspace; checked before any connection to Notion. */
function assertSchemaFile(schemaPath: string): void {
  if (existsSync(schemaPath) && statSync(schemaPath).isFile()) return;
  throw new InputError(
    `input "schema": no schema file at "${schemaPath}" in ${process.cwd()}. ` +
      'Give its path relative to the repository root, and check the repository out first (`actions/checkout`).',
  );
}

/**
 * The real engine: the same use cases as `notion-schema plan` / `apply --yes` (src/pipeline/),
 * in-process, with the same project layout, guard and crash recovery as the CLI.
 * Always talks to the API URL given (never the local workspace). `${VAR}` in the schema
 * expands from the process environment, as in the CLI.
 */
export const notionEngine: Engine = async (opts) => {
  assertSchemaFile(opts.schemaPath);
  const environment = await chooseEnvironment(opts);
  const apiUrl = opts.apiUrlGiven !== true && environment?.apiUrl !== undefined ? environment.apiUrl.replace(/\/+$/, '') : opts.apiUrl;
  if (environment?.local === true) throw new InputError(`input "env": environment ${environment.name} is local (local: true); the Action only targets Notion workspaces`);
  if (environment !== undefined) checkLegacyLock(opts.schemaPath, environment.name, opts.schemaPath);
  const client = createNotionClient({ baseUrl: apiUrl, token: opts.token, rateLimit: opts.rateLimit });
  const layout = layoutFor(opts.schemaPath, environment?.name ?? null);
  const lockPath = layout.lockPath;
  const envOpts = environment !== undefined ? { environment: environment.name } : {};
  const load = async (): Promise<{ desired: DesiredState | null; outcome: PlanOutcome }> => {
    const loaded = await loadSchemaFile(opts.schemaPath, { env: process.env, ...envOpts });
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning');
    return { desired: loaded.desired, outcome: { plan: null, markdown: '', warnings, errors, lockPath } };
  };
  const session: EngineSession = {
    lockPath,
    environment: environment?.name ?? null,
    apiUrl,
    async plan() {
      const { desired, outcome } = await load();
      if (desired === null) return outcome;
      // impact: reviewers see how many pages each destructive step would empty.
      const made = await createPlan({ client, desired, lockPath, toolVersion: TOOL_VERSION, impact: true });
      return {
        plan: made.errors.length > 0 ? null : made.plan,
        ...(made.errors.length > 0 ? { markdown: '' } : planMarkdown(made.plan, desired)),
        warnings: [...outcome.warnings, ...made.warnings],
        errors: made.errors,
        lockPath,
      };
    },
    async apply(o) {
      const { desired, outcome } = await load();
      if (desired === null) {
        await o.show(outcome);
        return null;
      }
      const done = await applySession({
        client, layout, source: { kind: 'schema', desired, impact: true }, toolVersion: TOOL_VERSION,
        allowDestructive: o.allowDestructive, skipManual: o.skipManual,
        ...(environment !== undefined ? {
          recordApplied: true,
          ...(environment.requires !== undefined
            ? { promotion: { environment: environment.name, requires: environment.requires, lockPath: environmentLockPath(opts.schemaPath, environment.requires) } }
            : {}),
        } : {}),
        show: (plan, warnings) => o.show({ plan, ...planMarkdown(plan, desired), warnings: [...outcome.warnings, ...warnings], errors: [], lockPath }),
        confirm: o.confirm,
      });
      if (done.kind === 'plan_errors') {
        await o.show({ plan: null, markdown: '', warnings: [...outcome.warnings, ...done.warnings], errors: done.errors, lockPath });
        return null;
      }
      return done.kind === 'applied' ? done.result : null;
    },
    close: () => client.close(),
  };
  return session;
};

/** The environment of the `env` input (or the file's default); undefined when the file declares none. */
async function chooseEnvironment(opts: EngineOptions): Promise<EnvironmentSpec | undefined> {
  const requested = opts.environment !== undefined && opts.environment !== '' ? opts.environment : undefined;
  const loaded = await loadSchemaFile(opts.schemaPath, { env: process.env, requireEnvironment: false, ...(requested !== undefined ? { environment: requested } : {}) });
  const declared = loaded.environments?.declared ?? [];
  const selected = loaded.environments?.selection?.selected;
  if (selected !== undefined || (declared.length === 0 && requested === undefined)) return selected;
  const names = declared.map((e) => e.name).join(', ');
  if (declared.length === 0) throw new InputError(`input "env": "${requested ?? ''}", but ${opts.schemaPath} declares no environments (environments: at the top of the file).`);
  if (requested !== undefined) throw new InputError(`input "env": unknown environment "${requested}"; ${opts.schemaPath} declares: ${names}.`);
  throw new InputError(`input "env" is needed: ${opts.schemaPath} declares ${declared.length} environments (${names}) and none is \`default: true\`.`);
}
