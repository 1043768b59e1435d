/**
 * Indents json-schema-to-typescript output (compiled with `format: false`, so without prettier)
 * by brace and bracket depth, two spaces a level. Deterministic; comment lines are indented
 * but never change the depth. Quoted keys cannot confuse it because only a line's last
 * character (an opener) or first character (a closer) changes the depth.
 * With `keys`, bare property keys at depth `keys.depth` are replaced by `keys.rename(key)`
 * (used to swap placeholder keys for exact, quoted Notion names).
 */
export function reindent(code: string, opts: { readonly keys?: { readonly depth: number; readonly rename: (key: string) => string } } = {}): string {
  let depth = 0;
  const out: string[] = [];
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const isComment = line.startsWith('/*') || line.startsWith('*');
    if (!isComment && /^[}\])]/.test(line)) depth = Math.max(0, depth - 1);
    const text = !isComment && opts.keys && depth === opts.keys.depth ? renameKey(line, opts.keys.rename) : line;
    out.push(line.startsWith('*') ? `${'  '.repeat(depth)} ${text}` : `${'  '.repeat(depth)}${text}`);
    if (!isComment && /[{[(]$/.test(line)) depth++;
  }
  return out.join('\n');
}

/** Renames a bare identifier key (json-schema-to-typescript leaves identifier-like keys bare). */
function renameKey(line: string, rename: (key: string) => string): string {
  return line.replace(/^([A-Za-z_$][\w$]*)(\??): /, (_m, key: string, opt: string) => `${rename(key)}${opt}: `);
}
