import type { JSONSchema } from 'json-schema-to-typescript';
import type { DataSourceRef } from '../model/common.js';
import type { DesiredDataSource, DesiredProperty } from '../model/desired.js';
import type { PropertyConfig } from '../model/property.js';
import type { PropertyType } from '../model/property-types.js';
import { formulaKind, rollupKind, type ScalarKind } from './formula-kind.js';

/**
 * How one property appears in the generated code: its JSON Schema (compiled to the row type),
 * the runtime reader expression used by `parse*`, and the writer used by `*ToProperties`.
 * Invariant: the reader's result type is assignable to the type compiled from `schema`,
 * and `writer` accepts it (the generated file type-checks this).
 */
export interface FieldCodec {
  readonly schema: JSONSchema;
  /** Read-only values (computed by Notion) are `readonly` in the row and excluded from `*ToProperties`. */
  readonly readOnly: boolean;
  /** A TypeScript expression of type `NsReader<T>`. */
  readonly reader: string;
  /** The runtime writer function name; null when read-only. */
  readonly writer: string | null;
}

/** What a codec needs to know about the rest of the schema. */
export interface CodecContext {
  /** `Const.properties.ident`, the spec expression of a property of the data source being generated. */
  readonly specExpr: (ds: DesiredDataSource, propertyName: string) => string;
  /** The data source of the desired state that a relation target denotes (by key, or by a known id), if any. */
  readonly dataSource: (target: DataSourceRef) => DesiredDataSource | undefined;
}

const STRING: JSONSchema = { type: 'string' };
const NULLABLE_STRING: JSONSchema = { type: ['string', 'null'] };
const NULLABLE_NUMBER: JSONSchema = { type: ['number', 'null'] };
// Values with a type of their own in the runtime (runtime.ts) are named by it (`tsType`): the row
// reads as the reader returns it, and json-schema-to-typescript has no nested schema to walk.
const NULLABLE_DATE: JSONSchema = { tsType: '(NotionDateValue | null)' };
const IDS: JSONSchema = { type: 'array', items: STRING };
const ANY_VALUE: JSONSchema = { tsType: 'NotionAnyValue' };

function optionNames(config: PropertyConfig): string[] {
  return 'options' in config ? config.options.map((o) => o.name) : [];
}

function describe(schema: JSONSchema, p: DesiredProperty, suffix: string): JSONSchema {
  const text = [p.description, suffix].filter((s): s is string => s !== null && s !== '').join('\n\n');
  return text === '' ? schema : { ...schema, description: text };
}

type Builder = (p: DesiredProperty, ds: DesiredDataSource, ctx: CodecContext) => FieldCodec | null;

const rw = (schema: JSONSchema, reader: string, writer: string): FieldCodec => ({ schema, readOnly: false, reader, writer });
const ro = (schema: JSONSchema, reader: string): FieldCodec => ({ schema, readOnly: true, reader, writer: null });

const SCALAR: Record<ScalarKind, { schema: JSONSchema; formula: string }> = {
  string: { schema: NULLABLE_STRING, formula: 'nsFormulaString' },
  number: { schema: NULLABLE_NUMBER, formula: 'nsFormulaNumber' },
  boolean: { schema: { type: ['boolean', 'null'] }, formula: 'nsFormulaBoolean' },
  date: { schema: NULLABLE_DATE, formula: 'nsFormulaDate' },
};

/**
 * The option names as a union of string literals: the text json-schema-to-typescript writes for
 * `{ type: 'string', enum: names }` (each literal is JSON.stringify of the name, a union of two or
 * more in parentheses), given as `tsType`, so that the library builds no AST node per option (about a tenth of
 * codegen's CPU at 1,000 data sources of 20-option selects). test/codegen/option-union.test.ts
 * checks the equivalence on random names.
 */
export function optionEnum(names: readonly string[]): JSONSchema {
  if (names.length === 0) return { tsType: 'never' };
  const literals = names.map((n) => JSON.stringify(n));
  return { tsType: literals.length === 1 ? (literals[0] as string) : `(${literals.join(' | ')})` };
}

/** Types whose values can appear as typed items of a `show_original` / `show_unique` rollup. */
const ROLLUP_ITEM_TYPES: ReadonlySet<PropertyType> = new Set<PropertyType>([
  'title', 'rich_text', 'number', 'select', 'multi_select', 'status', 'date', 'people', 'files', 'checkbox',
  'url', 'email', 'phone_number', 'relation', 'unique_id', 'created_time', 'created_by', 'last_edited_time',
  'last_edited_by',
]);

/** Dispatch over every property type: adding a type to the model without a builder fails to compile. */
const BUILDERS: Record<PropertyType, Builder> = {
  title: () => rw(STRING, 'nsTitle', 'nsWriteTitle'),
  rich_text: () => rw(STRING, 'nsRichText', 'nsWriteRichText'),
  number: () => rw(NULLABLE_NUMBER, 'nsNumber', 'nsWriteNumber'),
  select: (p, ds, ctx) => rw(
    { oneOf: [optionEnum(optionNames(p.config)), { type: 'null' }] },
    `nsOptionOf(${ctx.specExpr(ds, p.name)}.options)`, 'nsWriteSelect'),
  status: (p, ds, ctx) => rw(
    { oneOf: [optionEnum(optionNames(p.config)), { type: 'null' }] },
    `nsOptionOf(${ctx.specExpr(ds, p.name)}.options)`, 'nsWriteStatus'),
  multi_select: (p, ds, ctx) => rw(
    { type: 'array', items: optionEnum(optionNames(p.config)) },
    `nsMultiSelectOf(${ctx.specExpr(ds, p.name)}.options)`, 'nsWriteMultiSelect'),
  date: () => rw(NULLABLE_DATE, 'nsDate', 'nsWriteDate'),
  checkbox: () => rw({ type: 'boolean' }, 'nsCheckbox', 'nsWriteCheckbox'),
  url: () => rw(NULLABLE_STRING, 'nsUrl', 'nsWriteUrl'),
  email: () => rw(NULLABLE_STRING, 'nsEmail', 'nsWriteEmail'),
  phone_number: () => rw(NULLABLE_STRING, 'nsPhoneNumber', 'nsWritePhoneNumber'),
  people: (p) => rw(describe(IDS, p, 'User ids.'), 'nsPeople', 'nsWritePeople'),
  relation: (p) => rw(describe(IDS, p, 'Related page ids.'), 'nsRelation', 'nsWriteRelation'),
  files: () => rw({ tsType: 'NotionFileValue[]' }, 'nsFiles', 'nsWriteFiles'),
  place: () => rw({ tsType: '(NotionPlaceValue | null)' }, 'nsPlace', 'nsWritePlace'),
  created_time: () => ro(STRING, 'nsTime'),
  last_edited_time: () => ro(STRING, 'nsTime'),
  created_by: (p) => ro(describe(STRING, p, 'User id.'), 'nsUserId'),
  last_edited_by: (p) => ro(describe(STRING, p, 'User id.'), 'nsUserId'),
  unique_id: () => ro({
    type: 'object', additionalProperties: false, required: ['prefix', 'number'],
    properties: { prefix: NULLABLE_STRING, number: { type: 'number' } },
  }, 'nsUniqueId'),
  verification: () => ro({ tsType: 'NotionVerificationValue' }, 'nsVerification'),
  button: () => null,
  formula: (p, ds) => {
    if (p.config.type !== 'formula') return null;
    const lookup = (name: string): PropertyConfig | undefined => ds.properties.find((x) => x.name === name)?.config;
    const kind = formulaKind(p.config.expression, lookup);
    if (kind === null) return ro(describe(ANY_VALUE, p, `Formula: ${p.config.expression}`), 'nsFormulaAny');
    return ro(describe(SCALAR[kind].schema, p, `Formula: ${p.config.expression}`), SCALAR[kind].formula);
  },
  rollup: (p, ds, ctx) => {
    if (p.config.type !== 'rollup') return null;
    const kind = rollupKind(p.config.function);
    const note = `Rollup: ${p.config.function} of ${p.config.relation} → ${p.config.property}`;
    if (kind === 'number') return ro(describe(NULLABLE_NUMBER, p, note), 'nsRollupNumber');
    if (kind === 'date') return ro(describe(NULLABLE_DATE, p, note), 'nsRollupDate');
    const item = rollupItem(p.config.relation, p.config.property, ds, ctx);
    if (item === null) return ro(describe({ type: 'array', items: ANY_VALUE }, p, note), 'nsRollupArrayOf(null, nsAny)');
    return ro(describe({ type: 'array', items: item.codec.schema }, p, note), `nsRollupArrayOf(${JSON.stringify(item.type)}, ${item.codec.reader})`);
  },
};

/** The codec of the rolled-up property, when the relation targets a data source of this schema (by key or known id) and the property is a plain value. */
function rollupItem(relationName: string, propertyName: string, ds: DesiredDataSource, ctx: CodecContext): { type: PropertyType; codec: FieldCodec } | null {
  const relation = ds.properties.find((x) => x.name === relationName);
  if (relation?.config.type !== 'relation') return null;
  const target = ctx.dataSource(relation.config.target);
  const prop = target?.properties.find((x) => x.name === propertyName);
  if (!target || !prop || !ROLLUP_ITEM_TYPES.has(prop.config.type)) return null;
  const codec = BUILDERS[prop.config.type](prop, target, ctx);
  return codec ? { type: prop.config.type, codec } : null;
}

/** The codec of a property, or null when the property has no value in a row (`button`). */
export function codecFor(p: DesiredProperty, ds: DesiredDataSource, ctx: CodecContext): FieldCodec | null {
  const codec = BUILDERS[p.config.type](p, ds, ctx);
  if (codec === null) return null;
  // Builders that add their own note already merged the description.
  return codec.schema.description !== undefined || p.description === null ? codec : { ...codec, schema: { ...codec.schema, description: p.description } };
}
