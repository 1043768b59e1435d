import { ApiError } from './errors.js';
import { renderPageValue } from './page-values.js';
import { isRecord, plainText } from './rich-text.js';
import { findProperty } from './schema/config.js';
import type { EmulatorState, RichTextItem, StoredDataSource, StoredOption, StoredPage, StoredProperty } from './state-types.js';

/** A compiled filter: a predicate over pages. */
export type PagePredicate = (page: StoredPage) => boolean;

const TEXT = ['equals', 'does_not_equal', 'contains', 'does_not_contain', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'];
const NUMBER = ['equals', 'does_not_equal', 'greater_than', 'less_than', 'greater_than_or_equal_to', 'less_than_or_equal_to', 'is_empty', 'is_not_empty'];
const RELATIVE = ['past_week', 'past_month', 'past_year', 'next_week', 'next_month', 'next_year', 'this_week'];
const DATE = ['equals', 'before', 'after', 'on_or_before', 'on_or_after', 'is_empty', 'is_not_empty', ...RELATIVE];
const SELECT = ['equals', 'does_not_equal', 'is_empty', 'is_not_empty'];
const LIST = ['contains', 'does_not_contain', 'is_empty', 'is_not_empty'];
const CHECKBOX = ['equals', 'does_not_equal'];
const EMPTY_ONLY = ['is_empty', 'is_not_empty'];

/** The conditions the emulator supports for each filter type key. */
const CONDITIONS: Readonly<Record<string, readonly string[]>> = {
  title: TEXT, rich_text: TEXT, url: TEXT, email: TEXT, phone_number: TEXT,
  number: NUMBER, unique_id: NUMBER, checkbox: CHECKBOX,
  select: SELECT, status: SELECT, multi_select: LIST,
  date: DATE, created_time: DATE, last_edited_time: DATE,
  people: LIST, created_by: LIST, last_edited_by: LIST, relation: LIST,
  files: EMPTY_ONLY, place: EMPTY_ONLY, button: EMPTY_ONLY, verification: EMPTY_ONLY, rollup: EMPTY_ONLY,
  formula: [],
};

type Comparable = string | number | boolean | null | string[];

/** Reduces a rendered value to something filters and sorts can compare. */
export function comparable(rendered: Record<string, unknown>): Comparable {
  const type = rendered.type as string;
  const v = rendered[type];
  switch (type) {
    case 'title': case 'rich_text': return plainText(v as RichTextItem[]) || null;
    case 'select': case 'status': return (v as { name: string } | null)?.name ?? null;
    case 'multi_select': return (v as { name: string }[]).map((o) => o.name);
    case 'people': case 'relation': return (v as { id: string }[]).map((o) => o.id);
    case 'created_by': case 'last_edited_by': return [(v as { id: string }).id];
    case 'files': return (v as unknown[]).length === 0 ? null : ['file'];
    case 'date': return (v as { start: string } | null)?.start ?? null;
    case 'unique_id': return (v as { number: number | null }).number;
    case 'formula': case 'rollup': {
      const inner = v as Record<string, unknown>;
      const t = inner.type as string;
      const x = inner[t];
      if (t === 'date') return (x as { start: string } | null)?.start ?? null;
      if (t === 'array') return (x as unknown[]).length === 0 ? null : ['value'];
      return (x as Comparable | undefined) ?? null;
    }
    case 'verification': return (v as { state: string }).state === 'verified' ? 'verified' : null;
    case 'button': return null;
    default: return (v as Comparable | undefined) ?? null;
  }
}

function isEmpty(c: Comparable): boolean {
  return c === null || c === '' || (Array.isArray(c) && c.length === 0);
}

function test(cond: string, arg: unknown, c: Comparable, where: string, isDate = false): boolean {
  if (cond === 'is_empty' || cond === 'is_not_empty') {
    if (arg !== true) throw ApiError.validation(`${where}.${cond} should be \`true\`, instead was \`${JSON.stringify(arg)}\`.`);
    return cond === 'is_empty' ? isEmpty(c) : !isEmpty(c);
  }
  if (RELATIVE.includes(cond)) {
    if (!isRecord(arg) || Object.keys(arg).length !== 0) throw ApiError.validation(`${where}.${cond} should be \`{}\`.`);
    if (c === null || typeof c !== 'string') return false;
    return inRelativeRange(cond, Date.parse(c), Date.now());
  }
  if (Array.isArray(c)) {
    if (typeof arg !== 'string') throw ApiError.validation(`${where}.${cond} should be a string.`);
    return cond === 'contains' ? c.includes(arg) : !c.includes(arg);
  }
  if (isDate && typeof arg === 'string') {
    const t = Date.parse(arg);
    if (Number.isNaN(t)) throw ApiError.validation(`${where}.${cond} should be an ISO 8601 date.`);
    if (c === null) return false;
    const x = Date.parse(String(c));
    if (cond === 'equals') return String(c).slice(0, 10) === arg.slice(0, 10);
    if (cond === 'before') return x < t;
    if (cond === 'after') return x > t;
    if (cond === 'on_or_before') return x <= t;
    if (cond === 'on_or_after') return x >= t;
  }
  const s = typeof c === 'string' ? c : c === null ? '' : c;
  switch (cond) {
    case 'equals': return typeof arg === 'string' && typeof s === 'string' ? s === arg : s === arg;
    case 'does_not_equal': return s !== arg;
    case 'contains': return typeof s === 'string' && typeof arg === 'string' && s.toLowerCase().includes(arg.toLowerCase());
    case 'does_not_contain': return !(typeof s === 'string' && typeof arg === 'string' && s.toLowerCase().includes(arg.toLowerCase()));
    case 'starts_with': return typeof s === 'string' && typeof arg === 'string' && s.toLowerCase().startsWith(arg.toLowerCase());
    case 'ends_with': return typeof s === 'string' && typeof arg === 'string' && s.toLowerCase().endsWith(arg.toLowerCase());
    case 'greater_than': return typeof c === 'number' && typeof arg === 'number' && c > arg;
    case 'less_than': return typeof c === 'number' && typeof arg === 'number' && c < arg;
    case 'greater_than_or_equal_to': return typeof c === 'number' && typeof arg === 'number' && c >= arg;
    case 'less_than_or_equal_to': return typeof c === 'number' && typeof arg === 'number' && c <= arg;
    default: throw ApiError.validation(`${where}.${cond} is not supported by the emulator.`);
  }
}

const DAY = 86_400_000;

/** Relative date windows, computed against the current time (UTC). */
function inRelativeRange(cond: string, t: number, now: number): boolean {
  if (Number.isNaN(t)) return false;
  const span = cond.endsWith('week') ? 7 * DAY : cond.endsWith('month') ? 31 * DAY : 365 * DAY;
  if (cond === 'this_week') {
    const d = new Date(now);
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - d.getUTCDay() * DAY;
    return t >= start && t < start + 7 * DAY;
  }
  return cond.startsWith('past') ? t >= now - span && t <= now : t >= now && t <= now + span;
}

function conditionOf(body: unknown, allowed: readonly string[], where: string): [string, unknown] {
  if (!isRecord(body)) throw ApiError.validation(`${where} should be an object.`);
  const keys = Object.keys(body);
  if (keys.length !== 1) throw ApiError.validation(`${where} should have exactly one condition, instead had ${keys.length}.`);
  const cond = keys[0]!;
  if (!allowed.includes(cond)) throw ApiError.validation(`${where}.${cond} is not a valid condition here; use one of ${allowed.map((c) => `\`${c}\``).join(', ')}.`);
  return [cond, body[cond]];
}

/** Compiles a query filter (compound nesting up to two levels, as Notion allows). */
export function compileFilter(state: EmulatorState, ds: StoredDataSource, raw: unknown, where: string, depth = 0): PagePredicate {
  if (!isRecord(raw)) throw ApiError.validation(`${where} should be an object.`);
  for (const op of ['and', 'or'] as const) {
    if (raw[op] === undefined) continue;
    if (depth >= 2) throw ApiError.validation(`${where}: compound filters can be nested at most two levels deep.`);
    const list = raw[op];
    if (!Array.isArray(list)) throw ApiError.validation(`${where}.${op} should be an array.`);
    if (list.length > 100) throw ApiError.validation(`${where}.${op}.length should be ≤ \`100\`.`);
    const parts = list.map((f, i) => compileFilter(state, ds, f, `${where}.${op}[${i}]`, depth + 1));
    return op === 'and' ? (p) => parts.every((f) => f(p)) : (p) => parts.some((f) => f(p));
  }
  if (typeof raw.timestamp === 'string') {
    const ts = raw.timestamp;
    if (ts !== 'created_time' && ts !== 'last_edited_time') throw ApiError.validation(`${where}.timestamp should be \`created_time\` or \`last_edited_time\`.`);
    const [cond, arg] = conditionOf(raw[ts], DATE, `${where}.${ts}`);
    return (p) => test(cond, arg, p[ts], `${where}.${ts}`, true);
  }
  if (typeof raw.property !== 'string') throw ApiError.validation(`${where}.property should be a string naming a property (or use \`and\`/\`or\`/\`timestamp\`).`);
  const prop: StoredProperty | undefined = findProperty(ds, raw.property);
  if (prop === undefined) throw ApiError.validation(`${where}.property: Could not find property with name or id: ${raw.property}`);
  const typeKeys = Object.keys(raw).filter((k) => k !== 'property');
  if (typeKeys.length !== 1) throw ApiError.validation(`${where} should have exactly one type key next to \`property\`.`);
  const key = typeKeys[0]!;
  if (key !== prop.type) {
    throw ApiError.validation(`${where}: the filter type \`${key}\` does not match property \`${prop.name}\`, which is of type \`${prop.type}\`.`);
  }
  const w = `${where}.${key}`;
  if (key === 'formula') {
    const f = raw.formula;
    if (!isRecord(f) || Object.keys(f).length !== 1) throw ApiError.validation(`${w} should have one of \`string\`, \`number\`, \`checkbox\`, \`date\`.`);
    const sub = Object.keys(f)[0]!;
    const allowed = sub === 'string' ? TEXT : sub === 'number' ? NUMBER : sub === 'checkbox' ? CHECKBOX : sub === 'date' ? DATE : null;
    if (allowed === null) throw ApiError.validation(`${w}.${sub} is not a formula filter type.`);
    const [cond, arg] = conditionOf(f[sub], allowed, `${w}.${sub}`);
    return (p) => test(cond, arg, comparable(renderPageValue(state, ds, prop, p)), `${w}.${sub}`, sub === 'date');
  }
  const [cond, arg] = conditionOf(raw[key], CONDITIONS[key] ?? EMPTY_ONLY, w);
  if (cond === 'is_empty' || cond === 'is_not_empty') test(cond, arg, null, w);
  const isDate = key === 'date' || key === 'created_time' || key === 'last_edited_time';
  return (p) => test(cond, arg, comparable(renderPageValue(state, ds, prop, p)), w, isDate);
}

/** Compiles `sorts` into a comparator; nulls sort last, select-like values by option order. */
export function compileSorts(state: EmulatorState, ds: StoredDataSource, raw: unknown, where: string): ((a: StoredPage, b: StoredPage) => number) | null {
  if (raw === undefined) return null;
  if (!Array.isArray(raw)) throw ApiError.validation(`${where} should be an array.`);
  if (raw.length > 100) throw ApiError.validation(`${where}.length should be ≤ \`100\`.`);
  const keys = raw.map((s, i) => {
    const w = `${where}[${i}]`;
    if (!isRecord(s)) throw ApiError.validation(`${w} should be an object.`);
    const dir = s.direction ?? 'ascending';
    if (dir !== 'ascending' && dir !== 'descending') throw ApiError.validation(`${w}.direction should be \`ascending\` or \`descending\`.`);
    const sign = dir === 'ascending' ? 1 : -1;
    if (typeof s.timestamp === 'string') {
      const ts = s.timestamp;
      if (ts !== 'created_time' && ts !== 'last_edited_time') throw ApiError.validation(`${w}.timestamp should be \`created_time\` or \`last_edited_time\`.`);
      return (p: StoredPage): Comparable => p[ts];
    }
    if (typeof s.property !== 'string') throw ApiError.validation(`${w} should have \`property\` or \`timestamp\`.`);
    const prop = findProperty(ds, s.property);
    if (prop === undefined) throw ApiError.validation(`${w}.property: Could not find property with name or id: ${s.property}`);
    const opts = (prop.config.options as StoredOption[] | undefined) ?? [];
    const f = (p: StoredPage): Comparable => {
      const c = comparable(renderPageValue(state, ds, prop, p));
      if ((prop.type === 'select' || prop.type === 'status') && typeof c === 'string') return opts.findIndex((o) => o.name === c);
      return Array.isArray(c) ? c.join(',') : c;
    };
    return Object.assign(f, { sign });
  }).map((f, i) => ({ f, sign: (raw[i] as { direction?: string }).direction === 'descending' ? -1 : 1 }));
  return (a, b) => {
    for (const { f, sign } of keys) {
      const x = f(a);
      const y = f(b);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}
