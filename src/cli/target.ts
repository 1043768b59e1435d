// PLACEHOLDER: owned by the client/live-state work (issue 4), which replaces this file.
import type { GlobalOptions, Target } from './context.js';
import type { CliIO, Colors } from './io.js';

/**
 * Connects to the target named by the global options: the real API when a token is
 * given (NOTION_TOKEN or --token-file) and --local is not, else the embedded local
 * workspace. Prints the banner on stderr.
 */
export async function openTarget(
  _io: CliIO,
  _colors: Colors,
  _globals: GlobalOptions,
  _overrides?: { readonly rateLimit?: number },
): Promise<Target> {
  throw new Error('openTarget is not implemented yet');
}
