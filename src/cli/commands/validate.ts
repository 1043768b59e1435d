import { isAbsolute, resolve } from 'node:path';
import type { CommandModule } from '../command.js';
import { loadSchemaFile } from '../../config/index.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticText } from '../../render/diagnostic.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `notion-schema validate [FILE]`: checks a schema file offline and reports every problem as
 * `file:line:col: error: message` plus a hint, on stderr. Exit 0 when valid (warnings allowed), 1 otherwise.
 */
export const validateCommand: CommandModule = {
  register(program, run) {
    program
      .command('validate')
      .description('check a schema file (structure, references, limits) without contacting Notion')
      .argument('[file]', 'schema file, or a directory of *.yaml files', 'notion.schema.yaml')
      .addHelpText('after', `
Every problem is reported as file:line:col: severity: message, followed by a hint.
\${VAR} and \${VAR:-default} in string values are expanded from the environment.

Examples:
  $ notion-schema validate
  $ notion-schema validate examples/notion.schema.yaml
  $ NOTION_PARENT_PAGE=1f2e3d4c-5b6a-4789-8abc-def012345678 notion-schema validate schema/prod.yaml

Exit codes: 0 valid (warnings allowed), 1 errors found.`)
      .action((file: string) => run(async (ctx) => {
        const path = isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
        // Report the file (in messages and locations) as the user wrote its path.
        const first = await loadSchemaFile(path, { env: ctx.io.env, displayName: file, requireEnvironment: false, hash: false });
        const declared = first.environments?.declared ?? [];
        // With environments, the file is checked as each of them expands it (their vars differ).
        const each = declared.length === 0 ? [first] : await Promise.all(declared.map((e) => loadSchemaFile(path, { env: ctx.io.env, displayName: file, environment: e.name, hash: false })));
        const result = each.find((r) => r.desired === null) ?? first;
        const seen = new Set<string>();
        const diagnostics = each.flatMap((r) => r.diagnostics).filter((d) => {
          const id = `${d.location?.line}:${d.location?.col}:${d.code}:${d.message}`;
          return seen.has(id) ? false : (seen.add(id), true);
        });
        for (const d of diagnostics) ctx.io.stderr(diagnosticText(d, ctx.colors) + '\n');
        const errors = diagnostics.filter((d) => d.severity === 'error').length;
        const warnings = diagnostics.length - errors;
        if (result.desired === null) {
          ctx.io.stderr(`${ctx.colors.red('✗')} ${file}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
          return EXIT.error;
        }
        const dbs = result.desired.databases;
        const envNote = declared.length > 0 ? ` in every environment (${declared.map((e) => e.name).join(', ')})` : '';
        const dss = dbs.flatMap((db) => db.data_sources);
        const props = dss.reduce((n, ds) => n + ds.properties.length, 0);
        ctx.io.stdout(`${ctx.colors.green('✓')} ${file} is valid${envNote}: ${plural(dbs.length, 'database')}, ${plural(dss.length, 'data source')}, `
          + `${plural(props, 'property').replace('propertys', 'properties')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`);
        return EXIT.ok;
      }));
  },
};
