import type { RequestSlot } from './drafts.js';
import { richText } from './rich-text.js';

type Body = Record<string, unknown>;

function propsOf(body: Body, slot: RequestSlot): Body {
  if (slot.type === 'create_database') {
    const ids = (body['initial_data_source'] ??= { properties: {} }) as { properties: Body };
    return ids.properties;
  }
  return (body['properties'] ??= {}) as Body;
}

/** Merges a property entry into a request body (`null` deletes the property). */
export function setEntry(body: Body, slot: RequestSlot, key: string, entry: Record<string, unknown> | null): void {
  const props = propsOf(body, slot);
  const prev = props[key];
  props[key] = entry === null ? null : { ...(prev && typeof prev === 'object' ? prev : {}), ...entry };
}

/** A plain string as a rich text array (`[]` for empty or null); other values pass through. */
export function richTextOrEmpty(v: unknown): unknown {
  if (typeof v !== 'string') return v === null ? [] : v;
  return richText(v);
}
