import { ApiError } from '../errors.js';
import { decodePropertyId, encodePropertyId } from '../ids.js';
import type { StoredProperty } from '../state-types.js';

/**
 * Formula expressions are stored with references by property id
 * (`{{notion:block_property:<encoded id>}}`) and rendered back as `prop("<current name>")`,
 * so a rename shows up in the expression as returned (notion-api.md §2.7).
 */

const PROP_REF = /prop\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g;
const ID_REF = /\{\{notion:block_property:([^}]+)\}\}/g;

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Checks quotes and parentheses balance (a minimal syntax check). */
function checkSyntax(expr: string, where: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) throw ApiError.validation(`${where}: formula syntax error: unexpected \`)\` at character ${i + 1}.`);
    }
  }
  if (inString) throw ApiError.validation(`${where}: formula syntax error: unterminated string.`);
  if (depth !== 0) throw ApiError.validation(`${where}: formula syntax error: missing \`)\`.`);
  if (expr.trim() === '') throw ApiError.validation(`${where}: formula expression should not be empty.`);
}

/** Compiles a request expression to the stored form; every referenced property must exist. */
export function compileFormula(expr: unknown, props: readonly StoredProperty[], where: string): string {
  if (typeof expr !== 'string') throw ApiError.validation(`${where}.expression should be a string, instead was \`${JSON.stringify(expr)}\`.`);
  checkSyntax(expr, where);
  const byId = (raw: string): StoredProperty | undefined => props.find((p) => p.id === raw);
  let out = expr.replace(ID_REF, (_m, enc: string) => {
    const p = byId(decodePropertyId(enc));
    if (p === undefined) throw ApiError.validation(`${where}: formula refers to a property id \`${enc}\` that does not exist.`);
    return `{{notion:block_property:${encodePropertyId(p.id)}}}`;
  });
  out = out.replace(PROP_REF, (_m, quoted: string) => {
    const name = unescape(quoted);
    const p = props.find((x) => x.name === name);
    if (p === undefined) throw ApiError.validation(`${where}: formula refers to property \`${name}\`, which does not exist.`);
    return `{{notion:block_property:${encodePropertyId(p.id)}}}`;
  });
  return out;
}

/** Renders a stored expression with current names; references to deleted properties stay in id form. */
export function renderFormula(stored: string, props: Readonly<Record<string, StoredProperty>>): string {
  return stored.replace(ID_REF, (m, enc: string) => {
    const p = props[decodePropertyId(enc)];
    return p === undefined ? m : `prop(${JSON.stringify(p.name)})`;
  });
}

/** Raw ids a stored expression refers to. */
export function formulaRefs(stored: string): string[] {
  return [...stored.matchAll(ID_REF)].map((m) => decodePropertyId(m[1] ?? ''));
}
