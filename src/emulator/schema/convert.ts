import { randomUUID } from 'node:crypto';
import { plainText, textToRichText } from '../rich-text.js';
import type { RichTextItem, StoredOption, StoredPage, StoredProperty } from '../state-types.js';
import { DEFAULT_OPTION_COLOR } from './options.js';

/**
 * Value conversion on a type change. Like Notion, a value is read as text under the old
 * type and re-read under the new type; values that cannot be read (people, files,
 * relations, places) are cleared. Select-like targets gain options for unseen names.
 */
export function valueToText(prop: StoredProperty, value: unknown): string {
  if (value === undefined || value === null) return '';
  const opts = (prop.config.options as StoredOption[] | undefined) ?? [];
  switch (prop.type) {
    case 'title': case 'rich_text': return plainText(value as RichTextItem[]);
    case 'number': return String(value);
    case 'checkbox': return value === true ? 'Yes' : 'No';
    case 'select': case 'status': return opts.find((o) => o.id === value)?.name ?? '';
    case 'multi_select': return (value as string[]).map((id) => opts.find((o) => o.id === id)?.name ?? '').filter((n) => n !== '').join(',');
    case 'url': case 'email': case 'phone_number': return String(value);
    case 'date': return (value as { start?: string }).start ?? '';
    default: return '';
  }
}

function optionFor(prop: StoredProperty, name: string): string | null {
  const trimmed = name.trim().replace(/,/g, '');
  if (trimmed === '') return null;
  const opts = prop.config.options as StoredOption[];
  const found = opts.find((o) => o.name.toLowerCase() === trimmed.toLowerCase());
  if (found !== undefined) return found.id;
  if (prop.type === 'status') return null;
  const created = { id: randomUUID(), name: trimmed.slice(0, 100), color: DEFAULT_OPTION_COLOR, description: null };
  opts.push(created);
  return created.id;
}

/** The stored value under `prop` (the new type) for `text`, or undefined to clear. */
export function textToValue(prop: StoredProperty, text: string): unknown {
  if (text === '') return undefined;
  switch (prop.type) {
    case 'title': case 'rich_text': return textToRichText(text.slice(0, 2000));
    case 'number': {
      const n = Number(text.replace(/[^0-9eE+.-]/g, ''));
      return Number.isFinite(n) && /\d/.test(text) ? n : undefined;
    }
    case 'checkbox': return ['yes', 'true', '1', '✓', 'checked'].includes(text.trim().toLowerCase());
    case 'select': case 'status': return optionFor(prop, text) ?? undefined;
    case 'multi_select': return text.split(',').map((s) => optionFor(prop, s)).filter((x): x is string => x !== null);
    case 'url': case 'email': case 'phone_number': return text;
    case 'date': return Number.isNaN(Date.parse(text)) ? undefined : { start: text, end: null, time_zone: null };
    default: return undefined;
  }
}

/** Converts every page's value of `before` to `after` (same id). */
export function convertValues(pages: readonly StoredPage[], before: StoredProperty, after: StoredProperty): void {
  for (const page of pages) {
    const old = page.values[before.id];
    delete page.values[before.id];
    const v = textToValue(after, valueToText(before, old));
    if (v !== undefined) page.values[after.id] = v;
  }
}

/** Drops values that refer to options no longer in the list. */
export function clearRemovedOptions(pages: readonly StoredPage[], prop: StoredProperty): void {
  const ids = new Set(((prop.config.options as StoredOption[] | undefined) ?? []).map((o) => o.id));
  for (const page of pages) {
    const v = page.values[prop.id];
    if (v === undefined) continue;
    if (Array.isArray(v)) page.values[prop.id] = v.filter((id) => ids.has(id as string));
    else if (typeof v === 'string' && !ids.has(v)) delete page.values[prop.id];
  }
}
