import type { Diagnostic } from '../model/common.js';
import { PLAIN_STYLE, type TextStyle } from './style.js';

function where(d: Diagnostic): string {
  return d.location ? `${d.location.file}:${d.location.line}:${d.location.col}: ` : '';
}

/** Terminal form: `file:line:col: error: message`, then an indented hint line. */
export function diagnosticText(d: Diagnostic, st: TextStyle = PLAIN_STYLE): string {
  const sev = d.severity === 'error' ? st.red('error') : st.yellow('warning');
  const head = `${where(d)}${sev}: ${d.message}`;
  return d.hint ? `${head}\n  ${st.dim('hint:')} ${d.hint}` : head;
}

/** One-line form for logs and annotations: `file:line:col: severity code: message (hint)`. */
export function diagnosticLine(d: Diagnostic): string {
  return `${where(d)}${d.severity} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

/** Markdown list item: the location in code, the message, the hint in italics. */
export function diagnosticMarkdown(d: Diagnostic): string {
  const at = d.location ? `\`${d.location.file}:${d.location.line}:${d.location.col}\` ` : '';
  return `- ${at}**${d.severity}** \`${d.code}\`: ${d.message}${d.hint ? ` _(${d.hint})_` : ''}`;
}
