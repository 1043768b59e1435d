import { existsSync, statSync } from 'node:fs';
import { applySession } from '../pipeline/apply-session.js';
import { createPlan } from '../pipeline/create-plan.js';
import { layoutForSchema } from '../pipeline/project.js';
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
  const client = createNotionClient({ baseUrl: opts.apiUrl, token: opts.token, rateLimit: opts.rateLimit });
  const layout = layoutForSchema(opts.schemaPath);
  const lockPath = layout.lockPath;
  const load = async (): Promise<{ desired: DesiredState | null; outcome: PlanOutcome }> => {
    const loaded = await loadSchemaFile(opts.schemaPath, { env: process.env });
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning');
    return { desired: loaded.desired, outcome: { plan: null, markdown: '', warnings, errors, lockPath } };
  };
  const session: EngineSession = {
    lockPath,
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
