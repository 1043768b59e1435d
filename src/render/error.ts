import { BlockedError, NetworkError, NotionApiError, UserInputError } from '../errors.js';
import { diagnosticLine, diagnosticText } from './diagnostic.js';
import { PLAIN_STYLE, type TextStyle } from './style.js';

/** Where an error is shown: the hint for a rejected token names the CLI flag or the Action input. */
export type ErrorAudience = 'cli' | 'action';

/** The kind of a typed error, for exit codes and JSON consumers. */
export type ErrorKind = 'input' | 'blocked' | 'api' | 'network' | 'internal';

export function errorKind(err: unknown): ErrorKind {
  if (err instanceof UserInputError) return 'input';
  if (err instanceof BlockedError) return 'blocked';
  if (err instanceof NotionApiError) return 'api';
  if (err instanceof NetworkError) return 'network';
  return 'internal';
}

const ACTION_TOKEN_HINT = 'check the `notion-token` input: it must be a valid Notion integration token, e.g. `${{ secrets.NOTION_TOKEN }}`.';

/**
 * The lines that tell a person what went wrong and what to do: diagnostics first, then the
 * message, then the hint. The one rendering of the typed errors, for the CLI and the Action.
 */
export function errorLines(err: unknown, opts: { readonly style?: TextStyle; readonly audience?: ErrorAudience; readonly verbose?: boolean } = {}): string[] {
  if ((opts.audience ?? 'cli') === 'action') return actionLines(err);
  const st = opts.style ?? PLAIN_STYLE;
  if (err instanceof UserInputError) return [...err.diagnostics.map((d) => diagnosticText(d, st)), `${st.red('error')}: ${err.message}`];
  if (err instanceof BlockedError) return [`${st.red('blocked')}: ${err.message}`, ...err.details.map((l) => `  ${l}`)];
  if (err instanceof NotionApiError) {
    const rid = err.request_id ? ` (request_id ${err.request_id})` : '';
    return [`${st.red('error')}: Notion API ${err.status} ${err.code}: ${err.message}${rid}`, ...(err.hint ? [`  ${st.dim('hint:')} ${err.hint}`] : [])];
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const out = [`${st.red('error')}: ${e.message}`];
  if (opts.verbose === true && !(err instanceof NetworkError) && e.stack) out.push(e.stack);
  return out;
}

/** Plain lines for a workflow log: the message, the hint (naming the Action's inputs), the diagnostics. */
function actionLines(err: unknown): string[] {
  if (!(err instanceof Error)) return [String(err)];
  if (err instanceof NotionApiError) {
    const hint = err.status === 401 ? ACTION_TOKEN_HINT : err.hint;
    return [`Notion API error ${err.status} ${err.code}: ${err.message}`, ...(hint ? [`hint: ${hint}`] : [])];
  }
  if (err instanceof UserInputError) return [err.message, ...err.diagnostics.map(diagnosticLine)];
  if (err instanceof BlockedError) return [err.message, ...err.details.map((d) => `  - ${d}`)];
  return [err.message];
}
