import type { GraphEdge, GraphEntity, GraphMark, SchemaGraph } from './schema-graph.js';

const SIGN: Record<GraphMark, string> = { added: '+ new', changed: '~ changed', removed: '- removed' };
const ENTITY_MARK: Record<GraphMark, string> = { added: ' (new)', changed: ' (changed)', removed: ' (removed)' };

/** A Mermaid quoted string holds no double quote: they become single quotes. */
function quoted(s: string): string {
  return `"${s.replace(/"/g, "'").replace(/[\r\n]+/g, ' ')}"`;
}

/**
 * A word every Mermaid version's erDiagram lexer takes as one name: `[A-Za-z][A-Za-z0-9_]*`
 * (no hyphen, which could start a `--` relationship token), never an attribute key (PK, FK, UK).
 */
export function mermaidWord(s: string): string {
  const w = s.replace(/[^A-Za-z0-9_]/g, '_');
  const word = /^[A-Za-z]/.test(w) ? w : `p${w}`;
  return /^(PK|FK|UK)$/i.test(word) ? `${word}_` : word;
}

/** Unique entity identifiers for the graph's keys. */
function entityIds(entities: readonly GraphEntity[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const e of entities) {
    // Prefixed, so no id is one of the words Mermaid reads as a cardinality ("to", "many", "one").
    const base = `ds_${mermaidWord(e.key)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(e.key, id);
  }
  return ids;
}

function attributeLine(p: GraphEntity['properties'][number]): string {
  const name = mermaidWord(p.name);
  const comment = [p.mark !== undefined ? SIGN[p.mark] : undefined, name !== p.name ? p.name : undefined, p.note].filter((x) => x !== undefined);
  return `        ${mermaidWord(p.type)} ${name}${comment.length > 0 ? ` ${quoted(comment.join('; '))}` : ''}`;
}

function edgeLine(e: GraphEdge, ids: ReadonlyMap<string, string>): string {
  const link = e.synced === null ? '}o..o{' : '}o--o{';
  const label = e.synced === null ? e.property : `${e.property} ↔ ${e.synced === '' ? '(named by Notion)' : e.synced}`;
  const mark = e.mark !== undefined ? `${SIGN[e.mark]}: ` : '';
  return `    ${ids.get(e.from) ?? ''} ${link} ${ids.get(e.to) ?? ''} : ${quoted(`${mark}${label}`)}`;
}

/**
 * A Mermaid `erDiagram`: one entity per data source (aliased with its title and key), one attribute
 * per property (type, name; the comment holds the real name when it is not a Mermaid word, the
 * rollup or relation details and the plan's mark), one relationship per relation: `--` two-way,
 * `..` one-way. Rollups are attributes. Every name is reduced to Mermaid's word syntax and every
 * label quoted, so any schema yields a diagram Mermaid parses.
 */
export function renderMermaid(graph: SchemaGraph): string {
  const ids = entityIds(graph.entities);
  const out = ['erDiagram'];
  for (const e of graph.entities) {
    const alias = `${e.title}${e.external === true || e.title === e.key ? '' : ` (${e.key})`}${e.mark !== undefined ? ENTITY_MARK[e.mark] : ''}`;
    out.push(`    ${ids.get(e.key) ?? ''}[${quoted(alias)}] {`, ...e.properties.map(attributeLine), '    }');
  }
  for (const e of graph.edges) if (e.kind === 'relation') out.push(edgeLine(e, ids));
  return `${out.join('\n')}\n`;
}
