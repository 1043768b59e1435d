import { createHash } from 'node:crypto';

/** Keys left out of a fingerprint: they change without the schema changing (or are the fingerprint itself). */
export const VOLATILE_KEYS: ReadonlySet<string> = new Set(['fingerprint', 'last_edited_time', 'last_edited_by', 'request_id']);

/**
 * JSON with object keys sorted at every level, volatile keys removed, `undefined` dropped: the
 * text is `JSON.stringify` of such a copy (test/notion/fingerprint.test.ts checks it on random
 * values). Normalised objects are built in sorted key order, so most parts are already
 * canonical: those are not copied.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? 'null';
}

/** An array index ("0", "17"): own keys list these first, in numeric order, and JSON.stringify keeps that. */
const isIndex = (k: string): boolean => /^(?:0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295;

/**
 * `value` itself when it is already canonical (keys sorted at every level, no volatile key, no
 * `undefined`), else a canonical copy: `JSON.stringify(canonical(v))` is `canonicalJson(v)`.
 */
export function canonical(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Map) return canonical(Object.fromEntries(value));
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const c = v === undefined ? null : canonical(v);
      if (copy === null && c !== v) copy = value.slice(0, i);
      copy?.push(c);
    }
    return copy ?? value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? canonicalObject(value as Record<string, unknown>) : sortedCopy(value as Record<string, unknown>);
}

function canonicalObject(obj: Record<string, unknown>): unknown {
  const keys = Object.keys(obj);
  let from = 0;
  while (from < keys.length && isIndex(keys[from] as string)) from++;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > from && (keys[i - 1] as string) > k) return sortedCopy(obj);
    const v = obj[k];
    if (v === undefined || VOLATILE_KEYS.has(k) || (typeof v === 'object' && v !== null && canonical(v) !== v)) return sortedCopy(obj);
  }
  return obj;
}

function sortedCopy(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) {
    if (VOLATILE_KEYS.has(key)) continue;
    const v = obj[key];
    if (v === undefined) continue;
    const c = canonical(v);
    // An own `__proto__` key stays a key (a plain assignment would set the prototype).
    if (key === '__proto__') Object.defineProperty(out, key, { value: c, enumerable: true, writable: true, configurable: true });
    else out[key] = c;
  }
  return out;
}

/**
 * sha256 (hex) of the canonical JSON of a normalised object, minus volatile fields.
 * Equal normalised objects have equal fingerprints regardless of key order.
 */
export function fingerprint(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/**
 * `fingerprint(value)` for a value that is canonical as it is (`canonical(value) === value`, which
 * the caller guarantees by construction): its JSON is hashed without walking it first.
 */
export function fingerprintCanonical(value: unknown): string {
  return sha256Hex(JSON.stringify(value) ?? 'null');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
