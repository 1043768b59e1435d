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
