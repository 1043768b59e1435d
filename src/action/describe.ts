import type { Diagnostic } from '../model/common.js';

/** An error's message with what the typed errors carry: the API status and hint, input diagnostics. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { status?: number; code?: string; hint?: string; diagnostics?: readonly Diagnostic[] };
  let text = e.message;
  if (e.name === 'NotionApiError' && e.status !== undefined) text = `Notion API error ${e.status} ${e.code ?? ''}: ${text}`;
  if (e.name === 'NotionApiError' && e.status === 401) {
    // The client's hint names CLI flags; in a workflow the token comes from the input.
    text += '\nhint: check the `notion-token` input: it must be a valid Notion integration token, e.g. `${{ secrets.NOTION_TOKEN }}`.';
  } else if (e.hint) {
    text += `\nhint: ${e.hint}`;
  }
  for (const d of e.diagnostics ?? []) text += `\n${formatDiagnostic(d)}`;
  return text;
}

/** `file:line:col: severity code: message (hint)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.col}: ` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}
