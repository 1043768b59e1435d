import type { PagePatch } from '../paths.js';
import type { TargetValue } from './convert.js';

/**
 * Page PATCH bodies of a migration. Pure. Options are referenced by id, never by name, so a
 * write can never create an option by accident (a page write with an unknown name would).
 */

/** Rich text content is at most 2000 UTF-16 code units per item (notion-api.md §5.2). */
const MAX_TEXT = 2000;

function textItems(text: string): { type: 'text'; text: { content: string } }[] {
  const out: { type: 'text'; text: { content: string } }[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + MAX_TEXT);
    // Never split a surrogate pair.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
    out.push({ type: 'text', text: { content: text.slice(i, end) } });
    i = end;
  }
  return out;
}

/** Sets a select or status value (by option id), or a multi-select list (by ids, in order). */
export function optionValuePatch(
  propertyId: string, type: 'select' | 'status' | 'multi_select', value: { readonly id: string } | { readonly ids: readonly string[] },
): PagePatch {
  const v = 'ids' in value ? value.ids.map((id) => ({ id })) : { id: value.id };
  return { properties: { [propertyId]: { [type]: v } } } as unknown as PagePatch;
}

/** Sets a converted value; select / multi_select names are resolved to ids through `optionId`. */
export function targetValuePatch(propertyId: string, value: TargetValue, optionId: (name: string) => string): PagePatch {
  let v: unknown;
  switch (value.type) {
    case 'rich_text': v = textItems(value.text); break;
    case 'select': v = value.name === null ? null : { id: optionId(value.name) }; break;
    case 'multi_select': v = value.names.map((n) => ({ id: optionId(n) })); break;
    case 'number': v = value.number; break;
    case 'date': v = value.date; break;
    case 'checkbox': v = value.checked; break;
  }
  return { properties: { [propertyId]: { [value.type]: v } } } as unknown as PagePatch;
}
