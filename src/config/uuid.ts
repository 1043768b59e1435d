/** Notion ids: UUIDs with or without dashes, normalised to lowercase dashed form. */

const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN = /^[0-9a-f]{32}$/i;

/** True for a UUID written with all four dashes or with none (any case). */
export function isUuid(value: string): boolean {
  return DASHED.test(value) || PLAIN.test(value);
}

/** Lowercase dashed form. Precondition: `isUuid(value)`. */
export function normalizeUuid(value: string): string {
  const hex = value.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A page id as users paste it: a UUID (dashes optional) or a Notion URL
 * (`https://www.notion.so/ws/Title-0c5e…?v=…`: the 32 hex digits ending its path). Returns the lowercase dashed UUID, or null.
 */
export function pageIdOf(value: string): string | null {
  const text = value.trim();
  if (isUuid(text)) return normalizeUuid(text);
  if (!/^https?:\/\//i.test(text)) return null;
  let path: string;
  try {
    path = new URL(text).pathname;
  } catch {
    return null;
  }
  // The id ends the last path segment (`Title-<32 hex>`, or a dashed UUID); a title's own hex letters never count.
  const segment = path.split('/').filter((p) => p !== '').at(-1) ?? '';
  const id = /([0-9a-f]{32})$/i.exec(segment.replace(/-/g, ''))?.[1];
  return id === undefined ? null : normalizeUuid(id);
}
