import { NotionApiError } from '../errors.js';
import { idInPath } from './ids.js';
import { redact } from './redact.js';

/** The error envelope of the Notion API (notion-api.md §4.2). */
export interface ErrorEnvelope {
  readonly object?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly request_id?: unknown;
  readonly additional_data?: unknown;
}

/**
 * True when `additional_data.retry_guidance` (an array of strings, notion-api.md §5.1; a plain
 * string is accepted too) says the write may have been saved and must not simply be repeated:
 * it speaks of re-reading, of checking the state, of a commit, or of not repeating/retrying.
 */
export function saysDoNotRepeat(err: NotionApiError): boolean {
  const g = err.additional_data?.['retry_guidance'];
  const lines = Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : typeof g === 'string' ? [g] : [];
  return lines.some((l) => /re-?read|check|commit|saved|(do not|don't|not) (repeat|retry|resend)/i.test(l));
}

/** What the user should do about an error status. */
export function hintFor(status: number, code: string, path: string): string | undefined {
  const id = idInPath(path);
  switch (status) {
    case 401:
      return 'check the token: set NOTION_TOKEN or pass --token-file with a valid integration token.';
    case 403:
      return 'the integration lacks the capability this request needs (read, update or insert content): enable it under the integration\'s Capabilities at https://www.notion.so/profile/integrations.';
    case 404:
      return id
        ? `share the page or database ${id} with your integration (••• menu → Connections → add the integration), or fix the id in the schema file or lock file.`
        : 'share the page or database with your integration (••• menu → Connections).';
    case 409:
      return 'a concurrent edit conflicted; re-run the command to work from fresh data.';
    case 429:
      return 'Notion is rate limiting this integration; lower --rate-limit or retry later.';
    default:
      if (status >= 500) return 'Notion is having trouble; retry later. For a write, re-run `plan` first: the change may have been saved.';
      if (code === 'validation_error') return 'the request was rejected by Notion\'s validation; see the message above.';
      return undefined;
  }
}

/** Builds a typed, token-free error from an HTTP error answer. */
export function apiErrorFrom(
  status: number,
  bodyText: string,
  headerRequestId: string | null,
  method: string,
  path: string,
  secrets: readonly string[],
): NotionApiError {
  let env: ErrorEnvelope = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed !== null && typeof parsed === 'object') env = parsed as ErrorEnvelope;
  } catch {
    // not JSON: keep the status only
  }
  const code = typeof env.code === 'string' ? env.code : `http_${status}`;
  const serverMessage = typeof env.message === 'string' ? env.message : bodyText.slice(0, 200).trim() || `HTTP ${status}`;
  const requestId = typeof env.request_id === 'string' ? env.request_id : headerRequestId;
  const additional =
    env.additional_data !== null && typeof env.additional_data === 'object'
      ? (JSON.parse(redact(JSON.stringify(env.additional_data), secrets)) as Record<string, unknown>)
      : undefined;
  const message = redact(`${method} ${path}: ${serverMessage}`, secrets);
  const hint = hintFor(status, code, path);
  return new NotionApiError(message, status, code, requestId === null ? null : redact(requestId, secrets), hint, additional);
}
