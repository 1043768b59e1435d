import type * as JsYaml from 'js-yaml';
import { jsYamlLib } from './lazy-js-yaml.js';

/** Plain scalars that are null (`yaml` core schema): empty, `~`, null/Null/NULL. */
export const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
/** Plain scalars that are booleans (true when the first letter is t/T). */
export const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Plain scalars that are integers (see constructInt). */
export const INT_RE = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** Plain scalars that are floats (see constructFloat). */
export const FLOAT_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;

/** The number of a plain scalar matching INT_RE. */
export const constructInt = (s: string): number =>
  (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10));

/** The number of a plain scalar matching FLOAT_RE. */
export const constructFloat = (s: string): number =>
  (/nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : parseFloat(s));

/**
 * A js-yaml schema that resolves plain scalars exactly as the `yaml` package's YAML 1.2 core
 * schema does (the one `pull --merge` and the fallback path use), so both parsers read every
 * file to the same value:
 * - booleans: only true/True/TRUE/false/False/FALSE (YAML 1.1's yes/no/on/off stay strings);
 * - integers: decimal (`0123` is 123, not octal), `0o17` octal, `0x1F` hex; no `_` separators;
 * - floats: `1.5`, `.5`, `1e3`, `.inf`, `.nan`; no `_` separators;
 * - null: empty, `~`, null/Null/NULL;
 * - `<<` merge keys; no timestamps (`2024-01-01` stays a string), no `!!binary`, `!!set`, … tags.
 */
let schema: JsYaml.Schema | undefined;

/** The schema: failsafe (str, seq, map) plus the core scalars above and merge keys. Built on first use (loads js-yaml). */
export function coreSchema(): JsYaml.Schema {
  if (schema !== undefined) return schema;
  const jsyaml = jsYamlLib();
  const scalar = (tag: string, test: RegExp, construct: (s: string) => unknown): JsYaml.Type =>
    new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: unknown) => typeof s === 'string' && test.test(s), construct });
  const nullType = new jsyaml.Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (s: unknown) => s === null || (typeof s === 'string' && NULL_RE.test(s)),
    construct: () => null,
  });
  const boolType = scalar('bool', BOOL_RE, (s) => s[0] === 't' || s[0] === 'T');
  const intType = scalar('int', INT_RE, constructInt);
  const floatType = scalar('float', FLOAT_RE, constructFloat);
  const mergeType = new jsyaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (s: unknown) => s === '<<' });
  schema = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType, mergeType] });
  return schema;
}
