import {
  NUMBER_FORMATS, OPTION_COLORS, PROPERTY_TYPES, ROLLUP_FUNCTIONS, STATUS_GROUPS, type PropertyType,
} from '../model/property-types.js';
import { CHART_TYPES, MANAGED_VIEW_TYPES } from '../model/view.js';

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

/** The `environments:` section: each environment a workspace the file is applied to (docs/schema-format.md). */
function environmentSchema(): JsonObject {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      token_env: str('Name of the environment variable holding this environment\'s Notion token (never the token itself).', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
      api_url: str('Notion API base URL (default: --api-url, NOTION_API_URL, https://api.notion.com).', { pattern: '^https?://' }),
      rate_limit: { type: 'number', exclusiveMinimum: 0, description: 'Average requests per second (default: --rate-limit, else 3).' },
      local: { type: 'boolean', description: '`true`: the embedded local workspace (no token).' },
      vars: {
        type: 'object',
        description: 'Variables `${NAME}` reads before the process environment (never secrets).',
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
        additionalProperties: { type: 'string' },
      },
      requires: str('An environment whose last successful apply must be of this same schema before this one applies.', { pattern: KEY_PATTERN }),
      default: { type: 'boolean', description: 'The environment used without --env (at most one).' },
      description: str('Free text for people reading the file.'),
    },
  };
}

function databaseSchema(): JsonObject {
  return {
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
  };
}

const propertyName = (what: string): JsonObject => str(what, { minLength: 1 });

/** One declared view (docs/schema-format.md, "Views"); the type-specific rules are semantic (config/views.ts). */
const viewSchema: JsonObject = {
  type: 'object',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: str('View name: its key within the data source (tab order is file order).', { minLength: 1 }),
    type: { enum: [...MANAGED_VIEW_TYPES], description: 'View type (a dashboard is not managed from the file).' },
    renamed_from: { ...renamedFrom, description: 'Earlier names of the view, newest first: a view found under one is renamed, not re-created.' },
    properties: {
      type: 'array',
      description: 'Visible properties by name, in this order; the rest are hidden (absent: Notion decides). Not for form and chart views.',
      items: { type: 'string', minLength: 1 },
    },
    sorts: {
      type: 'array',
      description: 'Sorts, first applied first: `{property: Name, direction}` or `{timestamp: created_time|last_edited_time, direction}`.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['direction'],
        minProperties: 2,
        maxProperties: 2,
        properties: {
          property: propertyName('A property of this data source.'),
          timestamp: { enum: ['created_time', 'last_edited_time'] },
          direction: { enum: ['ascending', 'descending'] },
        },
      },
    },
    filter: {
      type: 'object',
      description: 'A filter in Notion\'s data source query shape; `property` names a property of this data source.',
    },
    group_by: propertyName('table, board (required): the property to group by.'),
    date_property: propertyName('calendar, timeline (required): the date property.'),
    end_date_property: propertyName('timeline: the end date property.'),
    chart_type: { enum: [...CHART_TYPES], description: 'chart (required): the chart kind.' },
    map_by: propertyName('map: the place property to plot.'),
  },
};

/** One data source: its properties and views. */
function dataSourceSchema(): JsonObject {
  return {
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
      views: {
        type: 'array',
        description: 'The views (tabs) of this data source, in tab order. Absent: views are not managed.',
        items: { $ref: '#/$defs/view' },
      },
      views_exclusive: {
        type: 'boolean',
        description: 'true: views in Notion that `views` does not declare are removed (default false: reported and left alone).',
      },
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
      environments: {
        type: 'object',
        description: 'Workspaces this file is applied to (staging, production…), by name; each has its own lock file.',
        minProperties: 1,
        propertyNames: { pattern: KEY_PATTERN },
        additionalProperties: { $ref: '#/$defs/environment' },
      },
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
      environment: environmentSchema(),
      database: databaseSchema(),
      dataSource: dataSourceSchema(),
      view: viewSchema,
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
