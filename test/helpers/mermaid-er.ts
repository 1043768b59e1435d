/**
 * A strict parser of Mermaid's `erDiagram` syntax, for tests: the tokens and productions of
 * Mermaid's own grammar (packages/mermaid/src/diagrams/er/parser/erDiagram.jison), restricted to the
 * safe subset every Mermaid version since 10.5 accepts (entity aliases `id["alias"]`, attribute
 * comments, quoted relationship labels). The `mermaid` package itself needs a browser DOM to parse
 * (DOMPurify), so the tests use this instead: it tokenises like the jison lexer (block state for
 * attributes) and parses statement by statement; anything outside the grammar throws with its line.
 *
 * Stricter than Mermaid where our output must be: entity names `[A-Za-z][A-Za-z0-9_]*`, no entity
 * declared twice, every relationship end declared, no `"` inside quoted strings.
 */
export interface ParsedEr {
  readonly entities: ReadonlyMap<string, { alias: string | null; attributes: { type: string; name: string; keys: string[]; comment: string | null }[] }>;
  readonly relationships: readonly { from: string; to: string; left: string; right: string; identifying: boolean; label: string }[];
}

type Tok = { t: string; v: string; line: number };

const OUTSIDE: readonly [string, RegExp][] = [
  ['NL', /^\n+/], ['WS', /^[ \t]+/], ['ER', /^erDiagram\b/], ['{', /^\{/], ['[', /^\[/], [']', /^\]/], [':', /^:/],
  ['CARD_L', /^(\|o|\}o|\}\||\|\|)(?=--|\.\.)/], ['REL', /^(--|\.\.)/], ['CARD_R', /^(o\||o\{|\|\{|\|\|)/],
  ['QUOTED', /^"[^"\n]*"/], ['NAME', /^[A-Za-z][A-Za-z0-9_]*/],
];
const BLOCK: readonly [string, RegExp][] = [
  ['WS', /^\s+/], ['}', /^\}/], ['KEY', /^(PK|FK|UK)\b/], ['COMMENT', /^"[^"\n]*"/], ['WORD', /^[*A-Za-z_][A-Za-z0-9_\-[\]()]*/], [',', /^,/],
];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  let inBlock = false;
  while (i < src.length) {
    const rest = src.slice(i);
    const rules = inBlock ? BLOCK : OUTSIDE;
    const hit = rules.map(([t, re]) => [t, re.exec(rest)?.[0]] as const).find(([, m]) => m !== undefined);
    if (hit === undefined || hit[1] === undefined) throw new Error(`mermaid: unexpected ${JSON.stringify(rest.slice(0, 20))} on line ${line}`);
    const [t, v] = hit;
    if (t === '{') inBlock = true;
    if (t === '}') inBlock = false;
    if (t === 'WS' && inBlock && v.includes('\n')) toks.push({ t: 'NL', v, line });
    else if (t !== 'WS') toks.push({ t, v, line });
    line += v.split('\n').length - 1;
    i += v.length;
  }
  return toks;
}

/** Parses `src`; throws on anything Mermaid's erDiagram grammar would reject. */
export function parseErDiagram(src: string): ParsedEr {
  const toks = lex(src);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const take = (t: string): Tok => {
    const tok = toks[p];
    if (tok?.t !== t) throw new Error(`mermaid: expected ${t}, got ${tok ? `${tok.t} ${JSON.stringify(tok.v)}` : 'end'} on line ${tok?.line ?? 'end'}`);
    p++;
    return tok;
  };
  const unquote = (v: string): string => v.slice(1, -1);
  while (peek()?.t === 'NL') p++;
  take('ER');
  const entities = new Map<string, { alias: string | null; attributes: { type: string; name: string; keys: string[]; comment: string | null }[] }>();
  const relationships: { from: string; to: string; left: string; right: string; identifying: boolean; label: string }[] = [];
  for (;;) {
    while (peek()?.t === 'NL') p++;
    if (peek() === undefined) break;
    const name = take('NAME');
    if (peek()?.t === 'CARD_L') {
      const left = take('CARD_L').v;
      const rel = take('REL').v;
      const right = take('CARD_R').v;
      const to = take('NAME').v;
      take(':');
      const label = peek()?.t === 'QUOTED' ? unquote(take('QUOTED').v) : take('NAME').v;
      relationships.push({ from: name.v, to, left, right, identifying: rel === '--', label });
    } else {
      if (entities.has(name.v)) throw new Error(`mermaid: entity ${name.v} declared twice (line ${name.line})`);
      let alias: string | null = null;
      if (peek()?.t === '[') { take('['); alias = unquote(take('QUOTED').v); take(']'); }
      const attributes: { type: string; name: string; keys: string[]; comment: string | null }[] = [];
      if (peek()?.t === '{') {
        take('{');
        for (;;) {
          while (peek()?.t === 'NL') p++;
          if (peek()?.t === '}') { take('}'); break; }
          const type = take('WORD').v;
          const attr = take('WORD').v;
          const keys: string[] = [];
          while (peek()?.t === 'KEY') { keys.push(take('KEY').v); if (peek()?.t === ',') take(','); }
          const comment = peek()?.t === 'COMMENT' ? unquote(take('COMMENT').v) : null;
          if (peek()?.t !== 'NL' && peek()?.t !== '}') throw new Error(`mermaid: attribute ${attr} continues with ${peek()?.v ?? 'end'} (line ${name.line})`);
          attributes.push({ type, name: attr, keys, comment });
        }
      }
      entities.set(name.v, { alias, attributes });
    }
    if (peek() !== undefined && peek()?.t !== 'NL') throw new Error(`mermaid: statement continues with ${JSON.stringify(peek()?.v)} on line ${peek()?.line}`);
  }
  for (const r of relationships) {
    for (const end of [r.from, r.to]) if (!entities.has(end)) throw new Error(`mermaid: relationship names undeclared entity ${end}`);
  }
  return { entities, relationships };
}
