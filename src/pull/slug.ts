/**
 * Turns a Notion title into a logical key: lowercase ASCII letters, digits and `_`,
 * never empty (falls back to `fallback`), never starting or ending with `_`.
 */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug === '' ? fallback : slug;
}

/**
 * Returns `base` if not in `taken`, else `base_2`, `base_3`, … (the first free one),
 * and records the result in `taken`.
 */
export function uniqueKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}
