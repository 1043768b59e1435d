import type { SourceLocation } from '../model/common.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { Path } from './raw.js';
import type { SourceMap } from './source-map.js';

/** One file of a directory schema, read (value and source map). */
export interface ReadFile {
  readonly file: string;
  readonly value: unknown;
  readonly map: SourceMap;
  /** The reader checked the text for control characters (YamlRead). */
  readonly printable: boolean;
}

/** The files of a directory schema merged into one value, with a source map that answers in each part's own file. */
export interface MergedFiles {
  readonly value: Record<string, unknown>;
  readonly map: SourceMap;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const where = (l: SourceLocation): string => `${l.file}:${l.line}:${l.col}`;

/**
 * Merges the files of a directory schema (in the order given: sorted by name). Invariants:
 * each database key, and each other top-level key (`environments:` and any added later), is
 * defined in one file only, a second definition being an error naming both positions; except
 * `version:`, which every file may repeat with the same value, and `x-*` keys (anchor holders,
 * ignored), which are per file. A file whose root is not a mapping is an error; an empty file adds nothing.
 * After an error the first definition is kept, so the rest is still checked (every problem shows at once).
 */
export function mergeFiles(files: readonly ReadFile[], sink: DiagnosticSink): MergedFiles {
  const value: Record<string, unknown> = {};
  const topOwner = new Map<string, ReadFile>();
  const dbOwner = new Map<string, ReadFile>();
  const topOrder: string[] = [];
  const dbOrder: string[] = [];
  let databases: Record<string, unknown> | null = null;
  const twice = (what: string, first: SourceLocation, second: SourceLocation, hint: string): void => {
    sink.error('defined-twice', `${what} is defined twice: at ${where(first)} and at ${where(second)}`, second, hint);
  };
  for (const f of files) {
    if (f.value === null || f.value === undefined) continue;
    if (!isObject(f.value)) {
      sink.error('file-not-mapping', 'a schema file must be a mapping (`databases:` …)', f.map.at([]),
        'every *.yaml file of a schema directory is a part of one schema: start it with `databases:`');
      continue;
    }
    for (const [key, v] of f.map.entries(f.value, [])) {
      const prev = topOwner.get(key);
      if (key === 'databases' && isObject(v) && (prev === undefined || databases !== null)) {
        if (databases === null) {
          databases = {};
          topOrder.push(key);
        }
        topOwner.set(key, prev ?? f);
        for (const [db, dbValue] of f.map.entries(v, ['databases'])) {
          const first = dbOwner.get(db);
          if (first !== undefined) {
            twice(`database "${db}"`, first.map.at(['databases', db], 'key'), f.map.at(['databases', db], 'key'),
              'each database is defined in one file of the directory; remove or rename one of them');
            continue;
          }
          dbOwner.set(db, f);
          dbOrder.push(db);
          databases[db] = dbValue;
        }
        continue;
      }
      if (prev === undefined) {
        topOwner.set(key, f);
        topOrder.push(key);
        value[key] = v;
      } else if (key.startsWith('x-') || (key === 'version' && v === value[key])) {
        continue;
      } else {
        twice(`top-level key "${key}"`, prev.map.at([key], 'key'), f.map.at([key], 'key'),
          `\`${key}:\` is defined in one file of the directory; keep it in one of them`);
      }
    }
  }
  if (databases !== null) value.databases = databases;
  return { value, map: mergedMap(files, { topOwner, dbOwner, topOrder, dbOrder }) };
}

/** The source map of a merged value: each path answered by the file that defines its part. */
interface Owners {
  readonly topOwner: ReadonlyMap<string, ReadFile>;
  readonly dbOwner: ReadonlyMap<string, ReadFile>;
  readonly topOrder: readonly string[];
  readonly dbOrder: readonly string[];
}

/** `obj`'s entries: the keys of `order` it has first (file order), then any others. */
function ordered<T>(obj: Readonly<Record<string, T>>, order: readonly string[]): [string, T][] {
  const seen = new Set<string>();
  const out: [string, T][] = [];
  for (const k of [...order, ...Object.keys(obj)]) {
    if (seen.has(k) || !Object.hasOwn(obj, k)) continue;
    seen.add(k);
    out.push([k, obj[k] as T]);
  }
  return out;
}

function mergedMap(files: readonly ReadFile[], { topOwner, dbOwner, topOrder, dbOrder }: Owners): SourceMap {
  const first = files.find((f) => isObject(f.value)) ?? files[0];
  if (first === undefined) throw new Error('mergeFiles: no files');
  const owner = (path: Path): ReadFile => {
    const top = path[0];
    if (top === undefined) return first;
    if (top === 'databases' && path.length > 1) return dbOwner.get(String(path[1])) ?? first;
    return topOwner.get(String(top)) ?? first;
  };
  return {
    at: (path, target) => owner(path).map.at(path, target),
    offset: (pos) => first.map.offset(pos),
    entries(obj, path) {
      // The root and `databases` list their keys in merge order (file by file); the rest, in their file's order.
      if (path.length === 0) return ordered(obj, topOrder);
      if (path.length === 1 && path[0] === 'databases') return ordered(obj, dbOrder);
      return owner(path).map.entries(obj, path);
    },
    within(path, index) {
      const m = owner(path).map;
      return m.within?.(path, index) ?? m.at(path);
    },
  };
}
