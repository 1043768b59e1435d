import type { DatabaseParent, DataSourceRef, Icon, SourceLocation } from '../model/common.js';
import type { DesiredDatabase, DesiredDataSource, DesiredProperty, DesiredState } from '../model/desired.js';
import type { OptionSpec, PropertyConfig } from '../model/property.js';
import { EMPTY_CONFIG_TYPES, type EmptyConfigType } from '../model/property-types.js';
import { parseIcon } from './icon.js';
import type { Path, RawConvert, RawFile, RawOption, RawProperty } from './raw.js';
import type { ConversionRules } from '../model/migration.js';
import type { SourceMap } from './source-map.js';
import { isUuid, normalizeUuid, pageIdOf } from './uuid.js';
import { normalizeViews } from './views.js';

/** Options Notion creates for `{status: {}}` (notion-api.md §2.4); colours are left to Notion. */
export const DEFAULT_STATUS_OPTIONS: readonly OptionSpec[] = [
  { name: 'Not started', group: 'To-do' },
  { name: 'In progress', group: 'In progress' },
  { name: 'Done', group: 'Complete' },
];

/**
 * Turns a validated file into the immutable desired state. Precondition: the file passed the
 * structural and semantic checks (so every icon parses, every id is a UUID, …).
 */
export function normalize(file: RawFile, meta: { readonly file: string; readonly hash: string }, map: SourceMap): DesiredState {
  const databases: DesiredDatabase[] = map.entries(file.databases, ['databases']).map(([dbKey, db]) => {
    const dbPath: Path = ['databases', dbKey];
    const data_sources: DesiredDataSource[] = map.entries(db.data_sources, [...dbPath, 'data_sources']).map(([dsKey, ds]) => {
      const dsPath: Path = [...dbPath, 'data_sources', dsKey];
      const properties: DesiredProperty[] = map.entries(ds.properties, [...dsPath, 'properties']).map(([name, p]) => ({
        name,
        description: p.description ?? null,
        renamed_from: [...(p.renamed_from ?? [])],
        config: configOf(p),
        ...(p.convert !== undefined ? { convert: convertRules(p.convert) } : {}),
        location: map.at([...dsPath, 'properties', name], 'key'),
      }));
      return {
        key: dsKey,
        ref: `${dbKey}.${dsKey}`,
        ...optionalId(ds.id),
        title: ds.title,
        description: ds.description ?? null,
        icon: icon(ds.icon),
        properties,
        ...viewsOf(ds, dsPath, map),
        location: map.at(dsPath, 'key'),
      };
    });
    const parent: DatabaseParent = db.parent.page_id !== undefined
      ? { type: 'page_id', page_id: pageIdOf(db.parent.page_id) ?? normalizeUuid(db.parent.page_id) }
      : { type: 'workspace' };
    const location: SourceLocation = map.at(dbPath, 'key');
    return {
      key: dbKey,
      ...optionalId(db.id),
      title: db.title,
      description: db.description ?? null,
      icon: icon(db.icon),
      parent,
      is_inline: db.is_inline ?? false,
      data_sources,
      location,
    };
  });
  return deepFreeze({ file: meta.file, hash: meta.hash, databases });
}

function viewsOf(ds: RawFile['databases'][string]['data_sources'][string], dsPath: Path, map: SourceMap): Pick<DesiredDataSource, 'views' | 'views_exclusive'> {
  const views = normalizeViews(ds, dsPath, map);
  return { ...(views !== undefined ? { views } : {}), ...(ds.views_exclusive === true ? { views_exclusive: true } : {}) };
}

function optionalId(id: string | undefined): { readonly id?: string } {
  return id === undefined ? {} : { id: normalizeUuid(id) };
}

function icon(value: string | undefined): Icon | null {
  return value === undefined ? null : parseIcon(value);
}

function option(o: RawOption, status: boolean): OptionSpec {
  return {
    name: o.name,
    ...(o.color === undefined ? {} : { color: o.color }),
    description: o.description ?? null,
    ...(status && o.group !== undefined ? { group: o.group } : {}),
    renamed_from: [...(o.renamed_from ?? [])],
  };
}

function convertRules(c: true | RawConvert): ConversionRules {
  if (c === true) return { onUnconvertible: 'fail' };
  return {
    onUnconvertible: c.on_unconvertible ?? 'fail',
    ...(c.map !== undefined ? { map: { ...c.map } } : {}),
    ...(c.checked !== undefined ? { checkbox: { checked: c.checked, unchecked: c.unchecked ?? null } } : {}),
  };
}

function relationTarget(ref: string): DataSourceRef {
  return isUuid(ref) ? { kind: 'id', id: normalizeUuid(ref) } : { kind: 'key', key: ref };
}

function configOf(p: RawProperty): PropertyConfig {
  switch (p.type) {
    case 'number': return { type: 'number', format: p.format ?? 'number' };
    case 'select':
    case 'multi_select': return { type: p.type, options: (p.options ?? []).map((o) => option(o, false)) };
    case 'status':
      return { type: 'status', options: p.options === undefined ? DEFAULT_STATUS_OPTIONS : p.options.map((o) => option(o, true)) };
    case 'formula': return { type: 'formula', expression: p.expression ?? '' };
    case 'relation':
      return {
        type: 'relation',
        target: relationTarget(p.data_source ?? ''),
        dual: p.dual === undefined || p.dual === false ? null
          : p.dual === true || p.dual.property === undefined ? {} : { property: p.dual.property },
      };
    case 'rollup':
      return { type: 'rollup', relation: p.relation ?? '', property: p.property ?? '', function: p.function ?? 'show_original' };
    case 'unique_id': return { type: 'unique_id', prefix: p.prefix ?? null };
    default:
      if ((EMPTY_CONFIG_TYPES as readonly string[]).includes(p.type)) return { type: p.type as EmptyConfigType };
      throw new Error(`unhandled property type ${p.type}`);
  }
}

/** Freezes `value` and everything reachable from it; returns it typed as-is. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (typeof value[i] === 'object') deepFreeze(value[i]);
    } else {
      for (const k in value) {
        const v = (value as Record<string, unknown>)[k];
        if (typeof v === 'object') deepFreeze(v);
      }
    }
  }
  return value;
}
