import type { DataSourcePatch } from '../paths.js';
import type { ConvertibleType, TargetOption } from '../types.js';
import { decodePropertyId } from './cells.js';
import type { LiveOption, OptionShape } from './option-passes.js';

/**
 * Data-source PATCH bodies of a migration, computed from a fresh read of the data source. Pure.
 * Option lists are complete lists (notion-api.md §2.3): every live option is re-sent by id so
 * none is lost, and the property description is re-sent because a select / multi_select
 * configuration sent without it clears it (§2.1).
 */

/** A live property, reduced to what migrations need. */
export interface LiveProperty {
  /** As the API returns it (URL-encoded). */
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly description: string | null;
  readonly options: readonly LiveOption[];
  /** Status only: option id → group name. */
  readonly groupOf: ReadonlyMap<string, string>;
  /** Formula only: the expression. */
  readonly expression: string | null;
}

type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => v !== null && typeof v === 'object' && !Array.isArray(v);

function readOptions(config: Loose): LiveOption[] {
  const raw = Array.isArray(config.options) ? config.options : [];
  return raw.filter(isObj).map((o) => ({
    id: String(o.id), name: String(o.name), color: typeof o.color === 'string' ? o.color : 'default',
    description: typeof o.description === 'string' ? o.description : null,
  }));
}

/** Reads the `properties` map of a data source response. */
export function readLiveProperties(dataSource: unknown): LiveProperty[] {
  const props = isObj(dataSource) && isObj(dataSource.properties) ? dataSource.properties : {};
  return Object.values(props).filter(isObj).map((p) => {
    const type = String(p.type);
    const config = isObj(p[type]) ? p[type] : {};
    const groupOf = new Map<string, string>();
    if (Array.isArray(config.groups)) {
      for (const g of config.groups.filter(isObj)) {
        for (const id of Array.isArray(g.option_ids) ? g.option_ids : []) groupOf.set(String(id), String(g.name));
      }
    }
    const description = typeof p.description === 'string' && p.description !== '' ? p.description : null;
    return {
      id: String(p.id), name: String(p.name), type, description, options: readOptions(config), groupOf,
      expression: typeof config.expression === 'string' ? config.expression : null,
    };
  });
}

/** The property with this id (compared decoded), if any. */
export function findLiveProperty(props: readonly LiveProperty[], id: string): LiveProperty | undefined {
  const want = decodePropertyId(id);
  return props.find((p) => decodePropertyId(p.id) === want);
}

function optionsPatch(prop: LiveProperty, options: readonly Loose[]): DataSourcePatch {
  return {
    properties: { [prop.id]: { description: prop.description, [prop.type]: { options } } },
  } as unknown as DataSourcePatch;
}

/**
 * Adds `option` after the live ones, with the source option's `description` (a rename keeps it);
 * a status option goes into `group` (the source option's group).
 */
export function addOptionPatch(prop: LiveProperty, option: OptionShape, group: string | undefined, description: string | null = null): DataSourcePatch {
  const added: Loose = {
    name: option.name, color: option.color,
    ...(description !== null && description !== '' ? { description } : {}),
    ...(group !== undefined && prop.type === 'status' ? { group } : {}),
  };
  return optionsPatch(prop, [...prop.options.map((o) => ({ id: o.id })), added]);
}

/** Removes the option with `optionId`, keeping every other one. */
export function removeOptionPatch(prop: LiveProperty, optionId: string): DataSourcePatch {
  return optionsPatch(prop, prop.options.filter((o) => o.id !== optionId).map((o) => ({ id: o.id })));
}

/** Adds the temporary property of a conversion, with the old description and (select types) its options. */
export function addPropertyPatch(
  name: string, type: ConvertibleType, description: string | null, options: readonly TargetOption[], numberFormat: string | undefined,
): DataSourcePatch {
  const config: Loose = type === 'select' || type === 'multi_select'
    ? { options: options.map((o) => ({ name: o.name, ...(o.color !== undefined ? { color: o.color } : {}) })) }
    : type === 'number' ? { format: numberFormat ?? 'number' } : {};
  return { properties: { [name]: { description, [type]: config } } } as unknown as DataSourcePatch;
}

/** Adds options a select / multi_select temporary property is missing (a person typed a new value meanwhile). */
export function addOptionsPatch(prop: LiveProperty, names: readonly string[]): DataSourcePatch {
  return optionsPatch(prop, [...prop.options.map((o) => ({ id: o.id })), ...names.map((name) => ({ name }))]);
}

/** Removes a property (every page loses its value). */
export function deletePropertyPatch(propertyId: string): DataSourcePatch {
  return { properties: { [propertyId]: null } } as unknown as DataSourcePatch;
}

/** Renames a property by id (a rename that sends only `name` keeps the description). */
export function renamePropertyPatch(propertyId: string, name: string): DataSourcePatch {
  return { properties: { [propertyId]: { name } } };
}
