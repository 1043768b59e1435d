/** Notion id helpers. */

const HEX32 = /^[0-9a-f]{32}$/;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Normalises a Notion object id to the model's form: a lowercase dashed UUID.
 * Accepts dashed or undashed input; anything that is not 32 hex digits is returned lowercased and trimmed.
 */
export function toDashedId(id: string): string {
  // Already in the model's form (what the API and the lock file hold): nothing to rebuild.
  if (DASHED.test(id)) return id;
  const compact = id.trim().toLowerCase().replace(/-/g, '');
  if (!HEX32.test(compact)) return id.trim().toLowerCase();
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

/** True when two ids denote the same object (dashes and case ignored). */
export function sameId(a: string, b: string): boolean {
  return toDashedId(a) === toDashedId(b);
}

/** The first UUID-looking segment of an API path, dashed, e.g. for "share … with the integration" hints. */
export function idInPath(path: string): string | null {
  const m = /([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})/.exec(path);
  return m?.[1] ? toDashedId(m[1]) : null;
}
