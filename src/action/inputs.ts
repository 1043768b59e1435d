import type { FailOn } from './fail-on.js';
/** The Action's inputs (action.yml), validated. */
export interface ActionInputs {
  readonly command: 'plan' | 'apply';
  readonly schema: string;
  /**
   * Required, except for `plan` on a pull request from a fork (which gets no secrets): then empty,
   * and the Action compares the schema file with the base branch's instead (`notion-schema diff`).
   * The Action never falls back to the local workspace. Masked before any output.
   */
  readonly notionToken: string;
  /** Empty when not given: then no pull-request comment can be posted. */
  readonly githubToken: string;
  readonly allowDestructive: boolean;
  readonly comment: boolean;
  /** `manual` (default), `destructive` or `never`; `forbidden` is read as `manual` (its earlier name). */
  readonly failOn: FailOn;
  /** Notion API base URL; `https://api.notion.com` unless `api-url` or `NOTION_API_URL` says otherwise. */
  readonly apiUrl: string;
  /** Requests per second to the Notion API (default 3, Notion's documented average). */
  readonly rateLimit: number;
  /** `apply` only: apply only the plan reviewed on the merged pull request (default true). */
  readonly requireReviewedPlan: boolean;
  /**
   * The environment (declared under `environments:` in the schema file) to plan or apply; '' for
   * the file's default. Its lock file, vars, `api_url` and `requires:` apply; the token is `notion-token`.
   */
  readonly env: string;
  /** True when `api-url` (or NOTION_API_URL) was given: it then wins over the environment's `api_url`. */
  readonly apiUrlGiven: boolean;
}

/** `forbidden` is the earlier name of `manual`, kept as an alias. */
function failOnValue(v: (typeof FAIL_ON)[number]): FailOn {
  return v === 'forbidden' ? 'manual' : v;
}

/** Reads an input by its action.yml name; returns '' when unset (like `core.getInput`). */
export type InputReader = (name: string) => string;

const FAIL_ON = ['manual', 'destructive', 'never', 'forbidden'] as const;
const COMMANDS = ['plan', 'apply'] as const;

/** Thrown for a bad input; the message says which input, what was given and what is allowed. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  const v = value.trim();
  if (v === '') return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new InputError(`input "${name}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got "${v}".`);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new InputError(`input "${name}" must be "true" or "false"; got "${value.trim()}".`);
}

/**
 * Validates every input before anything else runs; throws one InputError listing every bad
 * input (one line each), so a misconfigured step is fixed in one round.
 */
export function readInputs(get: InputReader, env: NodeJS.ProcessEnv, where: { readonly forkPullRequest?: boolean } = {}): ActionInputs {
  const problems: string[] = [];
  const check = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err.message);
      return fallback;
    }
  };
  const command = check(() => oneOf('command', get('command'), COMMANDS, 'plan'), 'plan');
  const tokenOptional = where.forkPullRequest === true && command === 'plan';
  const notionToken = tokenOptional ? get('notion-token').trim() : check(() => requiredToken(get('notion-token')), '');
  const rateLimit = check(() => positiveRate(get('rate-limit')), 3);
  const apiUrl = check(() => httpUrl(get('api-url').trim() || env['NOTION_API_URL']?.trim() || 'https://api.notion.com'), '');
  const inputs: ActionInputs = {
    command,
    schema: get('schema').trim() || 'notion.schema.yaml',
    notionToken,
    githubToken: get('github-token').trim(),
    allowDestructive: check(() => bool('allow-destructive', get('allow-destructive'), false), false),
    comment: check(() => bool('comment', get('comment'), true), true),
    failOn: check(() => failOnValue(oneOf('fail-on', get('fail-on'), FAIL_ON, 'manual')), 'manual'),
    apiUrl,
    rateLimit,
    requireReviewedPlan: check(() => bool('require-reviewed-plan', get('require-reviewed-plan'), true), true),
    env: check(() => envName(get('env')), ''),
    apiUrlGiven: (get('api-url').trim() || env['NOTION_API_URL']?.trim() || '') !== '',
  };
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return inputs;
}

function requiredToken(value: string): string {
  const token = value.trim();
  if (token !== '') return token;
  throw new InputError(
    'input "notion-token" is required: pass a Notion integration token, e.g. `notion-token: ${{ secrets.NOTION_TOKEN }}`. ' +
      'The Action never falls back to a local workspace. (Pull requests from forks get no secrets: there it compares the schema with the base branch\'s instead; see docs/ci.md.)',
  );
}

function positiveRate(value: string): number {
  const text = value.trim();
  const rate = text === '' ? 3 : Number(text);
  if (Number.isFinite(rate) && rate > 0) return rate;
  throw new InputError(`input "rate-limit" must be a positive number of requests per second; got "${text}".`);
}

function httpUrl(url: string): string {
  if (!/^https?:\/\//.test(url)) throw new InputError(`input "api-url" must be an http(s) URL; got "${url}".`);
  return url.replace(/\/+$/, '');
}

function envName(value: string): string {
  const name = value.trim();
  if (name === '' || /^[A-Za-z0-9_-]+$/.test(name)) return name;
  throw new InputError(`input "env" must name an environment declared under environments: in the schema file (letters, digits, _ and -); got "${name}".`);
}
