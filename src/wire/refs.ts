import type { IdRef } from '../model/index.js';

/**
 * Reference nodes (src/model/ref.ts): recognised only as whole JSON nodes, by shape.
 * Strings are never scanned, so user text containing `{{…}}` or `$ref` passes through untouched.
 */

const FIELDS: Record<IdRef['$ref'], readonly string[]> = {
  database_id: ['key'],
  data_source_id: ['key'],
  synced_property_id: ['step'],
  property_id: ['key', 'name'],
  default_view_id: ['key'],
};

/** True for exactly `{"$ref": <kind>, <its fields>: <string>}` and nothing else. */
export function isIdRef(v: unknown): v is IdRef {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const kind = o['$ref'];
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind)) return false;
  const fields = FIELDS[kind as IdRef['$ref']];
  const keys = Object.keys(o);
  return keys.length === fields.length + 1 && fields.every((f) => typeof o[f] === 'string');
}

/** A stable text form of a reference, for messages and map keys (never parsed back). */
export function refLabel(ref: IdRef): string {
  if (ref.$ref === 'synced_property_id') return `synced_property_id(${ref.step})`;
  if (ref.$ref === 'property_id') return `property_id(${ref.key}, ${JSON.stringify(ref.name)})`;
  return `${ref.$ref}(${ref.key})`;
}

/** A reference nobody could fill: an applier error, never sent to the API. */
export class UnresolvedRefError extends Error {
  override readonly name = 'UnresolvedRefError';
  constructor(readonly ref: IdRef) {
    super(`unresolved reference ${refLabel(ref)}: the object it names was not created or bound`);
  }
}

/** Looks up the id a reference stands for; undefined when not known (yet). */
export type RefLookup = (ref: IdRef) => string | undefined;

/**
 * Deep copy of a JSON value with every reference node replaced by its id.
 * Throws UnresolvedRefError on the first reference `lookup` cannot fill.
 */
export function resolveRefs(value: unknown, lookup: RefLookup): unknown {
  if (isIdRef(value)) {
    const id = lookup(value);
    if (id === undefined) throw new UnresolvedRefError(value);
    return id;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: resolveRefs(v, lookup), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Every reference node inside a JSON value (for dependency checks and messages). */
export function refsIn(value: unknown): IdRef[] {
  const out: IdRef[] = [];
  const visit = (v: unknown): void => {
    if (isIdRef(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) visit(x);
  };
  visit(value);
  return out;
}

export const databaseRef = (key: string): IdRef => ({ $ref: 'database_id', key });
export const dataSourceRef = (key: string): IdRef => ({ $ref: 'data_source_id', key });
export const syncedPropertyRef = (step: string): IdRef => ({ $ref: 'synced_property_id', step });
export const propertyIdRef = (key: string, name: string): IdRef => ({ $ref: 'property_id', key, name });
export const defaultViewRef = (key: string): IdRef => ({ $ref: 'default_view_id', key });
