import { pageIdsIn } from '../store.js';
import { ApiError } from '../errors.js';
import { encodePropertyId, newPropertyId } from '../ids.js';
import { LIMITS, isRecord } from '../rich-text.js';
import type { StoredDataSource, StoredPage, StoredProperty } from '../state-types.js';
import { REQUEST_TYPE_KEYS, findProperty, parseConfig, type ConfigContext } from './config.js';
import { clearRemovedOptions, convertValues } from './convert.js';
import { createSyncedProperty, detachSyncedProperty } from './relations.js';
import { renderProperties } from '../render.js';

/** Types whose config refers to other properties; they are applied after the others in one request. */
const LATE_TYPES = new Set(['formula', 'rollup']);

interface Entry {
  readonly key: string;
  readonly where: string;
  readonly value: Record<string, unknown> | null;
  readonly existing: StoredProperty | undefined;
  readonly typeKey: string | undefined;
}

/** Pages already copied into a draft state (see `Store.transact`: pages are copied on write). */
const copied = new WeakMap<object, Set<string>>();

/** The pages of the edited data source, copied into the draft before they are changed. */
function pagesOf(ctx: ConfigContext): StoredPage[] {
  const pages = ctx.state.pages;
  let done = copied.get(pages);
  if (done === undefined) copied.set(pages, (done = new Set()));
  const out: StoredPage[] = [];
  const ids = pageIdsIn(ctx.state, ctx.ds.id) ?? Object.keys(pages);
  for (const id of ids) {
    const p = pages[id];
    if (p?.parent.type !== 'data_source_id' || p.parent.data_source_id !== ctx.ds.id) continue;
    if (!done.has(id)) {
      pages[id] = structuredClone(p);
      done.add(id);
    }
    out.push(pages[id]!);
  }
  return out;
}

function readEntries(ds: StoredDataSource, raw: unknown, where: string, creating: boolean): Entry[] {
  if (!isRecord(raw)) throw ApiError.validation(`${where} should be an object, instead was \`${JSON.stringify(raw)}\`.`);
  return Object.entries(raw).map(([key, value]) => {
    const w = `${where}.${key}`;
    const existing = creating ? undefined : findProperty(ds, key);
    if (value === null) {
      if (creating) throw ApiError.validation(`${w} should be an object, instead was \`null\`.`);
      if (existing === undefined) throw ApiError.validation(`${w}: cannot delete property \`${key}\`: no property with that name or id exists.`);
      return { key, where: w, value: null, existing, typeKey: undefined };
    }
    if (!isRecord(value)) throw ApiError.validation(`${w} should be an object or \`null\`, instead was \`${JSON.stringify(value)}\`.`);
    const typeKeys = Object.keys(value).filter((k) => REQUEST_TYPE_KEYS.includes(k));
    for (const k of Object.keys(value)) {
      if (!['name', 'description', 'type'].includes(k) && !REQUEST_TYPE_KEYS.includes(k)) {
        throw ApiError.validation(`${w}.${k} should be not present.`);
      }
    }
    if (typeKeys.length > 1) throw ApiError.validation(`${w} should define only one property type, instead defined ${typeKeys.map((k) => `\`${k}\``).join(', ')}.`);
    const typeKey = typeKeys[0];
    if (value.type !== undefined) {
      if (typeof value.type !== 'string' || !REQUEST_TYPE_KEYS.includes(value.type)) throw ApiError.validation(`${w}.type \`${JSON.stringify(value.type)}\` is not a property type.`);
      if (typeKey === undefined) throw ApiError.validation(`${w}.${value.type} should be defined (the type configuration, e.g. \`{}\`).`);
      if (typeKey !== value.type) throw ApiError.validation(`${w}.type is \`${value.type}\` but the configuration given is \`${typeKey}\`.`);
    }
    if (value.name !== undefined && (typeof value.name !== 'string' || value.name.trim() === '')) {
      throw ApiError.validation(`${w}.name should be a non-empty string.`);
    }
    if (value.description !== undefined && value.description !== null && typeof value.description !== 'string') {
      throw ApiError.validation(`${w}.description should be a string or \`null\`.`);
    }
    if (existing === undefined && value.name === undefined && key.trim() === '') {
      // Unconfirmed in Notion's docs; the stricter choice (docs/emulator.md): a property needs a name.
      throw ApiError.validation(`${w}: a property name should be a non-empty string.`);
    }
    if (existing === undefined && typeKey === undefined) {
      throw ApiError.validation(`${w}: property \`${key}\` does not exist; to add it, give its type configuration (e.g. \`{"rich_text": {}}\`).`);
    }
    return { key, where: w, value, existing, typeKey };
  });
}

function checkTypeChange(from: string, to: string, where: string): void {
  if (from === 'title') throw ApiError.validation(`${where}: the title property cannot be converted to another type.`);
  if (to === 'title') throw ApiError.validation(`${where}: a property cannot be converted to \`title\`; a data source has exactly one title property.`);
  if (from === 'place' || to === 'place') throw ApiError.validation(`${where}: properties cannot be converted to or from \`place\`.`);
  if (['button', 'verification'].includes(from) || ['button', 'verification'].includes(to)) {
    throw ApiError.validation(`${where}: \`${from === 'button' || to === 'button' ? 'button' : 'verification'}\` properties cannot be changed through the API.`);
  }
}

function checkCreatable(type: string, where: string): void {
  if (type === 'verification') throw ApiError.validation(`${where}: verification properties cannot be created through the API.`);
  if (type === 'location' || type === 'last_visited_time') throw ApiError.validation(`${where}: \`${type}\` properties are not supported by this emulator.`);
}

/** Backfills unique_id numbers for pages that have none, in creation order. */
function backfillUniqueId(ctx: ConfigContext, prop: StoredProperty): void {
  const pages = pagesOf(ctx).sort((a, b) => a.created_time.localeCompare(b.created_time));
  let next = ctx.ds.unique_counters[prop.id] ?? 1;
  for (const p of pages) if (p.values[prop.id] === undefined) p.values[prop.id] = next++;
  ctx.ds.unique_counters[prop.id] = next;
}

function addProperty(ctx: ConfigContext, e: Entry): void {
  const ds = ctx.ds;
  const type = e.typeKey as string;
  checkCreatable(type, e.where);
  if (type === 'button') return; // the API ignores button configuration (notion-api.md §2.2)
  const value = e.value as Record<string, unknown>;
  if (type === 'title' && ds.properties.title !== undefined) {
    throw ApiError.validation(`${e.where}: a data source has exactly one title property (\`${ds.properties.title.name}\` already is).`);
  }
  if (type === 'unique_id' && Object.values(ds.properties).some((p) => p.type === 'unique_id')) {
    throw ApiError.validation(`${e.where}: a data source can have only one unique_id property.`);
  }
  const config = parseConfig(type, value[type], `${e.where}.${type}`, ctx, undefined);
  const id = type === 'title' ? 'title' : newPropertyId(new Set(Object.keys(ds.properties)));
  const prop: StoredProperty = {
    id, name: (value.name as string | undefined) ?? e.key, description: (value.description as string | null | undefined) ?? null, type, config,
  };
  ds.properties[id] = prop;
  ds.property_order.push(id);
  if (type === 'relation' && config.type === 'dual_property') createSyncedProperty(ctx.state, ds, prop);
  if (type === 'unique_id') backfillUniqueId(ctx, prop);
}

function updateProperty(ctx: ConfigContext, e: Entry): void {
  const prop = e.existing as StoredProperty;
  const value = e.value as Record<string, unknown>;
  const ds = ctx.ds;
  if (value.name !== undefined) prop.name = value.name as string;
  if (e.typeKey !== undefined && !(e.typeKey === prop.type && ['button', 'verification'].includes(prop.type))) {
    const newType = e.typeKey;
    if (newType !== prop.type) {
      checkTypeChange(prop.type, newType, e.where);
      checkCreatable(newType, e.where);
      if (newType === 'unique_id' && Object.values(ds.properties).some((p) => p.type === 'unique_id')) {
        throw ApiError.validation(`${e.where}: a data source can have only one unique_id property.`);
      }
      const config = parseConfig(newType, value[newType], `${e.where}.${newType}`, ctx, undefined);
      detachSyncedProperty(ctx.state, prop);
      const before: StoredProperty = { ...prop };
      prop.type = newType;
      prop.config = config;
      convertValues(pagesOf(ctx), before, prop);
      if (newType === 'relation' && config.type === 'dual_property') createSyncedProperty(ctx.state, ds, prop);
      if (newType === 'unique_id') backfillUniqueId(ctx, prop);
    } else {
      const config = parseConfig(newType, value[newType], `${e.where}.${newType}`, ctx, prop);
      if (newType === 'relation') {
        const wasDual = prop.config.type === 'dual_property';
        const sameTarget = prop.config.data_source_id === config.data_source_id;
        if (wasDual && sameTarget && config.type === 'dual_property') {
          prop.config = { ...config, synced_property_id: prop.config.synced_property_id };
        } else {
          detachSyncedProperty(ctx.state, prop);
          if (!sameTarget) for (const p of pagesOf(ctx)) delete p.values[prop.id];
          prop.config = config;
          if (config.type === 'dual_property') createSyncedProperty(ctx.state, ds, prop);
        }
      } else {
        prop.config = config;
      }
      if (['select', 'multi_select', 'status'].includes(newType)) clearRemovedOptions(pagesOf(ctx), prop);
    }
    if ((newType === 'select' || newType === 'multi_select') && !('description' in value)) prop.description = null;
  }
  if ('description' in value) prop.description = (value.description as string | null | undefined) ?? null;
}

function deleteProperty(ctx: ConfigContext, e: Entry): void {
  const prop = e.existing as StoredProperty;
  if (prop.type === 'title') throw ApiError.validation(`${e.where}: the title property cannot be deleted.`);
  detachSyncedProperty(ctx.state, prop);
  delete ctx.ds.properties[prop.id];
  ctx.ds.property_order = ctx.ds.property_order.filter((id) => id !== prop.id);
  delete ctx.ds.unique_counters[prop.id];
  for (const p of pagesOf(ctx)) delete p.values[prop.id];
}

/** Checks invariants after a schema write: one title, unique names, the 50 KB cap. */
function checkSchema(ctx: ConfigContext, where: string): void {
  const props = Object.values(ctx.ds.properties);
  if (ctx.ds.properties.title === undefined) throw ApiError.validation(`${where}: a data source needs exactly one \`title\` property.`);
  const seen = new Map<string, StoredProperty>();
  for (const p of props) {
    const other = seen.get(p.name);
    if (other !== undefined) throw ApiError.validation(`${where}: two properties would be named \`${p.name}\`; property names must be unique.`);
    seen.set(p.name, p);
  }
  const rendered = renderProperties(ctx.state, ctx.ds);
  const total = Buffer.byteLength(JSON.stringify(rendered));
  if (total > LIMITS.schemaBytes) {
    let largest: { name: string; id: string; size: number } = { name: '', id: '', size: 0 };
    for (const [name, v] of Object.entries(rendered)) {
      const size = Buffer.byteLength(JSON.stringify(v));
      if (size > largest.size) largest = { name, id: (v as { id: string }).id, size };
    }
    throw ApiError.validation(
      `${where}: the data source schema would be ${total} bytes, over the 51200-byte (50 KB) limit. ` +
      `The largest property is \`${largest.name}\` (id ${largest.id}, ${largest.size} bytes).`);
  }
}

/**
 * Applies a `properties` map (create: every key is a new property; update: notion-api.md §2.1
 * semantics) to `ctx.ds` in place. The caller runs this on a draft state and discards it on error.
 */
export function applyProperties(ctx: ConfigContext, raw: unknown, where: string, creating: boolean): void {
  const entries = readEntries(ctx.ds, raw, where, creating);
  const late = (e: Entry): boolean => e.typeKey !== undefined && LATE_TYPES.has(e.typeKey);
  for (const pass of [false, true]) {
    for (const e of entries) {
      if (late(e) !== pass) continue;
      if (e.value === null) deleteProperty(ctx, e);
      else if (e.existing === undefined) addProperty(ctx, e);
      else updateProperty(ctx, e);
    }
  }
  checkSchema(ctx, where);
}

/** The wire id of a stored property (exported for handlers). */
export function wireId(p: StoredProperty): string {
  return encodePropertyId(p.id);
}
