import type { Diagnostic } from '../model/common.js';
import type { Colors } from './io.js';

/** `file:line:col: error: message` then an indented hint line. */
export function formatDiagnostic(d: Diagnostic, c: Colors): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.col}: ` : '';
  const sev = d.severity === 'error' ? c.red('error') : c.yellow('warning');
  const head = `${where}${sev}: ${d.message}`;
  return d.hint ? `${head}\n  ${c.dim('hint:')} ${d.hint}` : head;
}
