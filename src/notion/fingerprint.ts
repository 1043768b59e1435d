import { createHash } from 'node:crypto';

/** Keys left out of a fingerprint: they change without the schema changing (or are the fingerprint itself). */
export const VOLATILE_KEYS: ReadonlySet<string> = new Set(['fingerprint', 'last_edited_time', 'last_edited_by', 'request_id']);

/** JSON with object keys sorted at every level, volatile keys removed, `undefined` dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (value instanceof Map) return canonical(Object.fromEntries(value));
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (VOLATILE_KEYS.has(key)) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/**
 * sha256 (hex) of the canonical JSON of a normalised object, minus volatile fields.
 * Equal normalised objects have equal fingerprints regardless of key order.
 */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
