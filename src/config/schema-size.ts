import { EMPTY_CONFIG_TYPES } from '../model/property-types.js';
import type { RawProperty } from './raw.js';

/** Notion's cap on one data source's property schema (notion-api.md §5). */
export const SCHEMA_SIZE_LIMIT = 50 * 1024;
/** Above this, validate warns that the schema is close to the cap. */
export const SCHEMA_SIZE_WARNING = Math.floor(SCHEMA_SIZE_LIMIT * 0.8);

const UUID_LEN = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';
const SHORT_ID = 'xxxx';

/**
 * Estimates the UTF-8 size in bytes of a data source's property schema as the API holds it:
 * each property with `id`, `name`, `description`, `type` and its configuration, options with
 * ids, colours and descriptions, status groups, and relation/rollup ids. Pure.
 */
export function estimateSchemaBytes(properties: Readonly<Record<string, RawProperty>>): number {
  const known = estimated.get(properties);
  if (known !== undefined) return known;
  // The length of JSON.stringify({name: {id, name, description, type, [type]: config}, …}), counted
  // without building it (test/config/limits.test.ts checks it against the JSON on random schemas).
  let bytes = 2;
  let count = 0;
  for (const name in properties) {
    if (!Object.hasOwn(properties, name)) continue;
    const p = properties[name] as RawProperty;
    const nameBytes = stringBytes(name);
    const type = typeof p.type === 'string' ? stringBytes(p.type) : jsonBytes(p.type);
    // "N":{"id":I,"name":N,"description":D,"type":T,T:C}
    bytes += nameBytes + 2 + 5 + (p.type === 'title' ? 7 : 6) + 8 + nameBytes + 15 + nullable(p.description) + 8 + type + 1 + type + 1 + configBytes(p) + 1;
    count++;
  }
  bytes += Math.max(0, count - 1);
  estimated.set(properties, bytes);
  return bytes;
}

const nullable = (s: string | undefined): number => (s === undefined ? 4 : typeof s === 'string' ? stringBytes(s) : jsonBytes(s));

/** Types whose configuration is `{}` (configOf's default case): `{}` is 2 bytes. */
const EMPTY_CONFIG: ReadonlySet<string> = new Set(EMPTY_CONFIG_TYPES);

function configBytes(p: RawProperty): number {
  if (EMPTY_CONFIG.has(p.type)) return 2;
  if (p.type !== 'select' && p.type !== 'multi_select') return jsonBytes(configOf(p));
  // {"options":[{"id":U,"name":N,"color":C,"description":D},…]}
  let bytes = 1 + 10 + 2 + 1;
  const options = p.options ?? [];
  for (const o of options) bytes += 77 + jsonBytes(o.name) + (o.color === undefined ? 9 : jsonBytes(o.color)) + nullable(o.description);
  return bytes + Math.max(0, options.length - 1);
}

/** jsonBytes of a string. */
function stringBytes(s: string): number {
  return plain(s) ? s.length + 2 : Buffer.byteLength(JSON.stringify(s), 'utf8');
}

/** Printable ASCII other than `"` and `\\`: JSON writes it as it is, one byte per character. */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/**
 * The UTF-8 length of `JSON.stringify(value)` for plain JSON data (objects, arrays, strings,
 * finite numbers, booleans, null; `undefined` members left out), without writing the text.
 */
export function jsonBytes(value: unknown): number {
  if (typeof value === 'string') return stringBytes(value);
  if (value === null || typeof value !== 'object') return value === undefined ? 0 : String(JSON.stringify(value)).length;
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (const v of value) n += v === undefined ? 4 : jsonBytes(v);
    return n;
  }
  let n = 2;
  let members = 0;
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    n += jsonBytes(k) + 1 + jsonBytes(v);
    members++;
  }
  return n + Math.max(0, members - 1);
}

/** Sizes already estimated, per properties object (the semantic rules and the limits both ask; the value is never changed). */
const estimated = new WeakMap<object, number>();

/** A property's configuration as the API holds it (ids as placeholders of their length). */
export function configOf(p: RawProperty): unknown {
  const options = (): unknown[] => (p.options ?? []).map((o) => ({ id: UUID_LEN, name: o.name, color: o.color ?? 'default', description: o.description ?? null }));
  switch (p.type) {
    case 'number': return { format: p.format ?? 'number' };
    case 'select':
    case 'multi_select': return { options: options() };
    case 'status':
      return {
        options: options(),
        groups: ['To-do', 'In progress', 'Complete'].map((g) => ({
          id: UUID_LEN, name: g, color: 'default',
          option_ids: (p.options ?? []).filter((o) => (o.group ?? 'To-do') === g).map(() => UUID_LEN),
        })),
      };
    case 'formula': return { expression: p.expression ?? '' };
    case 'relation':
      return p.dual === undefined || p.dual === false
        ? { database_id: UUID_LEN, data_source_id: UUID_LEN, type: 'single_property', single_property: {} }
        : {
            database_id: UUID_LEN, data_source_id: UUID_LEN, type: 'dual_property',
            dual_property: { synced_property_name: typeof p.dual === 'object' ? p.dual.property ?? SHORT_ID : SHORT_ID, synced_property_id: SHORT_ID },
          };
    case 'rollup':
      return {
        relation_property_name: p.relation, relation_property_id: SHORT_ID,
        rollup_property_name: p.property, rollup_property_id: SHORT_ID, function: p.function,
      };
    case 'unique_id': return { prefix: p.prefix ?? null };
    default: return {};
  }
}
