import { BlockedError, NetworkError, NotionApiError, UserInputError } from '../errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { formatDiagnostic } from './format-diagnostic.js';
import type { Colors } from './io.js';

/** The single place where typed errors become messages and exit codes. */
export function reportError(err: unknown, c: Colors, stderr: (s: string) => void, verbose: boolean): ExitCode {
  if (err instanceof UserInputError) {
    for (const d of err.diagnostics) stderr(formatDiagnostic(d, c) + '\n');
    stderr(`${c.red('error')}: ${err.message}\n`);
    return EXIT.error;
  }
  if (err instanceof BlockedError) {
    stderr(`${c.red('blocked')}: ${err.message}\n`);
    for (const line of err.details) stderr(`  ${line}\n`);
    return EXIT.blocked;
  }
  if (err instanceof NotionApiError) {
    const rid = err.request_id ? ` (request_id ${err.request_id})` : '';
    stderr(`${c.red('error')}: Notion API ${err.status} ${err.code}: ${err.message}${rid}\n`);
    if (err.hint) stderr(`  ${c.dim('hint:')} ${err.hint}\n`);
    return EXIT.error;
  }
  if (err instanceof NetworkError) {
    stderr(`${c.red('error')}: ${err.message}\n`);
    return EXIT.error;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  stderr(`${c.red('error')}: ${e.message}\n`);
  if (verbose && e.stack) stderr(`${e.stack}\n`);
  return EXIT.error;
}
