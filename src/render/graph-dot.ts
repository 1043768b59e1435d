import type { GraphEdge, GraphEntity, GraphMark, SchemaGraph } from './schema-graph.js';

const SIGN: Record<GraphMark, string> = { added: '+ ', changed: '~ ', removed: '- ' };
const COLOUR: Record<GraphMark, string> = { added: 'darkgreen', changed: 'darkorange', removed: 'red' };

/** A DOT quoted string. */
function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/** Text inside a record label: record syntax characters escaped. */
function rec(s: string): string {
  return s.replace(/[\\{}|<>"]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

function nodeLine(e: GraphEntity): string {
  const head = `${e.mark !== undefined ? SIGN[e.mark] : ''}${rec(e.title)}${e.external === true || e.title === e.key ? '' : `\\n(${rec(e.key)})`}`;
  const rows = e.properties.map((p) => `${p.mark !== undefined ? SIGN[p.mark] : ''}${rec(p.name)}: ${rec(p.type)}${p.note !== undefined ? ` ${rec(p.note)}` : ''}\\l`).join('');
  const colour = e.mark !== undefined ? `, color=${COLOUR[e.mark]}` : '';
  return `    ${q(e.key)} [label="{${head}${rows === '' ? '' : `|${rows}`}}"${e.external === true ? ', style=dashed' : ''}${colour}];`;
}

function edgeLine(e: GraphEdge): string {
  const attrs: string[] = [];
  if (e.kind === 'rollup') attrs.push(`label=${q(`rollup ${e.property}: ${e.detail ?? ''}`)}`, 'style=dashed', 'arrowhead=empty');
  else if (e.synced === null) attrs.push(`label=${q(`${e.property} (one-way)`)}`);
  else attrs.push(`label=${q(`${e.property} ↔ ${e.synced === '' ? '(named by Notion)' : e.synced}`)}`, 'dir=both');
  if (e.mark !== undefined) attrs.push(`color=${COLOUR[e.mark]}`, `fontcolor=${COLOUR[e.mark]}`);
  return `  ${q(e.from)} -> ${q(e.to)} [${attrs.join(', ')}];`;
}

/**
 * A Graphviz DOT digraph: one cluster per database, one record node per data source (its properties
 * as rows), an edge per relation (`dir=both` when two-way) and a dashed edge per rollup.
 */
export function renderDot(graph: SchemaGraph): string {
  const out = ['digraph notion_schema {', '  rankdir=LR;', '  node [shape=record, fontname="Helvetica"];', '  edge [fontname="Helvetica"];'];
  const databases = [...new Set(graph.entities.filter((e) => e.external !== true).map((e) => e.database))];
  for (const db of databases) {
    out.push(`  subgraph ${q(`cluster_${db}`)} {`, `    label=${q(db)};`);
    for (const e of graph.entities) if (e.external !== true && e.database === db) out.push(nodeLine(e));
    out.push('  }');
  }
  for (const e of graph.entities) if (e.external === true) out.push(nodeLine(e).slice(2));
  for (const e of graph.edges) out.push(edgeLine(e));
  return `${out.join('\n')}\n`;
}
