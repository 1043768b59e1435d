import {
  NUMBER_FORMATS, OPTION_COLORS, PROPERTY_TYPES, ROLLUP_FUNCTIONS, STATUS_GROUPS, type PropertyType,
} from '../model/property-types.js';

/**
 * Builds the JSON Schema (draft 2020-12) of `notion.schema.yaml` from the model's vocabularies.
 * `schemas/notion-schema.schema.json` is this object serialised (a test keeps them equal);
 * ajv validates with the same object, so the editor schema and the validator never drift.
 *
 * The property variants are a `oneOf` keyed by `type` with an OpenAPI-style `discriminator`,
 * which ajv uses to report only the matching variant's errors (editors ignore the keyword).
 */

/** `$id` of the published schema. */
export const SCHEMA_ID = 'https://notion-schema.dev/schemas/notion-schema.schema.json';

/**
 * What the schema file accepts for an id: a UUID, or a string holding a `${VAR}` reference
 * (so editors accept `"${PARENT:-…}"`). After expansion the validator also requires a real UUID.
 */
/** A page id: an id, or a Notion URL holding one (`https://www.notion.so/ws/Title-0c5e…`). */
export const PAGE_ID_PATTERN = '^(https?://.*[0-9a-fA-F]{32}.*|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}|.*\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}.*)$';
export const ID_PATTERN = '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}|.*\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}.*)$';
/** A logical key of a database or a data source. */
export const KEY_PATTERN = '^[A-Za-z0-9_-]+$';

/** Keys every property accepts, whatever its type. */
export const COMMON_PROPERTY_KEYS = ['type', 'description', 'renamed_from'] as const;

/** Type-specific keys, per type (the keys besides COMMON_PROPERTY_KEYS). */
export const TYPE_SPECIFIC_KEYS: Readonly<Record<PropertyType, readonly string[]>> = {
  title: [], rich_text: ['convert'], number: ['format', 'convert'], select: ['options', 'convert'], multi_select: ['options', 'convert'],
  status: ['options'], date: ['convert'], people: [], files: [], checkbox: ['convert'], url: [], email: [], phone_number: [],
  formula: ['expression'], relation: ['data_source', 'dual'], rollup: ['relation', 'property', 'function'],
  unique_id: ['prefix'], created_time: [], created_by: [], last_edited_time: [], last_edited_by: [],
  place: [], button: [], verification: [],
};

type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };
type JsonObject = { readonly [k: string]: Json };

const str = (description: string, extra: JsonObject = {}): JsonObject => ({ type: 'string', description, ...extra });

const renamedFrom: JsonObject = {
  type: 'array',
  description: 'Earlier names, newest first. A property found live under one of these names is renamed instead of re-created.',
  items: { type: 'string', minLength: 1 },
};

/** Types a `convert:` migration can turn a property into (src/model/migration.ts, CONVERTIBLE_TYPES). */
const CONVERT_TARGETS: readonly PropertyType[] = ['rich_text', 'number', 'select', 'multi_select', 'date', 'checkbox'];

const convertSchema: JsonObject = {
  description: 'Opt in to a data migration when the live property has another type: a temporary property of this type receives every value converted (docs/migrations.md). `true`: default rules.',
  oneOf: [
    { const: true },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        map: {
          type: 'object',
          description: 'Source value (its text form) → target value, or null for empty. Applied per item of a multi-select.',
          additionalProperties: { type: ['string', 'null'] },
        },
        on_unconvertible: { enum: ['fail', 'empty'], description: '`fail` (default): the plan refuses when a value does not convert; `empty`: clear such values.' },
        checked: str('checkbox ↔ select: the option meaning checked.', { minLength: 1 }),
        unchecked: { type: ['string', 'null'], description: 'checkbox ↔ select: the option meaning unchecked (null: empty).' },
      },
    },
  ],
};

function optionSchema(status: boolean): JsonObject {
  const properties: Record<string, Json> = {
    name: str('Option name: unique regardless of case, no commas.', { minLength: 1, maxLength: 100 }),
    color: { $ref: '#/$defs/color' },
    description: str('Option description.'),
    renamed_from: renamedFrom,
  };
  if (status) properties['group'] = { enum: [...STATUS_GROUPS], description: 'Status group of this option.' };
  return { type: 'object', required: ['name'], additionalProperties: false, properties };
}

function typeSpecific(type: PropertyType): Record<string, Json> {
  switch (type) {
    case 'number':
      return { format: { enum: [...NUMBER_FORMATS], description: 'Number format (default: number).' } };
    case 'select':
    case 'multi_select':
      return { options: { type: 'array', items: { $ref: '#/$defs/option' }, description: 'The options, in order.' } };
    case 'status':
      return { options: { type: 'array', items: { $ref: '#/$defs/statusOption' }, description: 'The options; absent means Notion\'s defaults.' } };
    case 'formula':
      return { expression: str('Notion formula; prop("Name") refers to a property of this data source.', { minLength: 1 }) };
    case 'relation':
      return {
        data_source: str('Target data source: a logical key `database.data_source` or a data source UUID.', { minLength: 1 }),
        dual: {
          type: ['boolean', 'object'],
          description: 'Two-way relation. `true` lets Notion name the synced property; `{property: Name}` names it.',
          properties: { property: str('Name of the synced property on the target data source.', { minLength: 1 }) },
          additionalProperties: false,
        },
      };
    case 'rollup':
      return {
        relation: str('A relation property of this data source.', { minLength: 1 }),
        property: str('A property of the relation\'s target data source.', { minLength: 1 }),
        function: { enum: [...ROLLUP_FUNCTIONS], description: 'Rollup function.' },
      };
    case 'unique_id':
      return { prefix: { type: ['string', 'null'], description: 'ID prefix, e.g. TASK (default: none).' } };
    default:
      return {};
  }
}

const REQUIRED_SPECIFIC: Partial<Record<PropertyType, readonly string[]>> = {
  formula: ['expression'], relation: ['data_source'], rollup: ['relation', 'property', 'function'],
};

function propertyVariant(type: PropertyType): JsonObject {
  return {
    type: 'object',
    title: type,
    required: ['type', ...(REQUIRED_SPECIFIC[type] ?? [])],
    additionalProperties: false,
    properties: {
      type: { const: type },
      description: str('Property description (absent: none).'),
      renamed_from: renamedFrom,
      ...typeSpecific(type),
      ...(CONVERT_TARGETS.includes(type) ? { convert: convertSchema } : {}),
    },
  };
}

/** The complete JSON Schema object. Pure; returns a fresh object each call. */
export function buildJsonSchema(): JsonObject {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'notion-schema file (notion.schema.yaml)',
    description: 'Notion databases and their data sources as code (Notion API 2025-09-03). See docs/schema-format.md.',
    type: 'object',
    additionalProperties: false,
    required: ['databases'],
    patternProperties: { '^x-': { description: 'Ignored: a place for YAML anchors (e.g. shared option lists).' } },
    properties: {
      version: { const: 1, description: 'File format version; only 1.' },
      databases: {
        type: 'object',
        description: 'Databases by logical key.',
        propertyNames: { pattern: KEY_PATTERN },
        additionalProperties: { $ref: '#/$defs/database' },
      },
    },
    $defs: {
      uuid: { type: 'string', pattern: ID_PATTERN, description: 'A Notion id (UUID, dashes optional), or a ${VAR} reference that expands to one.' },
      icon: str('An emoji, or an http(s) URL of an external image.', { minLength: 1 }),
      color: { enum: [...OPTION_COLORS], description: 'Option colour (absent: any colour).' },
      option: optionSchema(false),
      statusOption: optionSchema(true),
      database: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'parent', 'data_sources'],
        properties: {
          id: { $ref: '#/$defs/uuid' },
          title: str('Database title.'),
          description: str('Database description (absent: none).'),
          icon: { $ref: '#/$defs/icon' },
          parent: {
            type: 'object',
            description: 'Where the database lives: `{page_id: UUID}` or `{workspace: true}`.',
            additionalProperties: false,
            minProperties: 1,
            maxProperties: 1,
            properties: {
              page_id: { type: 'string', pattern: PAGE_ID_PATTERN, description: 'The parent page: its id (dashes optional), its Notion URL, or a ${VAR} reference.' },
              workspace: { const: true },
            },
          },
          is_inline: { type: 'boolean', description: 'Inline database (default: false).' },
          data_sources: {
            type: 'object',
            description: 'Data sources by logical key; at least one.',
            minProperties: 1,
            propertyNames: { pattern: KEY_PATTERN },
            additionalProperties: { $ref: '#/$defs/dataSource' },
          },
        },
      },
      dataSource: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'properties'],
        properties: {
          id: { $ref: '#/$defs/uuid' },
          title: str('Data source title.'),
          description: str('Data source description (absent: none).'),
          icon: { $ref: '#/$defs/icon' },
          properties: {
            type: 'object',
            description: 'Properties by their Notion name; exactly one has type title.',
            minProperties: 1,
            propertyNames: { minLength: 1 },
            additionalProperties: { $ref: '#/$defs/property' },
          },
        },
      },
      property: {
        type: 'object',
        required: ['type'],
        properties: { type: { enum: [...PROPERTY_TYPES], description: 'Property type.' } },
        discriminator: { propertyName: 'type' },
        oneOf: PROPERTY_TYPES.map((t) => ({ $ref: `#/$defs/prop_${t}` })),
      },
      ...Object.fromEntries(PROPERTY_TYPES.map((t) => [`prop_${t}`, propertyVariant(t)])),
    },
  };
}
