/**
 * Generates a schema file of "gen-scale" shape: `dataSources` data sources (5 per database),
 * each with 100 properties, an eighth of them select / multi-select with 20 options,
 * plus relations, rollups, formulas and descriptions. About 25 KB per data source. Pure.
 */
export function generateScale(dataSources: number, opts: { readonly parent?: string } = {}): string {
  const parent = opts.parent ?? '5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70';
  const out = ['version: 1\ndatabases:\n'];
  const perDb = 5;
  const colors = ['gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red'];
  for (let d = 0; d < Math.ceil(dataSources / perDb); d++) {
    out.push(`  db${d}:\n    title: Database ${d}\n    icon: "🏢"\n    parent: { page_id: ${parent} }\n    data_sources:\n`);
    for (let s = 0; s < perDb && d * perDb + s < dataSources; s++) {
      out.push(`      ds${s}:\n        title: Source ${d}.${s}\n        description: Generated data source ${s} of database ${d}\n        properties:\n          Name: { type: title }\n`);
      out.push(`          Link: { type: relation, data_source: db${d}.ds${(s + 1) % Math.min(perDb, dataSources - d * perDb)} }\n`);
      out.push('          Total: { type: rollup, relation: Link, property: P2, function: sum }\n');
      for (let j = 0; j < 97; j++) {
        switch (j % 8) {
          case 0: {
            const type = j % 16 === 0 ? 'select' : 'multi_select';
            out.push(`          P${j}:\n            type: ${type}\n            description: Choice ${j}\n            options:\n`);
            for (let k = 0; k < 20; k++) out.push(`              - { name: Option ${k}, color: ${colors[k % colors.length]} }\n`);
            break;
          }
          case 1: out.push(`          P${j}: { type: formula, expression: 'if(prop("P${j + 1}") > 10, prop("Name"), "small")' }\n`); break;
          case 2: out.push(`          P${j}: { type: number, format: dollar, description: Amount ${j} }\n`); break;
          case 3: out.push(`          P${j}: { type: rich_text, renamed_from: [Old ${j}] }\n`); break;
          case 4: out.push(`          P${j}: { type: people, description: Owner ${j} }\n`); break;
          case 5: out.push(`          P${j}: { type: date }\n`); break;
          case 6: out.push(`          P${j}: { type: checkbox, description: Flag ${j} }\n`); break;
          default: out.push(`          P${j}: { type: url }\n`);
        }
      }
    }
  }
  return out.join('');
}
