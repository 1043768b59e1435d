import { GROUP_BY_TYPE, type ViewType } from '../model/view.js';
import { ApiError } from './errors.js';
import { decodePropertyId, encodePropertyId } from './ids.js';
import { isRecord } from './rich-text.js';
import { findProperty } from './schema/config.js';
import type { StoredDataSource } from './state-types.js';

/**
 * View configuration as the emulator stores and renders it (SDK 5.26 `ViewConfigRequest` /
 * `ViewConfigResponse`): property references are resolved (by id, or by name as a courtesy) to raw
 * property ids on the way in, and rendered as encoded ids with `property_name` on the way out.
 */

/** Keys holding one property id, per configuration object. */
const ID_KEYS = ['property_id', 'date_property_id', 'end_date_property_id', 'map_by', 'x_axis_property_id', 'y_axis_property_id'];
/** Keys holding a nested object with a `property_id`. */
const NESTED = ['group_by', 'sub_group_by', 'cover', 'x_axis', 'y_axis', 'value', 'stack_by', 'subtasks', 'arrows_by'];
const LISTS = ['properties', 'table_properties'];

function resolveId(ds: StoredDataSource, raw: unknown, where: string): string {
  if (typeof raw !== 'string') throw ApiError.validation(`${where} should be a string.`);
  const p = findProperty(ds, raw) ?? ds.properties[decodePropertyId(raw)];
  if (p === undefined) throw ApiError.validation(`${where}: Could not find property with id: ${raw}`);
  return p.id;
}

/** Resolves every property reference of a configuration object (deep copy). */
function resolveObject(ds: StoredDataSource, raw: Record<string, unknown>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const k of ID_KEYS) if (raw[k] !== undefined && raw[k] !== null) out[k] = resolveId(ds, raw[k], `${where}.${k}`);
  for (const k of NESTED) {
    const v = raw[k];
    if (v === undefined || v === null || typeof v === 'string') continue; // a status/text/date group's own `group_by` mode
    if (!isRecord(v)) throw ApiError.validation(`${where}.${k} should be an object or \`null\`.`);
    out[k] = resolveObject(ds, v, `${where}.${k}`);
  }
  for (const k of LISTS) {
    const v = raw[k];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) throw ApiError.validation(`${where}.${k} should be an array or \`null\`.`);
    out[k] = v.map((x, i) => {
      if (!isRecord(x) || x.property_id === undefined) throw ApiError.validation(`${where}.${k}[${i}] should be an object with \`property_id\`.`);
      return resolveObject(ds, x, `${where}.${k}[${i}]`);
    });
  }
  return out;
}

/** What each view type requires of its configuration. */
function checkRequired(type: string, c: Record<string, unknown>, where: string): void {
  const need = (k: string): void => {
    if (c[k] === undefined || c[k] === null) throw ApiError.validation(`${where}.${k} should be defined for a ${type} view, instead was \`undefined\`.`);
  };
  if (type === 'board') need('group_by');
  if (type === 'calendar' || type === 'timeline') need('date_property_id');
  if (type === 'chart') need('chart_type');
}

function checkGroupBy(ds: StoredDataSource, g: unknown, where: string): void {
  if (!isRecord(g)) return;
  const p = ds.properties[String(g.property_id)];
  if (p === undefined) return;
  const expected = GROUP_BY_TYPE[p.type as keyof typeof GROUP_BY_TYPE];
  if (expected === undefined) throw ApiError.validation(`${where}: a view cannot be grouped by property \`${p.name}\` of type \`${p.type}\`.`);
  if (g.type !== expected && !(p.type === 'formula' && g.type === 'formula')) {
    throw ApiError.validation(`${where}.type should be \`${expected}\` for property \`${p.name}\`, instead was \`${JSON.stringify(g.type)}\`.`);
  }
}

/**
 * Parses a configuration for a view of `type` over `ds`: `configuration.type` must match; on update
 * (`current` given) nullable fields set to null clear, others merge into the current configuration.
 */
export function parseViewConfiguration(
  ds: StoredDataSource, type: string, raw: unknown, where: string, current: Record<string, unknown> | null,
): Record<string, unknown> {
  if (!isRecord(raw)) throw ApiError.validation(`${where} should be an object.`);
  if (raw.type !== type) throw ApiError.validation(`${where}.type should be \`${type}\` (the view's type), instead was \`${JSON.stringify(raw.type)}\`.`);
  if (type === 'dashboard' || type === 'form' && LISTS.some((k) => raw[k] !== undefined)) {
    throw ApiError.validation(`${where}: a ${type} view takes no property list.`);
  }
  if (type !== 'table' && type !== 'board' && raw.group_by !== undefined && raw.group_by !== null) {
    throw ApiError.validation(`${where}.group_by should be not present: a ${type} view cannot group.`);
  }
  const resolved = resolveObject(ds, raw, where);
  const merged: Record<string, unknown> = { ...(current ?? {}), ...resolved };
  for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
  checkRequired(type, merged, where);
  checkGroupBy(ds, merged.group_by, `${where}.group_by`);
  checkGroupBy(ds, merged.sub_group_by, `${where}.sub_group_by`);
  return merged;
}

/** The configuration Notion creates a view with when none is sent. */
export function defaultConfiguration(type: ViewType | string): Record<string, unknown> | null {
  return type === 'dashboard' ? { type, rows: [] } : { type };
}

/** Renders a stored configuration: encoded ids, with the properties' current names. */
export function renderViewConfiguration(ds: StoredDataSource | undefined, c: Record<string, unknown>): Record<string, unknown> {
  const name = (id: unknown): string | undefined => (ds === undefined ? undefined : ds.properties[String(id)]?.name);
  const render = (o: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...o };
    for (const k of ID_KEYS) {
      if (typeof o[k] !== 'string') continue;
      out[k] = encodePropertyId(o[k]);
      const n = name(o[k]);
      const nameKey = k === 'property_id' ? 'property_name' : k === 'map_by' ? 'map_by_property_name' : k.replace(/_id$/, '_name');
      if (n !== undefined && !k.startsWith('x_') && !k.startsWith('y_')) out[nameKey] = n;
    }
    for (const k of NESTED) if (isRecord(o[k])) out[k] = render(o[k]);
    for (const k of LISTS) if (Array.isArray(o[k])) out[k] = (o[k] as Record<string, unknown>[]).map(render);
    return out;
  };
  return render(c);
}

/** Resolves `property` in a filter (recursively through `and`/`or`) or sorts to raw ids; ids stay ids. */
export function resolveFilterIds(ds: StoredDataSource, f: unknown): unknown {
  if (Array.isArray(f)) return f.map((x) => resolveFilterIds(ds, x));
  if (!isRecord(f)) return f;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (k === 'property' && typeof v === 'string') out[k] = findProperty(ds, v)?.id ?? v;
    else if (k === 'and' || k === 'or') out[k] = resolveFilterIds(ds, v);
    else out[k] = v;
  }
  return out;
}

/** Renders stored filter or sorts: raw ids as encoded ids. */
export function renderFilterIds(f: unknown): unknown {
  if (Array.isArray(f)) return f.map(renderFilterIds);
  if (!isRecord(f)) return f;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (k === 'property' && typeof v === 'string') out[k] = encodePropertyId(v);
    else if (k === 'and' || k === 'or') out[k] = renderFilterIds(v);
    else out[k] = v;
  }
  return out;
}
