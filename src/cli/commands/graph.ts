import { Option } from 'commander';
import type { CommandModule } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticText, graphOfDesired, renderDot, renderMermaid } from '../../render/index.js';
import { loadSchemaSource } from '../../pipeline/schema-source.js';

interface GraphFlags {
  readonly format: 'mermaid' | 'dot';
}

/**
 * `notion-schema graph [FILE]`: a diagram of the schema's databases, data sources and relations
 * (one-way, two-way) and rollups, as a Mermaid erDiagram (default) or Graphviz DOT. Offline.
 */
export const graphCommand: CommandModule = {
  register(program, run) {
    program
      .command('graph')
      .description('print a diagram of the databases, data sources and relations (Mermaid erDiagram or DOT); no token needed')
      .argument('[file]', 'schema file, a directory holding notion.schema.yaml, or git:REF:PATH', 'notion.schema.yaml')
      .addOption(new Option('--format <format>', 'diagram notation').choices(['mermaid', 'dot']).default('mermaid'))
      .addHelpText('after', `
Mermaid renders in GitHub Markdown inside a \`\`\`mermaid block; DOT renders with Graphviz.
Two-way relations are drawn solid (--), one-way relations dotted (..); rollups are listed with their property.

Examples:
  $ notion-schema graph
  $ notion-schema graph examples/notion.schema.yaml > schema.mmd
  $ notion-schema graph --format dot | dot -Tsvg > schema.svg
  $ notion-schema graph git:main:notion.schema.yaml

Exit codes: 0 ok, 1 error (invalid schema, unreadable file).`)
      .action((file: string, flags: GraphFlags) => run(async (ctx) => {
        const { desired, warnings } = await loadSchemaSource(file, ctx.io.cwd, ctx.io.env);
        for (const w of warnings) ctx.io.stderr(diagnosticText(w, ctx.colors) + '\n');
        const graph = graphOfDesired(desired);
        ctx.io.stdout(flags.format === 'dot' ? renderDot(graph) : renderMermaid(graph));
        return EXIT.ok;
      }));
  },
};
