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
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(properties)) {
    out[name] = { id: p.type === 'title' ? 'title' : SHORT_ID, name, description: p.description ?? null, type: p.type, [p.type]: configOf(p) };
  }
  const bytes = Buffer.byteLength(JSON.stringify(out), 'utf8');
  estimated.set(properties, bytes);
  return bytes;
}

/** Sizes already estimated, per properties object (the semantic rules and the limits both ask; the value is never changed). */
const estimated = new WeakMap<object, number>();

function configOf(p: RawProperty): unknown {
  const options = (p.options ?? []).map((o) => ({ id: UUID_LEN, name: o.name, color: o.color ?? 'default', description: o.description ?? null }));
  switch (p.type) {
    case 'number': return { format: p.format ?? 'number' };
    case 'select':
    case 'multi_select': return { options };
    case 'status':
      return {
        options,
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
