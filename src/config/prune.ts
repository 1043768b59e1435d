import { PROPERTY_TYPES } from '../model/property-types.js';
import type { Path, RawDatabase, RawDataSource, RawFile, RawProperty } from './raw.js';

/**
 * A structurally invalid file, cut down so the semantic rules can still run on its sound parts
 * (so one bad property does not hide every other problem).
 */
export interface PrunedFile {
  readonly file: RawFile;
  /**
   * Properties (and data sources whose property map is unusable) that had a structural error.
   * They stay in the file under their names, so names and references still resolve,
   * but rules that need their settings skip them.
   */
  readonly broken: ReadonlySet<object>;
  /** True when a structural error was reported exactly at `path` (so a rule does not report it again). */
  errorAt(path: Path): boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Keys of `v` into a prototype-less record (keys such as `__proto__` stay plain keys). */
function record<T>(v: unknown, f: (key: string, item: unknown) => T | undefined): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (!isObject(v)) return out;
  for (const [k, item] of Object.entries(v)) {
    const mapped = f(k, item);
    if (mapped !== undefined) out[k] = mapped;
  }
  return out;
}

/**
 * Prunes `value` (the env-expanded parse result) given the paths of its structural errors.
 * Returns null when there is nothing to check (no `databases` mapping).
 */
export function pruneForSemantics(value: unknown, errorPaths: readonly Path[]): PrunedFile | null {
  if (!isObject(value) || !isObject(value['databases'])) return null;
  const exact = new Set(errorPaths.map((p) => p.map(String).join('\u0000')));
  const brokenProps = new Set(errorPaths.filter((p) => p.length >= 6 && p[2] === 'data_sources' && p[4] === 'properties')
    .map((p) => p.slice(0, 6).map(String).join('\u0000')));
  const broken = new Set<object>();

  const databases = record<RawDatabase>(value['databases'], (dbKey, db) => {
    if (!isObject(db)) return undefined;
    const parent = isObject(db['parent']) ? { ...(str(db['parent']['page_id']) === undefined ? {} : { page_id: str(db['parent']['page_id']) }) } : {};
    const data_sources = record<RawDataSource>(db['data_sources'], (dsKey, ds) => {
      if (!isObject(ds)) return undefined;
      const properties = record<RawProperty>(ds['properties'], (name, p) => {
        const type = isObject(p) ? str(p['type']) : undefined;
        const ok = isObject(p) && !brokenProps.has(['databases', dbKey, 'data_sources', dsKey, 'properties', name].join('\u0000'));
        if (ok) return p as unknown as RawProperty;
        const stub = { type: (PROPERTY_TYPES as readonly string[]).includes(type ?? '') ? type : 'invalid' } as unknown as RawProperty;
        broken.add(stub);
        return stub;
      });
      const out: RawDataSource = { title: str(ds['title']) ?? '', properties, ...optional('id', ds['id']), ...optional('icon', ds['icon']) };
      if (!isObject(ds['properties'])) broken.add(out);
      return out;
    });
    return { title: str(db['title']) ?? '', parent, data_sources, ...optional('id', db['id']), ...optional('icon', db['icon']) } as RawDatabase;
  });
  return {
    file: { databases },
    broken,
    errorAt: (path) => exact.has(path.map(String).join('\u0000')),
  };
}

function optional(key: 'id' | 'icon', v: unknown): { readonly id?: string; readonly icon?: string } {
  const s = str(v);
  return s === undefined ? {} : { [key]: s };
}
