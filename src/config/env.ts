import type { Path } from './raw.js';

/** A problem found while expanding `${VAR}` references. */
export interface EnvProblem {
  readonly path: Path;
  readonly code: 'env-undefined' | 'env-invalid';
  readonly message: string;
  readonly hint: string;
}

/** `$$` (a literal `$`), `${NAME}`, `${NAME:-default}`, or any other `${…` (invalid). */
const TOKEN = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{[^}]*\}?/g;

/**
 * Expands `${VAR}` and `${VAR:-default}` in every string value (not in keys) of a parsed YAML value.
 * `${VAR:-default}` uses the default when VAR is unset or empty; `$$` is a literal `$`.
 * Pure: returns a new value and the problems found (an undefined variable without a default,
 * or a malformed reference); the offending string is left unexpanded.
 */
export function expandEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
): { readonly value: unknown; readonly problems: readonly EnvProblem[] } {
  const problems: EnvProblem[] = [];
  const walk = (v: unknown, path: Path): unknown => {
    if (typeof v === 'string') return expandString(v, env, path, problems);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      // defineProperty, not assignment: a property may be named "__proto__".
      for (const [k, item] of Object.entries(v)) {
        Object.defineProperty(out, k, { value: walk(item, [...path, k]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return { value: walk(value, []), problems };
}

function expandString(
  s: string,
  env: Readonly<Record<string, string | undefined>>,
  path: Path,
  problems: EnvProblem[],
): string {
  if (!s.includes('$')) return s;
  let failed = false;
  const out = s.replace(TOKEN, (match, name: string | undefined, def: string | undefined) => {
    if (match === '$$') return '$';
    if (name === undefined) {
      failed = true;
      problems.push({
        path, code: 'env-invalid',
        message: `invalid variable reference "${match}"`,
        hint: 'write ${NAME} or ${NAME:-default} (NAME: letters, digits, _), or $$ for a literal $',
      });
      return match;
    }
    const val = env[name];
    if (def !== undefined) return val === undefined || val === '' ? def : val;
    if (val === undefined) {
      failed = true;
      problems.push({
        path, code: 'env-undefined',
        message: `environment variable ${name} is not set`,
        hint: `set ${name}, or give a default: \${${name}:-value}`,
      });
      return match;
    }
    return val;
  });
  return failed ? s : out;
}
