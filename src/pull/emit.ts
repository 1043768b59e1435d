import { Document, YAMLMap } from 'yaml';
import type { Node } from 'yaml';
import type { Diagnostic, Icon, LiveDatabase, LiveDataSource, LiveView, LockFile, LockProperty } from '../model/index.js';
import { lockPropertiesOf, lockViewsOf } from '../notion/record-ids.js';
import { viewsNode } from './view-node.js';
import type { KeyAssignment } from './keys.js';
import { assignKeys } from './keys.js';
import { escapeEnv } from './escape.js';
import { propertyNode } from './property-node.js';
import type { PulledWorkspace } from './types.js';

/** What the header says and where the JSON Schema is; injectable so goldens are stable. */
export interface EmitOptions {
  /** The `$schema=` reference (a path relative to the output file, or a package path). */
  readonly schemaRef: string;
  /** Where the schema was pulled from, e.g. "the local workspace" or an API URL. Never a token. */
  readonly source: string;
  /** ISO timestamp written in the header. */
  readonly date: string;
  readonly toolVersion: string;
  /**
   * False: no `id:` is written (the ids go to the lock file only), so the file stays free of any one
   * workspace's ids; used for files that declare environments. Default true.
   */
  readonly ids?: boolean;
}

/** The result of emitting: the document, the text, the lock file, and problems found. */
export interface EmitResult {
  readonly doc: Document;
  readonly yaml: string;
  readonly lock: LockFile;
  readonly keys: KeyAssignment;
  readonly warnings: readonly Diagnostic[];
}

/** yaml `toString` options shared by emit and merge: no line folding, two-space indent. */
export const TO_STRING = { lineWidth: 0, indent: 2, indentSeq: true } as const;

/** The two header comment lines (without the leading `#`). */
export function headerComment(opts: EmitOptions): string {
  return ` yaml-language-server: $schema=${opts.schemaRef}\n${pulledLine(opts)}`;
}

/** The "Pulled from … on … by …" comment line (without the leading `#`). */
export function pulledLine(opts: EmitOptions): string {
  return ` Pulled from ${opts.source} on ${opts.date} by notion-schema ${opts.toolVersion}`;
}

/**
 * Pure: renders a pulled workspace as a schema file (and the matching lock file).
 * Keys come from `keys` (default: slugs of the titles). Properties keep the live order,
 * title first; relations to pulled data sources use `db.ds`, others the id.
 */
export function emitSchema(ws: PulledWorkspace, opts: EmitOptions, keys: KeyAssignment = assignKeys(ws)): EmitResult {
  const warnings: Diagnostic[] = [];
  const doc = new Document({});
  doc.commentBefore = headerComment(opts);
  const root = doc.contents as YAMLMap;
  root.add(doc.createPair('version', 1));
  const dbs = new YAMLMap();
  for (const { database, dataSources, views } of ws.databases) {
    const dbKey = keys.database.get(database.id) ?? database.id;
    dbs.add(doc.createPair(dbKey, databaseNode(doc, database, dataSources, keys, warnings, opts.ids !== false, views)));
  }
  root.add(doc.createPair('databases', dbs));
  return { doc, yaml: doc.toString(TO_STRING), lock: buildLock(ws, keys), keys, warnings };
}

/** Convenience: the YAML text only. */
export function emitSchemaYaml(ws: PulledWorkspace, opts: EmitOptions, keys?: KeyAssignment): string {
  return emitSchema(ws, opts, keys).yaml;
}

/** The lock file for a pulled workspace: every key bound to its id. */
export function buildLock(ws: PulledWorkspace, keys: KeyAssignment): LockFile {
  const databases: Record<string, { id: string; data_sources: Record<string, string> }> = {};
  const properties: Record<string, Record<string, LockProperty>> = {};
  const views: Record<string, Record<string, string>> = {};
  for (const pulled of ws.databases) {
    const { database, dataSources } = pulled;
    const data_sources: Record<string, string> = {};
    const dbKey = keys.database.get(database.id) ?? database.id;
    for (const ds of dataSources) {
      const dsKey = keys.dataSource.get(ds.id) ?? ds.id;
      data_sources[dsKey] = ds.id;
      // Every pulled property is managed by the file written: record its id (and its options' ids).
      properties[`${dbKey}.${dsKey}`] = lockPropertiesOf(ds);
      const v = pulled.views?.get(ds.id);
      if (v !== undefined && v.length > 0) views[`${dbKey}.${dsKey}`] = lockViewsOf(v.map((x) => x.name), v);
    }
    databases[dbKey] = { id: database.id, data_sources };
  }
  return { version: 1, databases, ...(Object.keys(properties).length > 0 ? { properties } : {}), ...(Object.keys(views).length > 0 ? { views } : {}) };
}

function databaseNode(
  doc: Document,
  db: LiveDatabase,
  dataSources: readonly LiveDataSource[],
  keys: KeyAssignment,
  warnings: Diagnostic[],
  withIds: boolean,
  pulledViews?: ReadonlyMap<string, readonly LiveView[]>,
): YAMLMap {
  const map = new YAMLMap();
  if (withIds) map.add(doc.createPair('id', db.id));
  map.add(doc.createPair('title', escapeEnv(db.title)));
  if (db.description !== null) map.add(doc.createPair('description', escapeEnv(db.description)));
  if (db.icon !== null) map.add(doc.createPair('icon', iconValue(db.icon)));
  const parent = db.parent;
  let parentNode: Node;
  if (parent.type === 'page_id') parentNode = doc.createNode({ page_id: parent.page_id }, { flow: true });
  else if (parent.type === 'workspace') parentNode = doc.createNode({ workspace: true }, { flow: true });
  else {
    warnings.push({
      severity: 'warning',
      code: 'pull-unsupported-parent',
      message: `database "${db.title}" (${db.id}) has a parent the schema file cannot express (${describeRaw(parent.raw)}); written as { workspace: true }`,
      hint: 'set `parent:` to the page that should hold the database before running plan',
    });
    parentNode = doc.createNode({ workspace: true }, { flow: true });
    parentNode.comment = ` pull: the live parent is ${describeRaw(parent.raw)}, which the schema file cannot express`;
  }
  map.add(doc.createPair('parent', parentNode));
  if (db.is_inline) map.add(doc.createPair('is_inline', true));
  const sources = new YAMLMap();
  for (const ds of dataSources) {
    const node = dataSourceNode(doc, ds, keys, withIds);
    const views = pulledViews?.get(ds.id);
    if (views !== undefined && views.length > 0) node.add(doc.createPair('views', viewsNode(doc, ds, views, warnings)));
    sources.add(doc.createPair(keys.dataSource.get(ds.id) ?? ds.id, node));
  }
  map.add(doc.createPair('data_sources', sources));
  return map;
}

function dataSourceNode(doc: Document, ds: LiveDataSource, keys: KeyAssignment, withIds: boolean): YAMLMap {
  const map = new YAMLMap();
  if (withIds) map.add(doc.createPair('id', ds.id));
  map.add(doc.createPair('title', escapeEnv(ds.title)));
  if (ds.description !== null) map.add(doc.createPair('description', escapeEnv(ds.description)));
  if (ds.icon !== null) map.add(doc.createPair('icon', iconValue(ds.icon)));
  const props = new YAMLMap();
  const ordered = [...ds.properties.filter((p) => p.config.type === 'title'), ...ds.properties.filter((p) => p.config.type !== 'title')];
  const target = (id: string): string => keys.dsRef.get(id) ?? id;
  for (const p of ordered) props.add(doc.createPair(p.name, propertyNode(doc, p, target)));
  map.add(doc.createPair('properties', props));
  return map;
}

function iconValue(icon: Icon): string {
  return escapeEnv(icon.type === 'emoji' ? icon.emoji : icon.url);
}

function describeRaw(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'type' in raw) return `a ${String((raw as { type: unknown }).type)} parent`;
  return 'an unknown parent';
}
