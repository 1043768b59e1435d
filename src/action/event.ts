import { readFileSync } from 'node:fs';

/**
 * The workflow run context, read from the environment variables GitHub sets
 * (`GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`, `GITHUB_REPOSITORY`, …). Plain data.
 */
export interface RunContext {
  readonly eventName: string;
  readonly owner: string;
  readonly repo: string;
  /** The pull-request number for `pull_request`/`pull_request_target` events, else null. */
  readonly pullNumber: number | null;
  /** True when the pull request comes from a fork (its head repository differs from the base). */
  readonly fromFork: boolean;
  /** `GITHUB_REF`, e.g. `refs/heads/main`. */
  readonly ref: string | null;
  /** The repository's default branch from the event payload, e.g. `main`, or null when absent. */
  readonly defaultBranch: string | null;
  /** Base commit of the pull request (what it merges into), else null. */
  readonly baseSha: string | null;
  /** Head commit of the pull request, else `GITHUB_SHA`. */
  readonly sha: string | null;
  readonly apiUrl: string;
  /** `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`, or null when unknown. */
  readonly runUrl: string | null;
}

/** Event names that carry a pull request. `apply` is always refused on these. */
export const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target', 'pull_request_review']);

interface EventPayload {
  readonly pull_request?: {
    readonly number?: number;
    readonly head?: { readonly sha?: string; readonly repo?: { readonly full_name?: string } | null };
    readonly base?: { readonly sha?: string; readonly repo?: { readonly full_name?: string } };
  };
  readonly repository?: { readonly default_branch?: string; readonly full_name?: string };
}

/** Reads the run context; throws an Error naming the missing variable or the unreadable event file. */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const eventName = env['GITHUB_EVENT_NAME'];
  if (!eventName) throw new Error('GITHUB_EVENT_NAME is not set: the notion-schema Action must run inside a GitHub Actions workflow.');
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY must be "owner/name", got "${repository}".`);
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  const pr = payload.pull_request;
  const pullNumber = PULL_REQUEST_EVENTS.has(eventName) && typeof pr?.number === 'number' ? pr.number : null;
  const headRepo = pr?.head?.repo?.full_name;
  const baseRepo = pr?.base?.repo?.full_name ?? payload.repository?.full_name ?? repository;
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const runId = env['GITHUB_RUN_ID'];
  return {
    eventName,
    owner,
    repo,
    pullNumber,
    fromFork: pr !== undefined && headRepo !== undefined && headRepo !== baseRepo,
    ref: env['GITHUB_REF'] ?? null,
    defaultBranch: payload.repository?.default_branch ?? null,
    baseSha: pr?.base?.sha ?? null,
    sha: pr?.head?.sha ?? env['GITHUB_SHA'] ?? null,
    apiUrl: (env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(/\/+$/, ''),
    runUrl: runId ? `${server.replace(/\/+$/, '')}/${owner}/${repo}/actions/runs/${runId}` : null,
  };
}

function readPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the event file GITHUB_EVENT_PATH=${path}: ${(err as Error).message}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as EventPayload) : {};
  } catch (err) {
    throw new Error(`the event file GITHUB_EVENT_PATH=${path} is not valid JSON: ${(err as Error).message}`);
  }
}
