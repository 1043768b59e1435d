import { UserInputError } from '../errors.js';

const HEX32 = /[0-9a-f]{32}/gi;

/** Formats 32 hex digits as a lowercase dashed UUID. */
export function dashUuid(hex: string): string {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Parses a `--database` argument: a UUID with or without dashes, or a Notion URL
 * (`https://www.notion.so/ws/Title-0c5e…?v=…`; the last 32-hex run of the path is the id,
 * the `?v=` view id is ignored). Returns a lowercase dashed UUID; throws UserInputError otherwise.
 */
export function parseDatabaseArg(arg: string): string {
  const text = arg.trim();
  let candidate = text;
  if (/^https?:\/\//i.test(text)) {
    let path: string;
    try {
      path = new URL(text).pathname;
    } catch {
      throw badArg(arg);
    }
    candidate = path;
  }
  const compact = candidate.replace(/-/g, '');
  const runs = compact.match(HEX32);
  const exact = /^[0-9a-f]{32}$/i.test(compact);
  if (exact) return dashUuid(compact);
  if (candidate !== text && runs !== null && runs.length > 0) {
    // In a URL path the id is the trailing 32 hex digits of the last segment.
    const segment = candidate.split('/').filter((s) => s !== '').pop() ?? '';
    const m = /([0-9a-f]{32})$/i.exec(segment.replace(/-/g, ''));
    if (m?.[1] !== undefined) return dashUuid(m[1]);
  }
  throw badArg(arg);
}

function badArg(arg: string): UserInputError {
  // The diagnostic says what and how to fix; the message only concludes (report-error prints both).
  return new UserInputError('nothing was pulled', [{
    severity: 'error',
    code: 'bad-database-id',
    message: `--database ${JSON.stringify(arg)} is not a database id or a Notion URL`,
    hint: 'give a UUID (with or without dashes), e.g. 0c5e2b1c-9d4e-4f5a-8b7c-6d5e4f3a2b1c, or a URL copied from Notion, e.g. https://www.notion.so/acme/Tasks-0c5e2b1c9d4e4f5a8b7c6d5e4f3a2b1c',
  }]);
}
