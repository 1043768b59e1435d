/**
 * Formula expression helpers: the property references `prop("Name")` an expression makes,
 * and rewriting them through a rename map, so that a rename never shows up as a spurious
 * expression change.
 */

const PROP_REF = /prop\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g;

/** Names referenced by `prop("…")` in `expression`, in order of first appearance, unique. */
export function formulaReferences(expression: string): readonly string[] {
  const out: string[] = [];
  for (const m of expression.matchAll(PROP_REF)) {
    const name = unescape(m[1] ?? '');
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Rewrites every `prop("old")` whose name is a key of `renames` (old → new). */
export function applyRenames(expression: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return expression;
  return expression.replace(PROP_REF, (whole, raw: string) => {
    const next = renames.get(unescape(raw));
    return next === undefined ? whole : `prop("${next.replace(/["\\]/g, (c) => `\\${c}`)}")`;
  });
}

/** Whitespace-insensitive comparison outside string literals is not attempted: expressions compare after trimming. */
export function sameExpression(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

const BLOCK_PROPERTY = /\{\{notion:block_property:([^:}]+)(?::[^}]*)?\}\}/g;

/**
 * Rewrites the API's id-form references (`{{notion:block_property:ID:…}}`, notion-api.md §2.7) to
 * `prop("Name")` using the data source's property ids, so that live and desired expressions compare.
 * Unknown ids are left as they are.
 */
export function resolveBlockProperties(expression: string, nameOfId: (id: string) => string | undefined): string {
  return expression.replace(BLOCK_PROPERTY, (whole, id: string) => {
    let name = nameOfId(id);
    if (name === undefined) {
      try { name = nameOfId(decodeURIComponent(id)) ?? nameOfId(encodeURIComponent(id)); } catch { name = undefined; }
    }
    return name === undefined ? whole : `prop("${name.replace(/["\\]/g, (c) => `\\${c}`)}")`;
  });
}
