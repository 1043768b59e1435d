import { errorKind, errorLines, type ErrorKind } from '../render/error.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Colors } from './io.js';

const EXIT_OF: Record<ErrorKind, ExitCode> = { input: EXIT.error, blocked: EXIT.blocked, api: EXIT.error, network: EXIT.error, internal: EXIT.error };

/** The single place where typed errors become messages (worded by render/) and exit codes. */
export function reportError(err: unknown, c: Colors, stderr: (s: string) => void, verbose: boolean): ExitCode {
  for (const line of errorLines(err, { style: c, verbose })) stderr(`${line}\n`);
  return EXIT_OF[errorKind(err)];
}
