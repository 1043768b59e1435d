/**
 * The hidden HTML marker that identifies the Action's pull-request comment for one
 * schema file. The Action finds its earlier comment by this marker and updates it in
 * place, so each (pull request, schema path) pair has at most one comment.
 *
 * Invariant: the marker is a single line, contains no `--` inside the comment text
 * and no `>`, so it always parses as exactly one HTML comment.
 */
export function commentMarker(schemaPath: string): string {
  return `<!-- notion-schema:plan:${encodeMarkerPath(schemaPath)} -->`;
}

/** Percent-encodes what could end or break the HTML comment (`%`, `<`, `>`, `--`, control characters). */
function encodeMarkerPath(path: string): string {
  const normalised = path.replace(/\\/g, '/').replace(/^\.\//, '');
  let out = '';
  for (const ch of normalised) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '%' || ch === '<' || ch === '>' || code < 0x20 || code === 0x7f) {
      out += encodeURIComponent(ch);
    } else if (ch === '-' && out.endsWith('-')) {
      out += '%2D';
    } else {
      out += ch;
    }
  }
  // A trailing '-' would touch the closing '-->' and form '--'.
  return out.endsWith('-') ? `${out.slice(0, -1)}%2D` : out;
}

/** True when a comment body is the Action's comment for this marker (the marker is its first line). */
export function hasMarker(body: string | null | undefined, marker: string): boolean {
  if (!body) return false;
  const firstLine = body.trimStart().split(/\r?\n/, 1)[0] ?? '';
  return firstLine.trim() === marker;
}
