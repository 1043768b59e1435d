/**
 * Indents json-schema-to-typescript output (compiled with `format: false`, so without prettier)
 * by brace and bracket depth, two spaces a level. Deterministic; comment lines are indented
 * but never change the depth. Quoted keys cannot confuse it because only a line's last
 * character (an opener) or first character (a closer) changes the depth.
 * With `quoteKeysAtDepth`, bare property keys at that depth are quoted (`Name: string` → `"Name": string`),
 * so every key reads as the exact Notion name.
 */
export function reindent(code: string, opts: { readonly quoteKeysAtDepth?: number } = {}): string {
  let depth = 0;
  const out: string[] = [];
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const isComment = line.startsWith('/*') || line.startsWith('*');
    if (!isComment && /^[}\])]/.test(line)) depth = Math.max(0, depth - 1);
    const text = !isComment && depth === opts.quoteKeysAtDepth ? quoteKey(line) : line;
    out.push(line.startsWith('*') ? `${'  '.repeat(depth)} ${text}` : `${'  '.repeat(depth)}${text}`);
    if (!isComment && /[{[(]$/.test(line)) depth++;
  }
  return out.join('\n');
}

/** Quotes a bare identifier key (json-schema-to-typescript leaves identifier-like keys bare, quotes the rest). */
function quoteKey(line: string): string {
  return line.replace(/^([A-Za-z_$][\w$]*)(\??): /, (_m, key: string, opt: string) => `${JSON.stringify(key)}${opt}: `);
}
