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
export const DEFAULT_STATUS_OPTIONS: readonly OptionSpec[] = deepFreeze([
  { name: 'Not started', group: 'To-do' },
  { name: 'In progress', group: 'In progress' },
  { name: 'Done', group: 'Complete' },
]);

/** `renamed_from` when there is none: one frozen empty array, shared (most properties and options have none). */
const NO_NAMES: readonly string[] = Object.freeze([]);

const { freeze } = Object;

/**
 * Turns a validated file into the immutable desired state. Precondition: the file passed the
 * structural and semantic checks (so every icon parses, every id is a UUID, …).
 * Immutability: every object and array of the result is frozen as it is built (the result is
 * deeply frozen, as `deepFreeze` would leave it, without a second walk over the tree).
 */
export function normalize(file: RawFile, meta: { readonly file: string; readonly hash: string }, map: SourceMap): DesiredState {
  const databases: DesiredDatabase[] = [];
  const dbPath: (string | number)[] = ['databases', ''];
  for (const [dbKey, db] of map.entries(file.databases, ['databases'])) {
    dbPath[1] = dbKey;
    const data_sources: DesiredDataSource[] = [];
    for (const [dsKey, ds] of map.entries(db.data_sources, [...dbPath, 'data_sources'])) {
      const dsPath: Path = [...dbPath, 'data_sources', dsKey];
      data_sources.push(freeze(dataSource(ds, dbKey, dsKey, dsPath, map)));
    }
    const parent: DatabaseParent = db.parent.page_id !== undefined
      ? { type: 'page_id', page_id: pageIdOf(db.parent.page_id) ?? normalizeUuid(db.parent.page_id) }
      : { type: 'workspace' };
    const location: SourceLocation = map.at(dbPath, 'key');
    databases.push(freeze({
      key: dbKey,
      ...optionalId(db.id),
      title: db.title,
      description: db.description ?? null,
      icon: icon(db.icon),
      parent: freeze(parent),
      is_inline: db.is_inline ?? false,
      data_sources: freeze(data_sources),
      location: freeze(location),
    }));
  }
  return freeze({ file: meta.file, hash: meta.hash, databases: freeze(databases) });
}

function dataSource(ds: RawFile['databases'][string]['data_sources'][string], dbKey: string, dsKey: string, dsPath: Path, map: SourceMap): DesiredDataSource {
  const properties: DesiredProperty[] = [];
  // One path, its last segment set per property: map.at copies what it keeps.
  const propPath: (string | number)[] = [...dsPath, 'properties', ''];
  const last = propPath.length - 1;
  const propsPath = [...dsPath, 'properties'];
  const entries = map.entries(ds.properties, propsPath);
  const locations = map.keyLocations?.(ds.properties, propsPath);
  for (let i = 0; i < entries.length; i++) {
    const [name, p] = entries[i] as (typeof entries)[number];
    propPath[last] = name;
    const location = freeze(locations?.[i] ?? map.at(propPath, 'key'));
    const description = p.description ?? null;
    const renamed_from = names(p.renamed_from);
    const config = configOf(p);
    properties.push(freeze(p.convert !== undefined
      ? { name, description, renamed_from, config, convert: convertRules(p.convert), location }
      : { name, description, renamed_from, config, location }));
  }
  return {
    key: dsKey,
    ref: `${dbKey}.${dsKey}`,
    ...optionalId(ds.id),
    title: ds.title,
    description: ds.description ?? null,
    icon: icon(ds.icon),
    properties: freeze(properties),
    ...viewsOf(ds, dsPath, map),
    location: freeze(map.at(dsPath, 'key')),
  };
}

/** A frozen copy of a `renamed_from` list (the shared empty one when there is none). */
function names(list: readonly string[] | undefined): readonly string[] {
  return list === undefined || list.length === 0 ? NO_NAMES : freeze([...list]);
}

function viewsOf(ds: RawFile['databases'][string]['data_sources'][string], dsPath: Path, map: SourceMap): Pick<DesiredDataSource, 'views' | 'views_exclusive'> {
  const views = normalizeViews(ds, dsPath, map);
  return { ...(views !== undefined ? { views: deepFreeze(views) } : {}), ...(ds.views_exclusive === true ? { views_exclusive: true } : {}) };
}

const NO_ID: { readonly id?: string } = freeze({});

function optionalId(id: string | undefined): { readonly id?: string } {
  return id === undefined ? NO_ID : { id: normalizeUuid(id) };
}

function icon(value: string | undefined): Icon | null {
  return value === undefined ? null : deepFreeze(parseIcon(value));
}

/** One option, frozen; its members in the order the desired state has always listed them. */
function option(o: RawOption, status: boolean): OptionSpec {
  const name = o.name;
  const description = o.description ?? null;
  const renamed_from = names(o.renamed_from);
  const group = status ? o.group : undefined;
  if (o.color === undefined) return freeze(group === undefined ? { name, description, renamed_from } : { name, description, group, renamed_from });
  const color = o.color;
  return freeze(group === undefined ? { name, color, description, renamed_from } : { name, color, description, group, renamed_from });
}

function options(list: readonly RawOption[], status: boolean): readonly OptionSpec[] {
  const out: OptionSpec[] = new Array<OptionSpec>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = option(list[i] as RawOption, status);
  return freeze(out);
}

function convertRules(c: true | RawConvert): ConversionRules {
  if (c === true) return freeze({ onUnconvertible: 'fail' });
  return freeze({
    onUnconvertible: c.on_unconvertible ?? 'fail',
    ...(c.map !== undefined ? { map: freeze({ ...c.map }) } : {}),
    ...(c.checked !== undefined ? { checkbox: freeze({ checked: c.checked, unchecked: c.unchecked ?? null }) } : {}),
  });
}

function relationTarget(ref: string): DataSourceRef {
  return isUuid(ref) ? { kind: 'id', id: normalizeUuid(ref) } : { kind: 'key', key: ref };
}

function configOf(p: RawProperty): PropertyConfig {
  return freeze(config(p));
}

/** The property's configuration; its nested objects and arrays frozen (the caller freezes the object itself). */
function config(p: RawProperty): PropertyConfig {
  switch (p.type) {
    case 'number': return { type: 'number', format: p.format ?? 'number' };
    case 'select':
    case 'multi_select': return { type: p.type, options: p.options === undefined ? NO_OPTIONS : options(p.options, false) };
    case 'status':
      return { type: 'status', options: p.options === undefined ? DEFAULT_STATUS_OPTIONS : options(p.options, true) };
    case 'formula': return { type: 'formula', expression: p.expression ?? '' };
    case 'relation':
      return {
        type: 'relation',
        target: freeze(relationTarget(p.data_source ?? '')),
        dual: p.dual === undefined || p.dual === false ? null
          : freeze(p.dual === true || p.dual.property === undefined ? {} : { property: p.dual.property }),
      };
    case 'rollup':
      return { type: 'rollup', relation: p.relation ?? '', property: p.property ?? '', function: p.function ?? 'show_original' };
    case 'unique_id': return { type: 'unique_id', prefix: p.prefix ?? null };
    default:
      if ((EMPTY_CONFIG_TYPES as readonly string[]).includes(p.type)) return { type: p.type as EmptyConfigType };
      throw new Error(`unhandled property type ${p.type}`);
  }
}

const NO_OPTIONS: readonly OptionSpec[] = freeze([]);

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
