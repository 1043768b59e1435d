import { CONVERSIONS, type ConversionRules, type ConvertibleType } from '../../model/migration.js';
import type { Cell, DateValue } from './cells.js';

/**
 * Value conversions between property types (docs/migrations.md, "Conversions"). Pure.
 * Each conversion goes: source value → atoms (text forms; one per multi-select option) →
 * `rules.map` per atom → target value. A value that does not convert says why.
 */

/** A value to write, independent of option ids. */
export type TargetValue =
  | { readonly type: 'rich_text'; readonly text: string }
  | { readonly type: 'select'; readonly name: string | null }
  | { readonly type: 'multi_select'; readonly names: readonly string[] }
  | { readonly type: 'number'; readonly number: number | null }
  | { readonly type: 'date'; readonly date: DateValue | null }
  | { readonly type: 'checkbox'; readonly checked: boolean };

export type Conversion = { readonly ok: true; readonly value: TargetValue } | { readonly ok: false; readonly reason: string };

export { CONVERSIONS };

export function isSupportedConversion(from: ConvertibleType, to: ConvertibleType): boolean {
  return CONVERSIONS.some(([f, t]) => f === from && t === to);
}

const MAX_OPTION_NAME = 100;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A date in ISO 8601 text: `start`, `start/end` (an ISO interval), then `[Time/Zone]` (RFC 9557) when set. */
export function dateToText(d: DateValue): string {
  return `${d.start}${d.end !== null ? `/${d.end}` : ''}${d.time_zone !== null ? `[${d.time_zone}]` : ''}`;
}

/** Parses `dateToText`'s form; null when the text is not one. */
export function textToDate(text: string): DateValue | null {
  const m = /^([^/[\]]+)(?:\/([^/[\]]+))?(?:\[([^[\]]+)\])?$/.exec(text.trim());
  if (m === null) return null;
  const [, start, end, tz] = m;
  const valid = (s: string): boolean => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s));
  if (start === undefined || !valid(start) || (end !== undefined && !valid(end))) return null;
  return { start, end: end ?? null, time_zone: tz ?? null };
}

/** A number's text form: JavaScript's shortest round-trip representation. */
export function numberToText(n: number): string {
  return String(n);
}

/** Parses a plain decimal or exponent number (no thousands separators, no units); null otherwise. */
export function textToNumber(text: string): number | null {
  const t = text.trim();
  if (!NUMBER_TEXT.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The text forms of a source value: what `map` keys and the preflight listing show. */
export function sourceAtoms(cell: Cell): string[] {
  switch (cell.type) {
    case 'rich_text': return cell.text === '' ? [] : [cell.text];
    case 'select': case 'status': return cell.option === null ? [] : [cell.option.name];
    case 'multi_select': return cell.options.map((o) => o.name);
    case 'number': return cell.number === null ? [] : [numberToText(cell.number)];
    case 'date': return cell.date === null ? [] : [dateToText(cell.date)];
    case 'checkbox': return [cell.checked ? 'true' : 'false'];
    case 'other': return [];
  }
}

function applyMap(atoms: readonly string[], rules: ConversionRules): string[] {
  const map = rules.map;
  if (map === undefined) return [...atoms];
  const out: string[] = [];
  for (const a of atoms) {
    const m = Object.prototype.hasOwnProperty.call(map, a) ? map[a] : a;
    if (m !== null && m !== undefined) out.push(m);
  }
  return out;
}

function optionName(atom: string): Conversion | string {
  const name = atom.trim();
  if (name.includes(',')) return { ok: false, reason: 'an option name cannot contain a comma' };
  if (name.length > MAX_OPTION_NAME) return { ok: false, reason: `an option name is at most ${MAX_OPTION_NAME} characters (this is ${name.length})` };
  return name;
}

function single(atoms: readonly string[], to: string): Conversion | string | null {
  if (atoms.length > 1) return { ok: false, reason: `it holds ${atoms.length} values; a ${to} holds one` };
  return atoms[0] ?? null;
}

type Converter = (atoms: readonly string[], rules: ConversionRules, cell: Cell) => Conversion;
const fail = (reason: string): Conversion => ({ ok: false, reason });

const TO: Readonly<Record<ConvertibleType, Converter>> = {
  select: (atoms, rules, cell) => {
    if (cell.type === 'checkbox') {
      if (rules.checkbox === undefined) return fail('checkbox → select needs the `checked` / `unchecked` option names');
      return { ok: true, value: { type: 'select', name: cell.checked ? rules.checkbox.checked : rules.checkbox.unchecked } };
    }
    const one = single(atoms, 'select');
    if (one === null) return { ok: true, value: { type: 'select', name: null } };
    if (typeof one !== 'string') return one;
    const name = optionName(one);
    if (typeof name !== 'string') return name;
    return { ok: true, value: { type: 'select', name: name === '' ? null : name } };
  },
  multi_select: (atoms) => {
    const names: string[] = [];
    for (const a of atoms) {
      const name = optionName(a);
      if (typeof name !== 'string') return name;
      if (name !== '' && !names.includes(name)) names.push(name);
    }
    if (names.length > 100) return fail(`it holds ${names.length} values; a page write carries at most 100`);
    return { ok: true, value: { type: 'multi_select', names } };
  },
  rich_text: (atoms) => {
    const one = single(atoms, 'text');
    if (one !== null && typeof one !== 'string') return one;
    return { ok: true, value: { type: 'rich_text', text: one ?? '' } };
  },
  number: (atoms) => {
    const one = single(atoms, 'number');
    if (one === null) return { ok: true, value: { type: 'number', number: null } };
    if (typeof one !== 'string') return one;
    if (one.trim() === '') return { ok: true, value: { type: 'number', number: null } };
    const n = textToNumber(one);
    return n === null ? fail('it is not a plain number (digits, an optional sign, point and exponent)') : { ok: true, value: { type: 'number', number: n } };
  },
  date: (atoms) => {
    const one = single(atoms, 'date');
    if (one === null) return { ok: true, value: { type: 'date', date: null } };
    if (typeof one !== 'string') return one;
    if (one.trim() === '') return { ok: true, value: { type: 'date', date: null } };
    const d = textToDate(one);
    return d === null ? fail('it is not an ISO 8601 date (YYYY-MM-DD, optional time, optional /end and [Time/Zone])') : { ok: true, value: { type: 'date', date: d } };
  },
  checkbox: (atoms, rules) => {
    if (rules.checkbox === undefined) return fail('select → checkbox needs the `checked` / `unchecked` option names');
    const one = single(atoms, 'checkbox');
    if (one === null) return { ok: true, value: { type: 'checkbox', checked: false } };
    if (typeof one !== 'string') return one;
    if (one === rules.checkbox.checked) return { ok: true, value: { type: 'checkbox', checked: true } };
    if (one === rules.checkbox.unchecked) return { ok: true, value: { type: 'checkbox', checked: false } };
    return fail(`it is neither the checked option "${rules.checkbox.checked}" nor the unchecked one${rules.checkbox.unchecked === null ? '' : ` "${rules.checkbox.unchecked}"`}`);
  },
};

/** An empty value of a type (what `on_unconvertible: empty` writes). */
export function emptyValue(type: ConvertibleType): TargetValue {
  switch (type) {
    case 'rich_text': return { type, text: '' };
    case 'select': return { type, name: null };
    case 'multi_select': return { type, names: [] };
    case 'number': return { type, number: null };
    case 'date': return { type, date: null };
    case 'checkbox': return { type, checked: false };
  }
}

/** Converts one value; the caller applies `onUnconvertible`. */
export function convertCell(cell: Cell, to: ConvertibleType, rules: ConversionRules): Conversion {
  return TO[to](applyMap(sourceAtoms(cell), rules), rules, cell);
}

/** A written value read back as a target value, to skip pages that already hold it. */
export function cellAsTarget(cell: Cell): TargetValue | null {
  switch (cell.type) {
    case 'rich_text': return { type: 'rich_text', text: cell.text };
    case 'select': return { type: 'select', name: cell.option?.name ?? null };
    case 'multi_select': return { type: 'multi_select', names: cell.options.map((o) => o.name) };
    case 'number': return { type: 'number', number: cell.number };
    case 'date': return { type: 'date', date: cell.date };
    case 'checkbox': return { type: 'checkbox', checked: cell.checked };
    default: return null;
  }
}

/** Two target values are the same value. */
export function sameTarget(a: TargetValue, b: TargetValue): boolean {
  if (a.type === 'date' && b.type === 'date') {
    if (a.date === null || b.date === null) return a.date === b.date;
    return sameInstant(a.date.start, b.date.start) && sameInstant(a.date.end, b.date.end) && a.date.time_zone === b.date.time_zone;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Notion may echo a date in a longer form (`2026-01-02T10:00` → `…T10:00:00.000+00:00`): compare instants. */
function sameInstant(x: string | null, y: string | null): boolean {
  if (x === null || y === null) return x === y;
  if (x === y) return true;
  if ((x.length === 10) !== (y.length === 10)) return false;
  const px = Date.parse(x);
  return !Number.isNaN(px) && px === Date.parse(y);
}
