import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { openLocalWorkspace } from '../emulator/index.js';
import { UserInputError } from '../errors.js';
import { cleanBaseUrl, createNotionClient, DEFAULT_BASE_URL, DEFAULT_NOTION_VERSION, DEFAULT_RATE_LIMIT } from '../notion/client.js';
import { redact } from '../notion/redact.js';
import type { GlobalOptions, Target, TargetOverrides } from './context.js';
import type { EnvironmentSpec } from '../model/environment.js';
import type { CliIO, Colors } from './io.js';

/** Where the embedded local workspace keeps its state, relative to the working directory. */
export const LOCAL_STATE_FILE = '.notion-schema/local-workspace.json';
/** The local workspace is in-process and free: no need to be polite. */
export const LOCAL_RATE_LIMIT = 1000;
/** The emulator accepts any token; this one is never a secret. */
const LOCAL_TOKEN = 'local-workspace';

/**
 * The token: --token-file (trimmed; an error if missing or empty) wins over NOTION_TOKEN.
 * Returns null when neither is set.
 */
export async function resolveToken(io: Pick<CliIO, 'env' | 'cwd'>, globals: GlobalOptions): Promise<string | null> {
  if (globals.tokenFile !== undefined) {
    const path = isAbsolute(globals.tokenFile) ? globals.tokenFile : resolve(io.cwd, globals.tokenFile);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new UserInputError(`--token-file ${globals.tokenFile}: cannot read the file (${code}); pass a file that holds your integration token, or set NOTION_TOKEN.`);
    }
    const token = text.trim();
    if (token === '') throw new UserInputError(`--token-file ${globals.tokenFile}: the file is empty; put your integration token (ntn_…) in it, or set NOTION_TOKEN.`);
    return token;
  }
  const raw = io.env['NOTION_TOKEN'];
  if (raw === undefined) return null;
  const env = raw.trim();
  // Set but empty (an unset CI secret): an error, never a silent switch to the local workspace.
  if (env === '') throw new UserInputError('NOTION_TOKEN is set but empty; set it to your integration token (ntn_…), or unset it (or pass --local) to use the local workspace.');
  return env;
}

/**
 * NOTION_SCHEMA_TIMEOUT_MS: the per-request timeout of reads (default 30 000). Creates always wait
 * at least 65 s, past Notion's own 60 s limit, whatever this says.
 */
function readTimeoutEnv(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UserInputError(`NOTION_SCHEMA_TIMEOUT_MS=${JSON.stringify(raw)} is not a positive integer number of milliseconds; unset it or use e.g. 30000.`);
  return n;
}

/**
 * Connects to the target named by the global options: the real API when a token is
 * given (NOTION_TOKEN or --token-file) and --local is not, else the embedded local
 * workspace. Prints the banner on stderr. `--verbose` traces every request (token redacted).
 */
export async function openTarget(
  io: CliIO,
  colors: Colors,
  globals: GlobalOptions,
  overrides?: TargetOverrides,
): Promise<Target> {
  const environment = overrides?.environment;
  const token = environment !== undefined ? await environmentToken(io, globals, environment) : globals.local === true ? null : await resolveToken(io, globals);
  const notionVersion = globals.notionVersion ?? DEFAULT_NOTION_VERSION;
  const secrets = token === null ? [] : [token];
  const trace = globals.verbose === true
    ? (line: string): void => io.stderr(colors.dim(`notion-schema: http ${redact(line, secrets)}`) + '\n')
    : undefined;
  const rateLimit = overrides?.rateLimit ?? globals.rateLimit ?? environment?.rateLimit;
  const envLabel = environment !== undefined ? `environment ${environment.name}: ` : '';
  const timeoutMs = readTimeoutEnv(io.env['NOTION_SCHEMA_TIMEOUT_MS']);

  if (token === null) {
    const stateFile = join(overrides?.baseDir ?? io.cwd, environment !== undefined ? join('.notion-schema', 'env', environment.name, 'local-workspace.json') : LOCAL_STATE_FILE);
    const shownState = relative(io.cwd, stateFile) || LOCAL_STATE_FILE;
    const workspace = await openLocalWorkspace({ stateFile });
    // With --local the token may well be set: then the way to Notion is to drop the flag.
    const how = globals.local === true ? 'drop --local (with NOTION_TOKEN set) to target Notion' : 'set NOTION_TOKEN to target Notion';
    io.stderr(colors.dim(environment !== undefined
      ? `notion-schema: ${envLabel}the embedded local workspace (${shownState})`
      : `notion-schema: using the embedded local workspace (${shownState}); ${how}`) + '\n');
    const client = createNotionClient({
      baseUrl: workspace.url,
      token: LOCAL_TOKEN,
      notionVersion,
      rateLimit: rateLimit ?? LOCAL_RATE_LIMIT,
      targetLabel: 'local',
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(trace ? { trace } : {}),
    });
    return {
      client,
      local: true,
      label: `local (${shownState})`,
      async ensureParentPage(pageId) {
        await workspace.ensurePage(pageId);
      },
      async close() {
        await client.close();
        await workspace.close();
      },
    };
  }

  const rawUrl = environment?.apiUrl ?? globals.apiUrl ?? io.env['NOTION_API_URL'] ?? DEFAULT_BASE_URL;
  let baseUrl: string;
  try {
    baseUrl = cleanBaseUrl(rawUrl);
    if (!/^https?:$/.test(new URL(rawUrl).protocol)) throw new Error('not http(s)');
  } catch {
    throw new UserInputError(`--api-url ${redact(JSON.stringify(rawUrl), secrets)} is not an http(s) URL; use e.g. https://api.notion.com`);
  }
  io.stderr(colors.dim(`notion-schema: ${envLabel}target ${baseUrl} (Notion-Version ${notionVersion})`) + '\n');
  const client = createNotionClient({
    baseUrl: rawUrl,
    token,
    notionVersion,
    rateLimit: rateLimit ?? DEFAULT_RATE_LIMIT,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(trace ? { trace } : {}),
  });
  return {
    client,
    local: false,
    label: baseUrl,
    async ensureParentPage() {
      // The real API: parent pages are the user's; never created.
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * The token of a declared environment: null for a `local: true` one; otherwise --token-file when
 * given, else the variable its `token_env` names (an error naming that variable when unset).
 */
async function environmentToken(io: Pick<CliIO, 'env' | 'cwd'>, globals: GlobalOptions, env: EnvironmentSpec): Promise<string | null> {
  if (env.local) return null;
  if (globals.local === true) throw new UserInputError(`--local: environment ${env.name} is a Notion workspace (token_env ${env.tokenEnv ?? ''}); drop --local, or choose a local environment with --env`);
  if (globals.tokenFile !== undefined) return resolveToken(io, globals);
  const name = env.tokenEnv ?? '';
  const token = io.env[name]?.trim();
  if (!token) throw new UserInputError(`environment ${env.name}: ${name} is not set; set it to the integration token of that workspace (token_env in the schema file names it), or pass --token-file`);
  return token;
}
