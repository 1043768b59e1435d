import type { EnvironmentSelection, EnvironmentSpec } from '../model/environment.js';
import type { DiagnosticSink } from './diagnostics.js';
import { isSecretName } from './env.js';
import type { SourceMap } from './source-map.js';

/** The raw `environments:` entry, after JSON Schema validation. */
interface RawEnvironment {
  readonly token_env?: string;
  readonly api_url?: string;
  readonly rate_limit?: number;
  readonly local?: boolean;
  readonly vars?: Readonly<Record<string, string>>;
  readonly requires?: string;
  readonly default?: boolean;
  readonly description?: string;
}

/** A Notion token shape (`ntn_…`, `secret_…`) or anything as long as one: never a variable name. */
const looksLikeToken = (v: string): boolean => /^(ntn|secret)_/i.test(v) || v.length >= 40;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The environments the file declares (file order), checked: each says how to connect (`token_env`
 * or `local: true`, not both), `requires` names another declared environment without a cycle, at
 * most one is `default: true`, no `vars` name looks like a secret. Problems go to `sink` with the
 * place in the file. Null when the file declares none. Call only on a structurally valid section.
 */
export function readEnvironments(raw: unknown, map: SourceMap, sink: DiagnosticSink): EnvironmentSpec[] | null {
  if (!isObject(raw)) return null;
  const out: EnvironmentSpec[] = [];
  for (const [name, value] of map.entries(raw, ['environments'])) {
    const e = (isObject(value) ? value : {}) as RawEnvironment;
    const at = (key?: string, target: 'key' | 'value' = 'key') => map.at(key === undefined ? ['environments', name] : ['environments', name, key], target);
    const local = e.local === true;
    if (local && e.token_env !== undefined) {
      sink.error('env-connection', `environment ${name} has both local: true and token_env`, at('token_env'), 'a local environment needs no token: drop token_env, or drop local: true to target Notion');
    } else if (!local && e.token_env === undefined) {
      sink.error('env-connection', `environment ${name} says neither token_env nor local: true`, at(), 'name the variable that holds its token, e.g. `token_env: NOTION_TOKEN_STAGING`, or write `local: true` for the embedded workspace');
    }
    if (e.token_env !== undefined && looksLikeToken(e.token_env)) {
      // Never echo the value: it may be a live token.
      sink.error('env-secret', `token_env of environment ${name} looks like a token itself, not the name of a variable`, at('token_env', 'value'),
        'write the NAME of the variable that holds the token (e.g. NOTION_TOKEN_STAGING); remove the token from the file and its history, and rotate it in Notion');
    }
    if (local && e.api_url !== undefined) sink.error('env-connection', `environment ${name} is local and has an api_url`, at('api_url'), 'drop api_url (the local workspace has its own), or drop local: true');
    for (const v of Object.keys(e.vars ?? {})) {
      if (isSecretName(v)) {
        sink.error('env-secret', `vars.${v} of environment ${name} names a secret; vars are written in the file and reach plans`, map.at(['environments', name, 'vars', v], 'key'),
          'keep tokens out of the file: name their variable with token_env; vars hold ids and names (no TOKEN, SECRET, KEY or PASSWORD in the name)');
      }
    }
    out.push({
      name, local, isDefault: e.default === true, vars: { ...(e.vars ?? {}) },
      ...(e.token_env !== undefined ? { tokenEnv: e.token_env } : {}),
      ...(e.api_url !== undefined ? { apiUrl: e.api_url } : {}),
      ...(e.rate_limit !== undefined ? { rateLimit: e.rate_limit } : {}),
      ...(e.requires !== undefined ? { requires: e.requires } : {}),
      ...(e.description !== undefined ? { description: e.description } : {}),
    });
  }
  checkRequires(out, map, sink);
  const defaults = out.filter((e) => e.isDefault);
  for (const extra of defaults.slice(1)) {
    sink.error('env-default', `environments ${defaults.map((e) => e.name).join(' and ')} are both default: true`, map.at(['environments', extra.name, 'default'], 'key'), 'mark one environment `default: true` (the one used without --env)');
  }
  return out.length > 0 ? out : null;
}

function checkRequires(envs: readonly EnvironmentSpec[], map: SourceMap, sink: DiagnosticSink): void {
  const byName = new Map(envs.map((e) => [e.name, e]));
  for (const e of envs) {
    if (e.requires === undefined) continue;
    const at = map.at(['environments', e.name, 'requires'], 'value');
    if (e.requires === e.name) { sink.error('env-requires', `environment ${e.name} requires itself`, at, 'name the environment applied before this one, e.g. `requires: staging`'); continue; }
    if (!byName.has(e.requires)) {
      sink.error('env-requires', `environment ${e.name} requires ${e.requires}, which is not declared`, at, `declared: ${envs.map((x) => x.name).join(', ')}`);
      continue;
    }
    const seen = new Set([e.name]);
    for (let cur = byName.get(e.requires); cur !== undefined; cur = cur.requires !== undefined ? byName.get(cur.requires) : undefined) {
      if (seen.has(cur.name) && cur.name !== e.name) break; // leads into a cycle: reported by its members
      if (cur.name === e.name) { sink.error('env-requires', `the requires of environment ${e.name} form a cycle (${[...seen, cur.name].join(' → ')})`, at, 'requires names the environment applied before this one; break the cycle'); break; }
      seen.add(cur.name);
    }
  }
}

/** How a command names the environment it wants: `--env NAME`, or nothing (the file's default). */
export type EnvironmentChoice = string | undefined;

/**
 * The environment a command runs against: `requested` when given (it must be declared), else the
 * one marked `default: true`, else the only one. Returns a problem message (listing the declared
 * environments) when there is no such environment or no way to choose.
 */
export function selectEnvironment(declared: readonly EnvironmentSpec[], requested: EnvironmentChoice): EnvironmentSelection | { readonly problem: string; readonly hint: string } {
  const names = declared.map((e) => e.name).join(', ');
  if (requested !== undefined) {
    const found = declared.find((e) => e.name === requested);
    if (found !== undefined) return { declared, selected: found };
    return { problem: `unknown environment "${requested}"; the file declares: ${names}`, hint: `pass --env with one of: ${names}` };
  }
  const chosen = declared.find((e) => e.isDefault) ?? (declared.length === 1 ? declared[0] : undefined);
  if (chosen !== undefined) return { declared, selected: chosen };
  return {
    problem: `the file declares ${declared.length} environments (${names}) and none is the default`,
    hint: `pass --env NAME (one of: ${names}), or mark one \`default: true\` under environments:`,
  };
}
