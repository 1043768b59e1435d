import type { PropertyConfig } from '../model/property.js';
import type { RollupFunction } from '../model/property-types.js';

/** The result type of a formula or rollup, when the schema determines it. */
export type ScalarKind = 'string' | 'number' | 'boolean' | 'date';

const TOKEN = /\s+|prop\("((?:[^"\\]|\\.)*)"\)|\d+(?:\.\d+)?|[-+*/%()]|"(?:[^"\\]|\\.)*"|true|false/y;

/** The kind of a property's value when it is used inside a formula, or null when not a plain scalar. */
function kindOfProperty(config: PropertyConfig, lookup: (name: string) => PropertyConfig | undefined, depth: number): ScalarKind | null {
  switch (config.type) {
    case 'number': return 'number';
    case 'checkbox': return 'boolean';
    case 'title': case 'rich_text': case 'url': case 'email': case 'phone_number': case 'select': case 'status':
      return 'string';
    case 'date': case 'created_time': case 'last_edited_time': return 'date';
    case 'formula': return formulaKind(config.expression, lookup, depth + 1);
    default: return null;
  }
}

/** Functions whose result type does not depend on their arguments. */
const FUNCTION_KINDS: Readonly<Record<string, ScalarKind>> = {
  lower: 'string', upper: 'string', replace: 'string', replaceAll: 'string', concat: 'string', join: 'string',
  format: 'string', substring: 'string', slice: 'string', repeat: 'string', padStart: 'string', padEnd: 'string',
  trim: 'string', formatDate: 'string', link: 'string', style: 'string', unstyle: 'string', id: 'string',
  length: 'number', toNumber: 'number', round: 'number', ceil: 'number', floor: 'number', abs: 'number',
  sqrt: 'number', cbrt: 'number', exp: 'number', ln: 'number', log10: 'number', log2: 'number', sign: 'number',
  pow: 'number', mod: 'number', add: 'number', subtract: 'number', multiply: 'number',
  divide: 'number', dateBetween: 'number', minute: 'number', hour: 'number', day: 'number', date: 'number',
  week: 'number', month: 'number', year: 'number', timestamp: 'number',
  contains: 'boolean', test: 'boolean', empty: 'boolean', not: 'boolean', and: 'boolean', or: 'boolean',
  equal: 'boolean', unequal: 'boolean', larger: 'boolean', largerEq: 'boolean', smaller: 'boolean', smallerEq: 'boolean',
  includes: 'boolean', every: 'boolean', some: 'boolean',
  now: 'date', today: 'date', dateAdd: 'date', dateSubtract: 'date', dateStart: 'date', dateEnd: 'date',
  parseDate: 'date', fromTimestamp: 'date', dateRange: 'date',
};

/** Splits at top-level commas (outside parentheses and strings); null when unbalanced. */
function splitTopLevel(s: string, sep: RegExp): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (ch === '"') {
      i++;
      while (i < s.length && s.charAt(i) !== '"') i += s.charAt(i) === '\\' ? 2 : 1;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') { depth--; if (depth < 0) return null; }
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(s);
      if (m && m.index === i) {
        parts.push(s.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  if (depth !== 0) return null;
  parts.push(s.slice(start));
  return parts;
}

/** True when the whole expression is wrapped in one pair of parentheses. */
function wrapped(s: string): boolean {
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  const inner = splitTopLevel(s.slice(1, -1), /,/y);
  return inner !== null;
}

/**
 * Infers a formula's result type from its expression, conservatively: literals, `prop("X")`,
 * comparisons and `and`/`or`/`not` (boolean), functions with a fixed result type (`lower` → string),
 * `if(c, a, b)` when both branches agree, and arithmetic over numeric operands (`prop("Amount") * 2`).
 * Anything else returns null (the generated type is then a union). Never guesses.
 */
export function formulaKind(expression: string, lookup: (name: string) => PropertyConfig | undefined, depth = 0): ScalarKind | null {
  let expr = expression.trim();
  while (wrapped(expr)) expr = expr.slice(1, -1).trim();
  if (depth > 16 || expr === '' || splitTopLevel(expr, /,/y) === null) return null;
  // Boolean operators at the top level bind loosest.
  const logical = splitTopLevel(expr, /\s+(?:and|or)\s+|&&|\|\||==|!=|<=|>=|<|>/y);
  if (logical !== null && logical.length > 1) return 'boolean';
  if (/^(?:not\s+|!)/.test(expr)) return 'boolean';
  const call = /^([A-Za-z][A-Za-z0-9]*)\(([\s\S]*)\)$/.exec(expr);
  if (call && call[1] !== 'prop' && wrapped(expr.slice(call[1]?.length ?? 0))) {
    const fn = call[1] ?? '';
    if (fn === 'if') {
      const args = splitTopLevel(call[2] ?? '', /,/y);
      if (args?.length !== 3) return null;
      const a = formulaKind(args[1] ?? '', lookup, depth + 1);
      return a !== null && a === formulaKind(args[2] ?? '', lookup, depth + 1) ? a : null;
    }
    return FUNCTION_KINDS[fn] ?? null;
  }
  if (/^"(?:[^"\\]|\\.)*"$/.test(expr)) return 'string';
  if (/^-?\d+(?:\.\d+)?$/.test(expr)) return 'number';
  if (expr === 'true' || expr === 'false') return 'boolean';
  const single = /^prop\("((?:[^"\\]|\\.)*)"\)$/.exec(expr);
  if (single) {
    const target = lookup(unescape(single[1] ?? ''));
    return target ? kindOfProperty(target, lookup, depth) : null;
  }
  // Arithmetic: only numeric operands, parentheses and + - * / %.
  TOKEN.lastIndex = 0;
  let pos = 0;
  let operands = 0;
  while (pos < expr.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(expr);
    if (!m || m.index !== pos) return null;
    const tok = m[0];
    pos += tok.length;
    if (/^\s+$/.test(tok) || /^[-+*/%()]$/.test(tok)) continue;
    if (/^\d/.test(tok)) { operands++; continue; }
    if (tok.startsWith('prop(')) {
      const target = lookup(unescape(m[1] ?? ''));
      if (!target || kindOfProperty(target, lookup, depth) !== 'number') return null;
      operands++;
      continue;
    }
    return null;
  }
  return operands > 0 ? 'number' : null;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

const NUMBER_ROLLUPS: ReadonlySet<RollupFunction> = new Set<RollupFunction>([
  'count', 'count_values', 'empty', 'not_empty', 'unique', 'percent_empty', 'percent_not_empty', 'sum',
  'average', 'median', 'min', 'max', 'range', 'checked', 'unchecked', 'percent_checked', 'percent_unchecked',
  'count_per_group', 'percent_per_group',
]);
const DATE_ROLLUPS: ReadonlySet<RollupFunction> = new Set<RollupFunction>(['earliest_date', 'latest_date', 'date_range']);

/** What a rollup function returns: a number, a date, or an array of the rolled-up values. */
export function rollupKind(fn: RollupFunction): 'number' | 'date' | 'array' {
  if (NUMBER_ROLLUPS.has(fn)) return 'number';
  if (DATE_ROLLUPS.has(fn)) return 'date';
  return 'array';
}
