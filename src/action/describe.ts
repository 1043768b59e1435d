import type { Diagnostic } from '../model/common.js';
import { diagnosticLine, errorLines } from '../render/index.js';

/** An error's message with what the typed errors carry (worded by render/ for a workflow log). */
export function describeError(err: unknown): string {
  return errorLines(err, { audience: 'action' }).join('\n');
}

/** `file:line:col: severity code: message (hint)`. */
export function formatDiagnostic(d: Diagnostic): string {
  return diagnosticLine(d);
}
