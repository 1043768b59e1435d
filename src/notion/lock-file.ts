import { parseLockViews, pruneLockViews, sortedLockViews } from './lock-views.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserInputError } from '../errors.js';
import type { LastApplied, LockDatabase, LockFile, LockProperty } from '../model/lock.js';
import { toDashedId } from './ids.js';

/** The lock file's name; it sits beside the schema file. */
export const LOCK_FILE_NAME = 'notion-schema.lock.json';

/** An empty lock (no bindings). */
export const EMPTY_LOCK: LockFile = { version: 1, databases: {} };

/** `notion-schema.lock.json` in the schema file's directory. */
export function lockPathFor(schemaPath: string): string {
  return join(dirname(schemaPath), LOCK_FILE_NAME);
}

const KEY = /^[A-Za-z0-9_-]+$/;

/** A Notion object id: 32 hex digits, dashes optional. */
function isUuid(id: string): boolean {
  return /^[0-9a-f]{32}$/i.test(id.trim().replace(/-/g, ''));
}

function invalid(path: string, what: string): UserInputError {
  return new UserInputError('cannot use the lock file; nothing was read from Notion', [{
    severity: 'error',
    code: 'invalid-lock-file',
    message: `invalid lock file: ${what}`,
    hint: 'fix or delete the lock file; `pull` or `apply` rewrites it (ids can also be given with `id:` in the schema file).',
    location: { file: path, line: 1, col: 1 },
  }]);
}

/** Validates parsed JSON as a lock file. */
export function parseLockFile(text: string, path: string): LockFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw invalid(path, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw invalid(path, 'expected a JSON object');
  const d = data as { version?: unknown; databases?: unknown };
  if (d.version !== 1) throw invalid(path, `unsupported version ${JSON.stringify(d.version)} (expected 1)`);
  if (d.databases === null || typeof d.databases !== 'object' || Array.isArray(d.databases)) throw invalid(path, '"databases" must be an object');
  const databases: Record<string, LockDatabase> = {};
  for (const [key, raw] of Object.entries(d.databases as Record<string, unknown>)) {
    if (!KEY.test(key)) throw invalid(path, `database key ${JSON.stringify(key)} is not [A-Za-z0-9_-]+`);
    const entry = raw as { id?: unknown; data_sources?: unknown } | null;
    if (entry === null || typeof entry !== 'object' || typeof entry.id !== 'string' || entry.id === '') {
      throw invalid(path, `databases.${key}.id must be a non-empty string`);
    }
    if (!isUuid(entry.id)) throw invalid(path, `databases.${key}.id ${JSON.stringify(entry.id)} is not a Notion id (a UUID, dashes optional)`);
    const dsRaw = entry.data_sources ?? {};
    if (dsRaw === null || typeof dsRaw !== 'object' || Array.isArray(dsRaw)) throw invalid(path, `databases.${key}.data_sources must be an object`);
    const data_sources: Record<string, string> = {};
    for (const [dsKey, id] of Object.entries(dsRaw as Record<string, unknown>)) {
      if (!KEY.test(dsKey)) throw invalid(path, `data source key ${JSON.stringify(dsKey)} is not [A-Za-z0-9_-]+`);
      if (typeof id !== 'string' || id === '') throw invalid(path, `databases.${key}.data_sources.${dsKey} must be a non-empty string`);
      if (!isUuid(id)) throw invalid(path, `databases.${key}.data_sources.${dsKey} ${JSON.stringify(id)} is not a Notion id (a UUID, dashes optional)`);
      data_sources[dsKey] = toDashedId(id);
    }
    databases[key] = { id: toDashedId(entry.id), data_sources };
  }
  const properties = parseProperties((data as { properties?: unknown }).properties, path);
  const lastApplied = parseLastApplied((data as { last_applied?: unknown }).last_applied, path);
  return {
    version: 1, databases, ...(properties !== undefined ? { properties } : {}), ...parseLockViews((data as { views?: unknown }).views, path, invalid),
    ...(lastApplied !== undefined ? { last_applied: lastApplied } : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseLastApplied(raw: unknown, path: string): LastApplied | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw) || typeof raw['schema_hash'] !== 'string' || !/^[0-9a-f]{64}$/.test(raw['schema_hash']) || typeof raw['at'] !== 'string') {
    throw invalid(path, '"last_applied" must be {"schema_hash": 64 hex digits, "at": an ISO timestamp}');
  }
  return { schema_hash: raw['schema_hash'], at: raw['at'] };
}

/** Pure: records that the workspace now matches the schema whose hash is `schemaHash`. */
export function setLastApplied(lock: LockFile, schemaHash: string, at: Date): LockFile {
  return { ...lock, last_applied: { schema_hash: schemaHash, at: at.toISOString().replace(/\.\d{3}Z$/, 'Z') } };
}

/**
 * The optional `properties` section: data source ref → property name → {id, options?}. The parsed
 * objects are checked and kept (JSON.parse made every key an own property, `__proto__` too); only
 * an entry with keys besides `id` and `options` is replaced by an {id, options?} copy.
 */
function parseProperties(raw: unknown, path: string): Record<string, Record<string, LockProperty>> | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw invalid(path, '"properties" must be an object');
  for (const ref of Object.keys(raw)) {
    const props = raw[ref];
    if (!isObject(props)) throw invalid(path, `properties.${ref} must be an object`);
    for (const name of Object.keys(props)) {
      const p = props[name];
      if (!isObject(p) || typeof p['id'] !== 'string' || p['id'] === '') throw invalid(path, `${at(ref, name)}.id must be a non-empty string`);
      const options = p['options'];
      if (options !== undefined) {
        if (!isObject(options)) throw invalid(path, `${at(ref, name)}.options must be an object`);
        for (const o of Object.keys(options)) {
          const id = options[o];
          if (typeof id !== 'string' || id === '') throw invalid(path, `${at(ref, name)}.options.${JSON.stringify(o)} must be a non-empty string`);
        }
      }
      if (!onlyIdAndOptions(p)) setOwn(props, name, { id: p['id'], ...(options !== undefined ? { options } : {}) });
    }
  }
  return raw as Record<string, Record<string, LockProperty>>;
}

const at = (ref: string, name: string): string => `properties.${ref}.${JSON.stringify(name)}`;

/** True when `id` and, if present, `options` are the only (enumerable) keys of `p`. */
function onlyIdAndOptions(p: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in p) {
    if (k !== 'id' && k !== 'options') return false;
    n++;
  }
  return n === (p['options'] !== undefined ? 2 : 1);
}

/** Sets a key that may be `__proto__` or another inherited name as an own property. */
function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  if (key !== '__proto__') o[key] = value;
  else Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function sortedProperties(props: NonNullable<LockFile['properties']>): Record<string, Record<string, LockProperty>> {
  const out: Record<string, Record<string, LockProperty>> = {};
  for (const ref of Object.keys(props).sort()) {
    const entries = props[ref] ?? {};
    const sorted: Record<string, LockProperty> = {};
    for (const name of Object.keys(entries).sort()) {
      const p = entries[name];
      if (p === undefined) continue;
      const options: Record<string, string> = {};
      for (const o of Object.keys(p.options ?? {}).sort()) setOwn(options, o, p.options?.[o] ?? '');
      setOwn(sorted, name, { id: p.id, ...(p.options !== undefined ? { options } : {}) });
    }
    setOwn(out, ref, sorted);
  }
  return out;
}

/** Reads the lock file; a missing file is an empty lock. */
export async function readLockFile(path: string): Promise<LockFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_LOCK;
    throw e;
  }
  return parseLockFile(text, path);
}

/** Serialises with every key sorted, two-space indent and a final newline (stable git diffs). */
export function serializeLockFile(lock: LockFile): string {
  const databases: Record<string, LockDatabase> = {};
  for (const key of Object.keys(lock.databases).sort()) {
    const db = lock.databases[key];
    if (!db) continue;
    const data_sources: Record<string, string> = {};
    for (const dsKey of Object.keys(db.data_sources).sort()) {
      const id = db.data_sources[dsKey];
      if (id !== undefined) data_sources[dsKey] = id;
    }
    databases[key] = { id: db.id, data_sources };
  }
  const properties = lock.properties !== undefined && Object.keys(lock.properties).length > 0 ? { properties: sortedProperties(lock.properties) } : {};
  const last = lock.last_applied !== undefined ? { last_applied: { schema_hash: lock.last_applied.schema_hash, at: lock.last_applied.at } } : {};
  return `${JSON.stringify({ version: 1, databases, ...properties, ...sortedLockViews(lock.views), ...last }, null, 2)}\n`;
}

/** Writes atomically: a temp file in the same directory, then rename over the target. */
export async function writeLockFile(path: string, lock: LockFile): Promise<void> {
  await writeFileAtomic(path, serializeLockFile(lock));
}

/** Pure: binds a database key (keeps its data source entries when the id is unchanged, else clears them). */
export function setDatabaseId(lock: LockFile, dbKey: string, id: string): LockFile {
  const dashed = toDashedId(id);
  const prev = lock.databases[dbKey];
  const data_sources = prev && prev.id === dashed ? prev.data_sources : {};
  return { ...lock, databases: { ...lock.databases, [dbKey]: { id: dashed, data_sources } } };
}

/** Pure: binds a data source key. The database must already be bound in the lock. */
export function setDataSourceId(lock: LockFile, dbKey: string, dsKey: string, id: string): LockFile {
  const db = lock.databases[dbKey];
  if (!db) throw new Error(`setDataSourceId: database ${dbKey} is not in the lock file; call setDatabaseId first`);
  return {
    ...lock,
    databases: { ...lock.databases, [dbKey]: { id: db.id, data_sources: { ...db.data_sources, [dsKey]: toDashedId(id) } } },
  };
}

/** Pure: forgets a database key, its data sources and their recorded property ids. */
export function removeDatabase(lock: LockFile, dbKey: string): LockFile {
  const { [dbKey]: _removed, ...rest } = lock.databases;
  const keep = (ref: string): boolean => !ref.startsWith(`${dbKey}.`);
  return withProperties({ ...withoutViews(lock), databases: rest, ...pruneLockViews(lock, keep) }, pruneProperties(lock.properties, keep));
}

/** Pure: replaces the recorded property ids of data source `ref` (empty: forgets them). */
export function setRecordedProperties(lock: LockFile, ref: string, props: Readonly<Record<string, LockProperty>>): LockFile {
  const rest = pruneProperties(lock.properties, (r) => r !== ref);
  const next = Object.keys(props).length > 0 ? { ...rest, [ref]: props } : rest;
  return withProperties({ ...withoutViews(lock), ...pruneLockViews(lock, () => true) }, next);
}

function pruneProperties(props: LockFile['properties'], keep: (ref: string) => boolean): Record<string, Readonly<Record<string, LockProperty>>> {
  const out: Record<string, Readonly<Record<string, LockProperty>>> = {};
  for (const [ref, p] of Object.entries(props ?? {})) if (keep(ref)) out[ref] = p;
  return out;
}

/** The lock without its `views` (they are set again from pruneLockViews). */
function withoutViews(lock: LockFile): LockFile {
  const { views: _views, ...rest } = lock;
  return rest;
}

function withProperties(lock: LockFile, props: Record<string, Readonly<Record<string, LockProperty>>>): LockFile {
  const { properties: _dropped, ...rest } = lock;
  return Object.keys(props).length > 0 ? { ...rest, properties: props } : rest;
}

/** Pure: forgets one data source key. */
export function removeDataSource(lock: LockFile, dbKey: string, dsKey: string): LockFile {
  const db = lock.databases[dbKey];
  if (!db) return lock;
  const { [dsKey]: _removed, ...rest } = db.data_sources;
  const ref = `${dbKey}.${dsKey}`;
  return withProperties({ ...withoutViews(lock), databases: { ...lock.databases, [dbKey]: { id: db.id, data_sources: rest } }, ...pruneLockViews(lock, (r) => r !== ref) },
    pruneProperties(lock.properties, (r) => r !== ref));
}
