/**
 * Escapes a string value for the schema file, where `${VAR}` expands and `$$` is a literal `$`:
 * every `$` followed by `{` or `$` is doubled, so the loader reads back exactly `s`.
 */
export function escapeEnv(s: string): string {
  return s.replace(/\$(?=[{$])/g, '$$$$');
}

/** Applies `escapeEnv` to every string value (not keys) of a plain value. */
export function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeEnv(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeDeep(v);
    return out as T;
  }
  return value;
}
