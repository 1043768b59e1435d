import type { Path } from './raw.js';

/** A problem found while expanding `${VAR}` references. */
export interface EnvProblem {
  readonly path: Path;
  readonly code: 'env-undefined' | 'env-invalid' | 'env-secret';
  readonly message: string;
  readonly hint: string;
}

/**
 * Names of variables that hold secrets: never expanded into a schema (whose text reaches plans, PR comments
 * and job summaries). NOTION_TOKEN and anything naming a token, secret, key or password.
 */
const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD|PASSWD|CREDENTIAL/i;

/** True when `${name}` would expand a secret and is therefore refused. */
export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** `$$` (a literal `$`), `${NAME}`, `${NAME:-default}`, or any other `${…` (invalid). */
const TOKEN = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{[^}]*\}?/g;

/**
 * A check run on every key and every string value (after expansion) during the expansion walk,
 * so the tree is walked once: `found` is called, in walk order, for each one `pattern` matches,
 * with its path (a live stack: copy it to keep it).
 */
export interface StringCheck {
  /** Not global (no `lastIndex` state). */
  readonly pattern: RegExp;
  readonly found: (s: string, path: readonly (string | number)[], target: 'key' | 'value') => void;
}

/**
 * Expands `${VAR}` and `${VAR:-default}` in every string value (not in keys) of a parsed YAML value.
 * `${VAR:-default}` uses the default when VAR is unset or empty; `$$` is a literal `$`.
 * Pure: returns the expanded value (containers are copied only where something changed) and the problems found (an undefined variable without a default,
 * or a malformed reference); the offending string is left unexpanded. `check`, if given, is run on
 * every key and every resulting string value, in document order (a key before its value).
 */
export function expandEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  check?: StringCheck,
): { readonly value: unknown; readonly problems: readonly EnvProblem[] } {
  const problems: EnvProblem[] = [];
  // Copy-on-write: a container is copied only when something inside it changes, so a file
  // without `${…}` is returned as is. The path is one stack, copied only when a string holds a `$`.
  const stack: (string | number)[] = [];
  const at = (): Path => [...stack];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const out = v.includes('$') ? expandString(v, env, at, problems) : v;
      if (check !== undefined && check.pattern.test(out)) check.found(out, stack, 'value');
      return out;
    }
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item === null || (typeof item !== 'object' && typeof item !== 'string')) continue;
        stack.push(i);
        const next = walk(item);
        stack.pop();
        if (next !== item) (out ??= [...v])[i] = next;
      }
      return out ?? v;
    }
    let out: Record<string, unknown> | undefined;
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const item = (v as Record<string, unknown>)[k];
      if (check !== undefined && check.pattern.test(k)) {
        stack.push(k);
        check.found(k, stack, 'key');
        stack.pop();
      }
      if (item === null || (typeof item !== 'object' && typeof item !== 'string')) continue;
      stack.push(k);
      const next = walk(item);
      stack.pop();
      if (next === item) continue;
      // defineProperty, not assignment: a property may be named "__proto__".
      out ??= copy(v as Record<string, unknown>);
      Object.defineProperty(out, k, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return out ?? v;
  };
  return { value: walk(value), problems };
}

function copy(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(v)) Object.defineProperty(out, k, { value: item, enumerable: true, writable: true, configurable: true });
  return out;
}

function expandString(
  s: string,
  env: Readonly<Record<string, string | undefined>>,
  at: () => Path,
  problems: EnvProblem[],
): string {
  let failed = false;
  const out = s.replace(TOKEN, (match, name: string | undefined, def: string | undefined) => {
    if (match === '$$') return '$';
    if (name === undefined) {
      failed = true;
      problems.push({
        path: at(), code: 'env-invalid',
        message: `invalid variable reference "${match}"`,
        hint: 'write ${NAME} or ${NAME:-default} (NAME: letters, digits, _), or $$ for a literal $',
      });
      return match;
    }
    if (isSecretName(name)) {
      failed = true;
      problems.push({
        path: at(), code: 'env-secret',
        message: `\${${name}} names a secret; secrets are never expanded into the schema`,
        hint: 'a schema\'s text reaches plans, pull-request comments and job summaries: write the value itself, or use a variable whose name does not contain TOKEN, SECRET, KEY or PASSWORD',
      });
      return match;
    }
    // Own variables only: `${__proto__}` or `${toString}` must not find Object.prototype's.
    const val = Object.hasOwn(env, name) ? env[name] : undefined;
    if (def !== undefined) return val === undefined || val === '' ? def : val;
    if (val === undefined) {
      failed = true;
      problems.push({
        path: at(), code: 'env-undefined',
        message: `environment variable ${name} is not set`,
        hint: `set ${name}, or give a default: \${${name}:-value}`,
      });
      return match;
    }
    return val;
  });
  return failed ? s : out;
}
