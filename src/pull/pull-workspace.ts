import type { Diagnostic, LockFile } from '../model/index.js';
import type { NotionClient } from '../notion/types.js';
import type { EmitOptions } from './emit.js';
import { emitSchema } from './emit.js';
import { emitSchemaFiles, type EmittedFile } from './emit-files.js';
import type { PullSelection } from './fetch-workspace.js';
import { fetchWorkspace } from './fetch-workspace.js';
import { mergeSchema } from './merge.js';
import { assignKeys, type PreferredKeys } from './keys.js';
import { toDashedId } from '../notion/ids.js';
import type { PulledWorkspace } from './types.js';

/** An existing schema file to update in place (`--merge`). */
export interface MergeTarget {
  readonly text: string;
  readonly file: string;
  /** Its lock file, for keys the file binds only through the lock. */
  readonly lock?: LockFile;
}

export interface PullOptions extends PullSelection {
  /** Header contents; defaults suit a file in the current directory pulled now. */
  readonly emit?: Partial<EmitOptions>;
  readonly merge?: MergeTarget;
  /**
   * The lock file the pulled file will sit beside: ids it already binds keep its keys, and a key
   * it binds to another object is never reused (so a lock key is never rebound).
   */
  readonly lock?: LockFile;
  /** Also render one file per database (`files`), for `pull --out DIR/`. Not with `merge`. */
  readonly split?: boolean;
}

export interface PullResult {
  readonly yaml: string;
  /** With `split`: one file per database (emit-files.ts), the same content as `yaml`. */
  readonly files?: readonly EmittedFile[];
  /** Bindings of every pulled key; merge it over an existing lock to keep other entries. */
  readonly lock: LockFile;
  readonly warnings: readonly Diagnostic[];
  readonly workspace: PulledWorkspace;
}

/**
 * Reads the selected databases and renders them as a schema file (new, or merged into
 * `opts.merge`), with the lock file bindings for the keys it chose.
 */
export async function pullWorkspace(client: NotionClient, opts: PullOptions): Promise<PullResult> {
  const workspace = await fetchWorkspace(client, opts);
  const emit: EmitOptions = {
    schemaRef: opts.emit?.schemaRef ?? 'node_modules/notion-schema/schemas/notion-schema.schema.json',
    source: opts.emit?.source ?? describeTarget(client.target),
    date: opts.emit?.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    toolVersion: opts.emit?.toolVersion ?? '0.0.0',
    ...(opts.emit?.ids !== undefined ? { ids: opts.emit.ids } : {}),
  };
  const out = opts.merge !== undefined
    ? mergeSchema(opts.merge.text, opts.merge.file, workspace, { ...emit, complete: opts.all, ...(opts.merge.lock ? { lock: opts.merge.lock } : {}) })
    : emitSchema(workspace, emit, assignKeys(workspace, lockKeys(opts.lock, workspace)));
  const files = opts.split === true && opts.merge === undefined ? emitSchemaFiles(workspace, emit, out.keys).files : undefined;
  return { yaml: out.yaml, lock: out.lock, warnings: [...workspace.warnings, ...out.warnings], workspace, ...(files ? { files } : {}) };
}

/** The keys a lock file gives pulled ids, and the keys it binds to objects not pulled (reserved). */
function lockKeys(lock: LockFile | undefined, ws: PulledWorkspace): PreferredKeys {
  const pulled = new Set(ws.databases.map((d) => d.database.id));
  const databases = new Map<string, string>();
  const dataSources = new Map<string, string>();
  const reservedDatabaseKeys = new Set<string>();
  for (const [key, entry] of Object.entries(lock?.databases ?? {})) {
    const id = toDashedId(entry.id);
    if (pulled.has(id)) databases.set(id, key);
    else reservedDatabaseKeys.add(key);
    for (const [dsKey, dsId] of Object.entries(entry.data_sources)) dataSources.set(toDashedId(dsId), dsKey);
  }
  return { databases, dataSources, reservedDatabaseKeys };
}

/** How the header names the target: the local workspace, or the API URL (never a token). */
export function describeTarget(target: string): string {
  return target === 'local' ? 'the local workspace' : target;
}

/** The lock to write: `existing` with every pulled database's entry replaced by the pulled one. */
export function mergeLock(existing: LockFile, pulled: LockFile): LockFile {
  const pulledIds = new Set(Object.values(pulled.databases).map((d) => d.id));
  const kept = Object.fromEntries(Object.entries(existing.databases).filter(([key, d]) => !(key in pulled.databases) && !pulledIds.has(d.id)));
  // Recorded property ids: the pulled ones for pulled data sources, the existing ones of kept databases.
  const properties = {
    ...Object.fromEntries(Object.entries(existing.properties ?? {}).filter(([ref]) => Object.hasOwn(kept, ref.split('.')[0] ?? ''))),
    ...pulled.properties,
  };
  const views = {
    ...Object.fromEntries(Object.entries(existing.views ?? {}).filter(([ref]) => Object.hasOwn(kept, ref.split('.')[0] ?? ''))),
    ...pulled.views,
  };
  return {
    version: 1, databases: { ...kept, ...pulled.databases }, ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(Object.keys(views).length > 0 ? { views } : {}),
    ...(existing.last_applied !== undefined ? { last_applied: existing.last_applied } : {}),
  };
}
