import { Option } from 'commander';
import { UserInputError } from '../../errors.js';
import { diffSchemas } from '../../pipeline/schema-diff.js';
import { diagnosticText, graphOfDesired, renderJson, renderMarkdown, renderText, schemaDiffNote } from '../../render/index.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { loadSchemaSource } from '../../pipeline/schema-source.js';

interface DiffFlags {
  readonly json?: boolean;
  readonly markdown?: boolean;
  readonly compact?: boolean;
  readonly detailedExitcode?: boolean;
}

/**
 * `notion-schema diff OLD [NEW]`: what changing the schema from OLD to NEW does, planned as against
 * a workspace holding OLD exactly, with the same steps and risks as `plan`. No token, no workspace.
 */
export const diffCommand: CommandModule = {
  register(program, run) {
    program
      .command('diff')
      .description('show what a change of the schema file does (steps and risks), comparing two schema files; no token needed')
      .argument('<old>', 'the schema before: a file, a directory holding notion.schema.yaml, or git:REF:PATH')
      .argument('[new]', 'the schema after (same forms)', 'notion.schema.yaml')
      .addOption(new Option('--json', 'print the plan JSON (never for apply: its ids are made up)').conflicts('markdown'))
      .addOption(new Option('--markdown', 'print Markdown (for pull requests), with the diagram'))
      .addOption(new Option('--compact', 'one line per step'))
      .addOption(new Option('--detailed-exitcode', 'exit 0 when the schemas are equivalent, 2 when they differ'))
      .addHelpText('after', `
git:REF:PATH reads PATH (relative to the repository root) at REF through git show.

Examples:
  $ notion-schema diff git:main:notion.schema.yaml notion.schema.yaml
  $ notion-schema diff old.yaml new.yaml --markdown > diff.md
  $ notion-schema diff git:HEAD~1:schema/ schema/ --detailed-exitcode

Exit codes: 0 ok, 1 error, 2 differences present (--detailed-exitcode).`)
      .action((oldSpec: string, newSpec: string, flags: DiffFlags) => run(async (ctx) => {
        const old = await loadSchemaSource(oldSpec, ctx.io.cwd, ctx.io.env);
        const next = await loadSchemaSource(newSpec, ctx.io.cwd, ctx.io.env);
        for (const w of next.warnings) ctx.io.stderr(diagnosticText(w, ctx.colors) + '\n');
        const { plan, errors } = diffSchemas(old.desired, next.desired, TOOL_VERSION);
        if (errors.length > 0) throw new UserInputError(`cannot diff ${oldSpec} and ${newSpec}: ${errors.length} error${errors.length === 1 ? '' : 's'}`, errors);
        if (flags.json) ctx.io.stdout(renderJson(plan));
        else if (flags.markdown) ctx.io.stdout(renderMarkdown(plan, { graph: graphOfDesired(next.desired), note: schemaDiffNote(old.desired.file) }));
        else ctx.io.stdout(renderText(plan, ctx.colors, { compact: flags.compact === true }));
        return flags.detailedExitcode && plan.summary.has_changes ? EXIT.changes : EXIT.ok;
      }));
  },
};
