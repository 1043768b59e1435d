import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../model/common.js';
import {
  NUMBER_FORMATS, OPTION_COLORS, PROPERTY_TYPES, ROLLUP_FUNCTIONS, STATUS_GROUPS, type PropertyType,
} from '../model/property-types.js';
import { MANAGED_VIEW_TYPES } from '../model/view.js';
import { validate as precompiled } from './file-validator.generated.js';
import { ID_PATTERN, KEY_PATTERN, TYPE_SPECIFIC_KEYS } from './json-schema.js';
import type { Path } from './raw.js';
import { pointerToPath, type SourceMap } from './source-map.js';
import { didYouMean } from './suggest.js';

/**
 * The ajv validator of the file schema, precompiled at build time (scripts/gen-validator.mjs, from
 * schemas/notion-schema.schema.json, which a test keeps equal to buildJsonSchema()).
 */
function validator(): ValidateFunction {
  return precompiled as unknown as ValidateFunction;
}

/**
 * Checks the structure of the (env-expanded) value against the JSON Schema and turns every
 * ajv error into a positioned diagnostic with a hint. Errors at `skip` paths (already reported,
 * e.g. an undefined variable) are dropped. `paths` lists where every error was found.
 */
export function checkStructure(
  value: unknown,
  map: SourceMap,
  skip: readonly Path[] = [],
): { readonly diagnostics: Diagnostic[]; readonly paths: Path[] } {
  const validate = validator();
  if (validate(value)) return { diagnostics: [], paths: [] };
  const paths: Path[] = [];
  const skipped = new Set(skip.map((p) => p.join('\u0000')));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    const path = pointerToPath(err.instancePath);
    paths.push(path);
    if (skipped.has(path.join('\u0000'))) continue;
    const d = describe(err, path, value, map);
    if (!d) continue;
    const id = `${d.location?.line}:${d.location?.col}:${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
  }
  return { diagnostics: out, paths };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string', boolean: 'true or false', object: 'a mapping', array: 'a list', integer: 'an integer', number: 'a number', null: 'null',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

function get(value: unknown, path: Path): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(seg)];
  }
  return v;
}

/** A human name for the thing at `path`, e.g. `property "Stage"` or `database "crm"`. */
function what(path: Path): string {
  const n = path.length;
  const last = String(path[n - 1] ?? '');
  if (n === 0) return 'the file';
  if (n === 2 && path[0] === 'databases') return `database "${last}"`;
  if (n === 4 && path[2] === 'data_sources') return `data source "${path[1]}.${last}"`;
  if (n === 6 && path[4] === 'properties') return `property "${last}"`;
  if (/^\d+$/.test(last) && path[n - 2] === 'options') return `option #${Number(last) + 1}`;
  return `"${last}"`;
}

const ENUM_CONTEXT: Record<string, { readonly noun: string; readonly values: readonly string[] }> = {
  color: { noun: 'colour', values: OPTION_COLORS },
  format: { noun: 'number format', values: NUMBER_FORMATS },
  function: { noun: 'rollup function', values: ROLLUP_FUNCTIONS },
  group: { noun: 'status group', values: STATUS_GROUPS },
  type: { noun: 'property type', values: PROPERTY_TYPES },
};

const ENUM_CODES: Record<string, string> = {
  color: 'invalid-color', format: 'invalid-number-format', function: 'invalid-rollup-function',
  group: 'invalid-status-group', type: 'unknown-property-type',
};

function listValues(values: readonly string[]): string {
  return values.length > 12 ? `${values.slice(0, 12).join(', ')}, … (${values.length} in all)` : values.join(', ');
}

function describe(err: ErrorObject, path: Path, value: unknown, map: SourceMap): Diagnostic | undefined {
  const at = map.at(path, 'value');
  const error = (code: string, message: string, hint: string, location = at): Diagnostic =>
    ({ severity: 'error', code, message, hint, location });
  const last = String(path[path.length - 1] ?? '');
  const actual = get(value, path);

  switch (err.keyword) {
    case 'discriminator':
      return undefined; // reported by the `type` enum
    case 'pattern': {
      if (err.schemaPath.includes('/propertyNames/')) return undefined; // reported by `propertyNames`
      const pattern = (err.params as { pattern: string }).pattern;
      if (pattern === ID_PATTERN) {
        return error('invalid-uuid', `"${String(actual)}" is not a valid Notion id (${last})`,
          'ids are UUIDs: 32 hex digits, with or without dashes, e.g. 1f2e3d4c-5b6a-4789-8abc-def012345678');
      }
      return error('invalid-value', `${what(path)} does not match ${pattern}`, 'see docs/schema-format.md');
    }
    case 'propertyNames': {
      const name = (err.params as { propertyName: string }).propertyName;
      const loc = map.at([...path, name], 'key');
      if (err.schema && (err.parentSchema as { propertyNames?: { pattern?: string } }).propertyNames?.pattern === KEY_PATTERN) {
        return error('invalid-key', `invalid logical key "${name}"`,
          'logical keys use only letters, digits, "_" and "-" (the Notion title goes in `title:`)', loc);
      }
      return error('invalid-property-name', 'a property name must not be empty', 'give the property its Notion name', loc);
    }
    case 'additionalProperties':
      return unknownKey(err, path, map, error);
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      const loc = map.at(path, 'key');
      const hints: Record<string, string> = {
        parent: 'add `parent: { page_id: <uuid> }` or `parent: { workspace: true }`',
        data_sources: 'add `data_sources:` with at least one data source',
        properties: 'add `properties:` with at least a title property, e.g. `Name: { type: title }`',
        databases: 'add a top-level `databases:` mapping',
        type: `add \`type:\`, one of: ${listValues(PROPERTY_TYPES)}`,
      };
      return error('missing-key', `${what(path)} is missing required key "${missing}"`, hints[missing] ?? `add \`${missing}:\``, loc);
    }
    case 'enum':
      return badEnum(path, last, actual, error);
    case 'const': {
      const allowed = (err.params as { allowedValue: unknown }).allowedValue;
      if (last === 'version') return error('invalid-version', `unsupported file version ${JSON.stringify(actual)}`, 'only `version: 1` exists; remove the line or set it to 1');
      if (last === 'workspace') return error('invalid-parent', '`workspace` must be true', 'write `parent: { workspace: true }` or `parent: { page_id: <uuid> }`');
      return error('invalid-value', `${what(path)} must be ${JSON.stringify(allowed)}`, `write ${JSON.stringify(allowed)}`);
    }
    case 'type':
      return badType(err, path, last, actual, error);
    case 'minProperties':
    case 'maxProperties': {
      const loc = map.at(path, 'key');
      if (last === 'parent') return error('invalid-parent', 'parent must have exactly one of `page_id` or `workspace`', 'write `parent: { page_id: <uuid> }` or `parent: { workspace: true }`', loc);
      if (last === 'properties') return error('empty-properties', 'a data source needs at least one property', 'add a title property, e.g. `Name: { type: title }`', loc);
      if (last === 'data_sources') return error('empty-data-sources', 'a database needs at least one data source', 'add a data source under `data_sources:`', loc);
      return error('invalid-value', `${what(path)} ${err.message ?? 'is invalid'}`, 'see docs/schema-format.md', loc);
    }
    case 'minLength':
      return error('empty-value', `${what(path)} must not be empty`, 'give it a value, or remove the key');
    case 'maxLength':
      return error('value-too-long', `${what(path)} is longer than ${(err.params as { limit: number }).limit} characters`, 'shorten it');
    default:
      return error('invalid-value', `${what(path)} ${err.message ?? 'is invalid'}`, 'see docs/schema-format.md for the allowed values');
  }
}

type MakeError = (code: string, message: string, hint: string, location?: Diagnostic['location']) => Diagnostic;

/** An unknown key: names the property types it belongs to, or suggests the nearest allowed key. */
function unknownKey(err: ErrorObject, path: Path, map: SourceMap, error: MakeError): Diagnostic {
  const key = (err.params as { additionalProperty: string }).additionalProperty;
  const loc = map.at([...path, key], 'key');
  const allowed = Object.keys((err.parentSchema as { properties?: object }).properties ?? {});
  const type = (err.parentSchema as { title?: string }).title as PropertyType | undefined;
  if (type && path[path.length - 2] === 'properties') {
    const owners = PROPERTY_TYPES.filter((t) => TYPE_SPECIFIC_KEYS[t].includes(key));
    if (owners.length > 0) {
      return error('unknown-key', `key "${key}" is not allowed on a ${type} property`,
        `"${key}" applies to ${owners.join(', ')} properties; ${type} takes ${allowed.join(', ')}`, loc);
    }
  }
  const mean = didYouMean(key, allowed);
  return error('unknown-key', `unknown key "${key}" in ${what(path)}`,
    `${mean ? `${mean} ` : ''}allowed keys: ${allowed.join(', ')}`, loc);
}

/** A value outside its enum: a wrong shape, or an unknown name with the nearest valid one. */
/** Common wrong names of property types (from other tools and Notion's own UI), and the type they mean. */
const TYPE_ALIASES: Readonly<Record<string, PropertyType>> = {
  link: 'url', links: 'url', person: 'people', user: 'people', users: 'people', text: 'rich_text', string: 'rich_text',
  multiselect: 'multi_select', 'multi-select': 'multi_select', tags: 'multi_select', boolean: 'checkbox', bool: 'checkbox',
  phone: 'phone_number', file: 'files', integer: 'number', float: 'number', id: 'unique_id',
};

function badEnum(path: Path, last: string, actual: unknown, error: MakeError): Diagnostic {
  const inView = path.length === 7 && path[4] === 'views' && last === 'type';
  const ctx = inView ? { noun: 'view type', values: MANAGED_VIEW_TYPES } : ENUM_CONTEXT[last];
  if (inView && typeof actual === 'string') {
    const mean = didYouMean(actual, MANAGED_VIEW_TYPES);
    return error('unknown-view-type', `unknown view type "${actual}"`, `${mean ? `${mean} ` : ''}valid: ${MANAGED_VIEW_TYPES.join(', ')}`);
  }
  const given = String(actual);
  if (ctx && typeof actual !== 'string') {
    // `format: [dollar]` or `color: 5`: say what shape is wanted, not "unknown format "dollar"".
    return error('invalid-type', `${what(path)} must be a string, got ${typeOf(actual)}`,
      `write one ${ctx.noun}, e.g. \`${last}: ${ctx.values[0] ?? ''}\`; valid: ${listValues(ctx.values)}`);
  }
  if (ctx) {
    const alias = last === 'type' ? TYPE_ALIASES[given.toLowerCase()] : undefined;
    const mean = alias !== undefined ? `did you mean "${alias}"?` : didYouMean(given, ctx.values);
    return error(ENUM_CODES[last] ?? 'invalid-value', `unknown ${ctx.noun} "${given}"`,
      `${mean ? `${mean} ` : ''}valid: ${listValues(ctx.values)}`);
  }
  return error('invalid-value', `invalid value "${given}" for ${what(path)}`, 'see docs/schema-format.md for the allowed values');
}

/** A value of the wrong JSON type, with the usual cause (an unquoted id, a number for a string). */
function badType(err: ErrorObject, path: Path, last: string, actual: unknown, error: MakeError): Diagnostic {
  const expected = String((err.params as { type: string | string[] }).type).split(',').map((t) => TYPE_NAMES[t] ?? t).join(' or ');
  const hint = path.includes('id') || last === 'page_id' || last === 'data_source'
    ? 'quote the value: a dashless id made of digits only would otherwise be read as a number'
    : typeof actual === 'number' || typeof actual === 'boolean' ? 'quote the value to make it a string'
      : path.length === 0 ? 'a schema file is a mapping with a top-level `databases:` key; see examples/notion.schema.yaml'
        : `write ${expected} here; see docs/schema-format.md`;
  return error('invalid-type', `${what(path)} must be ${expected}, got ${typeOf(actual)}`, hint);
}
