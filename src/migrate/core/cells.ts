/**
 * Page values as the migration engine reads them: a small, exact view of the API's page
 * property values for the types a migration touches. Pure.
 */

/** An option as a page value holds it. */
export interface OptionValue {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/** A Notion date value. */
export interface DateValue {
  readonly start: string;
  readonly end: string | null;
  readonly time_zone: string | null;
}

/**
 * One page's value of one property. Invariant: `type` is the property's type; rich text is
 * flattened to its plain text (annotations and links are not carried by a conversion).
 */
export type Cell =
  | { readonly type: 'rich_text'; readonly text: string }
  | { readonly type: 'select' | 'status'; readonly option: OptionValue | null }
  | { readonly type: 'multi_select'; readonly options: readonly OptionValue[] }
  | { readonly type: 'number'; readonly number: number | null }
  | { readonly type: 'date'; readonly date: DateValue | null }
  | { readonly type: 'checkbox'; readonly checked: boolean }
  | { readonly type: 'other'; readonly apiType: string };

/** A page of a query result, reduced to what a migration needs. */
export interface PageRow {
  readonly id: string;
  readonly title: string;
  /** Cells by decoded property id. */
  readonly cells: ReadonlyMap<string, Cell>;
}

type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Property ids arrive URL-encoded (`%3AUPp`); compare them decoded. */
export function decodePropertyId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

function plain(items: unknown): string {
  if (!Array.isArray(items)) return '';
  return items.map((i) => (isObj(i) && typeof i.plain_text === 'string' ? i.plain_text
    : isObj(i) && isObj(i.text) && typeof i.text.content === 'string' ? i.text.content : '')).join('');
}

function option(v: unknown): OptionValue | null {
  if (!isObj(v) || typeof v.id !== 'string') return null;
  return { id: v.id, name: typeof v.name === 'string' ? v.name : '', color: typeof v.color === 'string' ? v.color : 'default' };
}

/** Reads one property value object (`{id, type, <type>: …}`) of a page. */
export function readCell(value: unknown): Cell {
  if (!isObj(value) || typeof value.type !== 'string') return { type: 'other', apiType: 'unknown' };
  const v = value[value.type];
  switch (value.type) {
    case 'rich_text': case 'title': return { type: 'rich_text', text: plain(v) };
    case 'select': return { type: 'select', option: option(v) };
    case 'status': return { type: 'status', option: option(v) };
    case 'multi_select': return { type: 'multi_select', options: Array.isArray(v) ? v.map(option).filter((o): o is OptionValue => o !== null) : [] };
    case 'number': return { type: 'number', number: typeof v === 'number' ? v : null };
    case 'checkbox': return { type: 'checkbox', checked: v === true };
    case 'date':
      return {
        type: 'date',
        date: isObj(v) && typeof v.start === 'string'
          ? { start: v.start, end: typeof v.end === 'string' ? v.end : null, time_zone: typeof v.time_zone === 'string' ? v.time_zone : null }
          : null,
      };
    default: return { type: 'other', apiType: value.type };
  }
}

/** Reads a query result item into a row (cells keyed by decoded property id). */
export function readRow(result: unknown): PageRow | null {
  if (!isObj(result) || result.object !== 'page' || typeof result.id !== 'string' || !isObj(result.properties)) return null;
  const cells = new Map<string, Cell>();
  let title = '';
  for (const value of Object.values(result.properties)) {
    if (!isObj(value) || typeof value.id !== 'string') continue;
    if (value.type === 'title') title = plain(value.title);
    cells.set(decodePropertyId(value.id), readCell(value));
  }
  return { id: result.id, title, cells };
}
