/**
 * Where character `index` of a scalar's value is in the YAML text, given where the scalar starts
 * (`start`: its first character, a quote or a block indicator included). Handles plain, single-
 * and double-quoted scalars (escapes `''` and `\x`) and block scalars (`|`, `>`), line by line;
 * a folded line break counts as one character. Pure; linear in the scalar's length.
 */
export function scalarOffset(text: string, start: number, index: number): number {
  const first = text[start];
  if (first === '|' || first === '>') return blockOffset(text, start, index);
  if (first === '"' || first === "'") return quotedOffset(text, start, index, first);
  return lineWalk(text, start, index);
}

function quotedOffset(text: string, start: number, index: number, quote: string): number {
  let i = start + 1;
  let n = 0;
  while (i < text.length && n < index) {
    const c = text[i];
    if (c === quote && quote === "'" && text[i + 1] === "'") i += 2;
    else if (c === '\\' && quote === '"') i += escapeLength(text, i);
    else if (c === '\n') i = skipIndent(text, i + 1);
    else if (c === quote) break;
    else i++;
    n++;
  }
  return i;
}

function escapeLength(text: string, i: number): number {
  const k = text[i + 1];
  if (k === 'x') return 4;
  if (k === 'u') return 6;
  if (k === 'U') return 10;
  return 2;
}

function skipIndent(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** A plain scalar: characters in order, each line break (and the next line's indent) one character. */
function lineWalk(text: string, start: number, index: number): number {
  let i = start;
  for (let n = 0; n < index && i < text.length; n++) {
    i = text[i] === '\n' ? skipIndent(text, i + 1) : i + 1;
  }
  return i;
}

function blockOffset(text: string, start: number, index: number): number {
  let lineStart = text.indexOf('\n', start) + 1;
  if (lineStart === 0) return start;
  let indent = -1;
  let n = 0;
  while (lineStart < text.length) {
    const end = text.indexOf('\n', lineStart);
    const lineEnd = end < 0 ? text.length : end;
    const line = text.slice(lineStart, lineEnd);
    if (indent < 0 && line.trim() !== '') indent = line.length - line.trimStart().length;
    const content = indent < 0 ? '' : line.slice(Math.min(indent, line.length));
    if (index <= n + content.length) return lineStart + Math.min(indent < 0 ? 0 : indent, line.length) + (index - n);
    n += content.length + 1;
    if (end < 0) break;
    lineStart = end + 1;
  }
  return start;
}
