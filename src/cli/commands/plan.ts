import { writeFileAtomic } from '../../fs/atomic-write.js';
import { exitOnSignal } from '../signals.js';
import { redact } from '../../notion/redact.js';
import { secretValues } from '../redacting-io.js';
import { isAbsolute, resolve } from 'node:path';
import { envOption, projectContext } from '../environment.js';
import { Option } from 'commander';
import { loadDesiredState } from '../../config/index.js';
import { UserInputError } from '../../errors.js';
import { renderJson, renderMarkdown, renderText, type TextStyle } from '../../plan/index.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticText, graphOfDesired, planInterrupted } from '../../render/index.js';
import type { Colors } from '../io.js';
import { createPlan } from '../../pipeline/create-plan.js';

interface PlanFlags {
  readonly out?: string;
  readonly json?: boolean;
  readonly markdown?: boolean;
  readonly detailedExitcode?: boolean;
  readonly impact?: boolean;
  readonly env?: string;
  readonly compact?: boolean;
}

function styleOf(c: Colors): TextStyle {
  return { green: c.green, yellow: c.yellow, red: c.red, cyan: c.cyan, magenta: c.magenta, bold: c.bold, dim: c.dim };
}

export const planCommand: CommandModule = {
  register(program, run) {
    program
      .command('plan')
      .description('Show what apply would change: an ordered, batched plan with risks (safe, destructive, manual).')
      .argument('[file]', 'schema file, or a directory of *.yaml files', 'notion.schema.yaml')
      .addOption(new Option('--out <plan>', 'also write the plan file (JSON, format_version 2) for `apply --plan`'))
      .addOption(new Option('--json', 'print the plan file JSON on stdout').conflicts('markdown'))
      .addOption(new Option('--markdown', 'print Markdown (for pull requests)'))
      .addOption(new Option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are (1 is always an error)'))
      .addOption(envOption())
      .addOption(new Option('--compact', 'one line per step instead of one block per database and data source (for huge plans)'))
      .addOption(new Option('--impact', 'count the pages whose values each destructive step removes (costs query requests)'))
      .addHelpText('after', `
Examples:
  $ notion-schema plan
  $ notion-schema plan crm.schema.yaml --out plan.json
  $ notion-schema plan --compact
  $ notion-schema plan --markdown > plan.md
  $ notion-schema plan --json | jq '.summary'
  $ notion-schema plan --env production
  $ notion-schema plan --detailed-exitcode; [ $? -eq 2 ] && echo "changes pending"
  $ NOTION_TOKEN=ntn_… notion-schema plan --impact

Exit codes: 0 ok (with --detailed-exitcode: no changes), 1 error, 2 changes present (--detailed-exitcode).`)
      .action((file: string, flags: PlanFlags) => run(async (ctx) => {
        const path = isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
        const { desired, warnings: loadWarnings, environment } = await loadDesiredState(path, {
          env: ctx.io.env, displayName: file, ...(flags.env !== undefined ? { environment: flags.env } : {}),
        });
        const shown = { ...desired, file };
        const project = projectContext(path, file, environment);
        const target = await ctx.openTarget(project.overrides);
        // Plan only reads: a signal ends it at once, saying so (exit 130/143).
        const untrap = exitOnSignal((sig) => ctx.io.stderr(planInterrupted(sig)));
        let result;
        try {
          // The embedded workspace has every page the file names (as apply makes them), so parent checks pass.
          if (target.local) {
            for (const db of desired.databases) if (db.parent.type === 'page_id') await target.ensureParentPage(db.parent.page_id);
          }
          // A plan that may be applied later (`apply --plan`) records the workspace it was made for,
          // and the fingerprint of every live object (its staleness basis); a shown plan needs neither.
          const saved = flags.out !== undefined || flags.json === true;
          result = await createPlan({
            client: target.client, desired: shown, lockPath: project.layout.lockPath, toolVersion: TOOL_VERSION, impact: flags.impact === true,
            identifyWorkspace: saved, fingerprints: saved,
          });
        } finally {
          untrap();
          await target.close();
        }
        for (const w of [...loadWarnings, ...result.warnings]) ctx.io.stderr(diagnosticText(w, ctx.colors) + '\n');
        if (result.errors.length > 0) {
          const n = result.errors.length;
          throw new UserInputError(`cannot plan ${file}: ${n} error${n === 1 ? '' : 's'}`, result.errors);
        }
        const { plan } = result;
        if (flags.out !== undefined) {
          const out = isAbsolute(flags.out) ? flags.out : resolve(ctx.io.cwd, flags.out);
          try {
            await writeFileAtomic(out, redact(renderJson(plan), secretValues(ctx.io.env)), { createDir: false });
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code ?? 'error';
            throw new UserInputError(`--out ${flags.out}: cannot write the plan file (${code}); pass a path in an existing, writable directory`);
          }
        }
        if (flags.impact) ctx.io.stderr(ctx.colors.dim(`notion-schema: impact counted with ${result.impactRequests} query request${result.impactRequests === 1 ? '' : 's'}`) + '\n');
        if (flags.json) ctx.io.stdout(renderJson(plan));
        else if (flags.markdown) ctx.io.stdout(renderMarkdown(plan, { graph: graphOfDesired(desired) }));
        else ctx.io.stdout(renderText(plan, styleOf(ctx.colors), { compact: flags.compact === true }));
        if (flags.out !== undefined && !flags.json) ctx.io.stderr(ctx.colors.dim(`notion-schema: plan written to ${flags.out}`) + '\n');
        return flags.detailedExitcode && plan.summary.has_changes ? EXIT.changes : EXIT.ok;
      }));
  },
};
