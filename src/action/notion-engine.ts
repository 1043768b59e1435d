import { join } from 'node:path';
import { applyPlan } from '../apply/index.js';
import { createPlan } from '../pipeline/create-plan.js';
import { loadSchemaFile } from '../config/index.js';
import { createNotionClient } from '../notion/client.js';
import { lockPathFor } from '../notion/lock-file.js';
import { renderMarkdown } from '../plan/render-markdown.js';
import { TOOL_VERSION } from '../version.js';
import type { Engine, EngineSession } from './engine.js';

/**
 * The real engine: the same modules as `notion-schema plan` / `apply --yes`, in-process.
 * Always talks to the API URL given (never the local workspace). `${VAR}` in the schema
 * expands from the process environment, as in the CLI.
 */
export const notionEngine: Engine = async (opts) => {
  const client = createNotionClient({ baseUrl: opts.apiUrl, token: opts.token, rateLimit: opts.rateLimit });
  const lockPath = lockPathFor(opts.schemaPath);
  let desired: Awaited<ReturnType<typeof loadSchemaFile>>['desired'] = null;
  const session: EngineSession = {
    async plan() {
      const loaded = await loadSchemaFile(opts.schemaPath, { env: process.env });
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning');
      if (loaded.desired === null) return { plan: null, markdown: '', warnings, errors, lockPath };
      desired = loaded.desired;
      // impact: reviewers see how many pages each destructive step would empty.
      const made = await createPlan({ client, desired, lockPath, toolVersion: TOOL_VERSION, impact: true });
      return {
        plan: made.errors.length > 0 ? null : made.plan,
        markdown: made.errors.length > 0 ? '' : renderMarkdown(made.plan),
        warnings: [...warnings, ...made.warnings],
        errors: made.errors,
        lockPath,
      };
    },
    async apply(plan, o) {
      return applyPlan(plan, {
        client,
        lockPath,
        schemaHash: desired?.hash ?? null,
        ...(desired ? { desired } : {}),
        allowDestructive: o.allowDestructive,
        skipManual: o.skipManual,
        // The plan was made a moment ago in this process from the same reads.
        skipStalenessCheck: true,
        // Journals go to the runner's temp dir, not into the checked-out repository.
        ...(process.env['RUNNER_TEMP'] ? { journalDir: join(process.env['RUNNER_TEMP'], 'notion-schema', 'journal') } : {}),
      });
    },
    close: () => client.close(),
  };
  return session;
};
