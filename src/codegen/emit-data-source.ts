import { compile } from 'json-schema-to-typescript';
import type { JSONSchema } from 'json-schema-to-typescript';
import type { DesiredDataSource } from '../model/desired.js';
import { commentText } from './comment.js';
import type { DataSourceNames } from './names.js';
import { reindent } from './reindent.js';
import type { CodecContext, FieldCodec } from './value-codecs.js';
import { codecFor } from './value-codecs.js';

/** Ids known for one data source: its own (null when unknown) and its properties' (by name). */
export interface DataSourceIds {
  readonly dataSourceId: string | null;
  readonly properties: Readonly<Record<string, string>>;
}

interface Field {
  readonly name: string;
  readonly ident: string;
  readonly type: string;
  readonly id: string | null;
  readonly options: readonly string[] | null;
  /** Null for properties with no row value (`button`). */
  readonly codec: FieldCodec | null;
}

/**
 * The JSON Schema of a row: every property (in file order), all required. Keys are placeholders
 * `k0`, `k1`, … (json-schema-to-typescript mishandles keys such as `hasOwnProperty` or `__proto__`);
 * `keyNames[i]` is the exact Notion name that replaces `k<i>` in the compiled output.
 */
export function rowSchema(fields: readonly Field[]): { schema: JSONSchema; keyNames: string[] } {
  const properties: Record<string, JSONSchema> = {};
  const required: string[] = [];
  const keyNames: string[] = [];
  for (const f of fields) {
    if (!f.codec) continue;
    const key = `k${keyNames.length}`;
    properties[key] = f.codec.schema;
    required.push(key);
    keyNames.push(f.name);
  }
  return { schema: { type: 'object', additionalProperties: false, required, properties }, keyNames };
}

function fieldsOf(ds: DesiredDataSource, names: DataSourceNames, ids: DataSourceIds, ctx: CodecContext): Field[] {
  return ds.properties.map((p) => ({
    name: p.name,
    ident: names.properties.get(p.name) ?? 'property',
    type: p.config.type,
    id: p.config.type === 'title' ? 'title' : Object.hasOwn(ids.properties, p.name) ? ids.properties[p.name] ?? null : null,
    options: 'options' in p.config ? p.config.options.map((o) => o.name) : null,
    codec: codecFor(p, ds, ctx),
  }));
}

/** Names every object inherits: for these, "present in the row" needs an own-property check. */
const INHERITED: ReadonlySet<string> = new Set([
  '__proto__', 'constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

/** An object literal key for an exact name; `__proto__` is computed so it stays an own property. */
function objectKey(name: string): string {
  return name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name);
}

function emitConstant(ds: DesiredDataSource, n: DataSourceNames, ids: DataSourceIds, fields: readonly Field[]): string {
  const q = (s: string | null): string => JSON.stringify(s);
  const props = fields.map((f) => {
    const opts = f.options === null ? '' : `, options: [${f.options.map(q).join(', ')}]`;
    return `    ${f.ident}: { name: ${q(f.name)}, id: ${q(f.id)}, type: ${q(f.type)}${opts} },`;
  });
  return [
    `/** Ids and exact names of data source ${commentText(ds.ref)} ("${commentText(ds.title)}"): address properties by id to survive renames. */`,
    `export const ${n.constant} = {`,
    `  ref: ${q(ds.ref)},`,
    `  title: ${q(ds.title)},`,
    `  dataSourceId: ${q(ids.dataSourceId)},`,
    `  properties: {`,
    ...props,
    `  },`,
    `} as const satisfies NotionSchemaDataSourceSpec;`,
  ].join('\n');
}

function emitParse(ds: DesiredDataSource, n: DataSourceNames, fields: readonly Field[]): string {
  const lines = fields.flatMap((f) =>
    f.codec ? [`    ${objectKey(f.name)}: field(${n.constant}.properties.${f.ident}, ${f.codec.reader}),`] : []);
  return [
    `/**`,
    ` * Reads a page of data source ${commentText(ds.ref)} into a typed row.`,
    ` * @throws NotionSchemaParseError if the page is not a row of this data source or a value has the wrong shape.`,
    ` */`,
    `export function ${n.parse}(page: PageObjectResponse): ${n.row} {`,
    `  const field = nsReadPage(page, ${n.constant});`,
    `  return {`,
    ...lines,
    `  };`,
    `}`,
  ].join('\n');
}

function emitToProperties(ds: DesiredDataSource, n: DataSourceNames, fields: readonly Field[]): string {
  const lines = fields.flatMap((f) => {
    if (!f.codec?.writer) return [];
    const key = JSON.stringify(f.name);
    const present = INHERITED.has(f.name) ? `nsHas(row, ${key})` : `row[${key}] !== undefined`;
    const spec = `${n.constant}.properties.${f.ident}`;
    return [f.name === '__proto__'
      ? `  if (${present}) nsDefine(out, nsKey(${spec}), ${f.codec.writer}(row[${key}]));`
      : `  if (${present}) out[nsKey(${spec})] = ${f.codec.writer}(row[${key}]);`];
  });
  return [
    `/**`,
    ` * The page properties for a create or update request on data source ${commentText(ds.ref)}:`,
    ` * pass the result as \`properties\` to \`pages.create\` or \`pages.update\`. Absent keys are left out;`,
    ` * read-only properties are not accepted. Keys are property ids when known, else names.`,
    ` */`,
    `export function ${n.toProperties}(row: Partial<${n.writable}>): NotionPageProperties {`,
    `  const out: NotionPageProperties = {};`,
    ...lines,
    `  return out;`,
    `}`,
  ].join('\n');
}

/** Emits the types, the constant and the helpers of one data source. */
export async function emitDataSource(ds: DesiredDataSource, n: DataSourceNames, ids: DataSourceIds, ctx: CodecContext): Promise<string> {
  const fields = fieldsOf(ds, n, ids, ctx);
  const { schema, keyNames } = rowSchema(fields);
  const compiled = await compile(schema, n.fields, {
    bannerComment: '',
    format: false,
    additionalProperties: false,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    unknownAny: true,
  });
  const readOnly = fields.filter((f) => f.codec?.readOnly).map((f) => JSON.stringify(f.name));
  return [
    `// ---------------------------------------------------------------------------`,
    `// ${commentText(ds.ref)}: "${commentText(ds.title)}"`,
    `// ---------------------------------------------------------------------------`,
    '',
    `/** Every property of a row of ${commentText(ds.ref)}, keyed by exact Notion name (compiled from its JSON Schema). */`,
    reindent(compiled, { keys: { depth: 1, rename: (k) => JSON.stringify(keyNames[Number(k.slice(1))] ?? k) } }),
    `/** Names of the properties of ${commentText(ds.ref)} whose values Notion computes. */`,
    `export type ${n.readOnlyKey} = ${readOnly.length === 0 ? 'never' : readOnly.join(' | ')};`,
    `/** A row of ${commentText(ds.ref)}; computed properties are read-only. */`,
    `export interface ${n.row} extends Omit<${n.fields}, ${n.readOnlyKey}>, Readonly<Pick<${n.fields}, ${n.readOnlyKey}>> {}`,
    `/** The writable properties of ${commentText(ds.ref)}, as accepted by ${n.toProperties}. */`,
    `export type ${n.writable} = Omit<${n.fields}, ${n.readOnlyKey}>;`,
    '',
    emitConstant(ds, n, ids, fields),
    '',
    emitParse(ds, n, fields),
    '',
    emitToProperties(ds, n, fields),
    '',
  ].join('\n');
}
