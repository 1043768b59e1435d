import jsyaml from 'js-yaml';

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
const scalar = (tag: string, test: RegExp, construct: (s: string) => unknown): jsyaml.Type =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: unknown) => typeof s === 'string' && test.test(s), construct });

const nullType = new jsyaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: unknown) => s === null || (typeof s === 'string' && /^(?:~|[Nn]ull|NULL)?$/.test(s)),
  construct: () => null,
});
const boolType = scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T');
const intType = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: unknown) => typeof s === 'string' && /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(s),
  construct: (s: string) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
});
const floatType = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: unknown) => typeof s === 'string'
    && /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/.test(s),
  construct: (s: string) => (/nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : parseFloat(s)),
});
const mergeType = new jsyaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (s: unknown) => s === '<<' });

/** The schema: failsafe (str, seq, map) plus the core scalars above and merge keys. */
export const CORE_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType, mergeType] });
