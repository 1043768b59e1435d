import { NUMBER_FORMATS, PROPERTY_TYPES, ROLLUP_FUNCTIONS } from '../../model/property-types.js';
import { ApiError } from '../errors.js';
import { decodePropertyId, requireId } from '../ids.js';
import { isRecord } from '../rich-text.js';
import type { EmulatorState, StoredConfig, StoredDataSource, StoredOption, StoredProperty, StoredGroup } from '../state-types.js';
import { compileFormula } from './formula.js';
import { buildSelectOptions, newStatusConfig, readOptionRequests, updateStatusConfig } from './options.js';

/** Every type key a request may carry (the 24 types plus the create-only ones the emulator rejects). */
export const REQUEST_TYPE_KEYS: readonly string[] = [...PROPERTY_TYPES, 'location', 'last_visited_time'];

/** What config parsing needs to know. */
export interface ConfigContext {
  readonly state: EmulatorState;
  /** The data source being edited (the draft, with earlier entries of this request applied). */
  readonly ds: StoredDataSource;
  /** Whether the caller may see a data source (relations need the target shared). */
  readonly canSee: (dataSourceId: string) => boolean;
}

/** Finds a property of a data source by name, then by (encoded or raw) id. */
export function findProperty(ds: StoredDataSource, key: string): StoredProperty | undefined {
  const props = Object.values(ds.properties);
  return props.find((p) => p.name === key) ?? ds.properties[decodePropertyId(key)] ?? ds.properties[key];
}

function requireRecord(raw: unknown, where: string): Record<string, unknown> {
  if (!isRecord(raw)) throw ApiError.validation(`${where} should be an object, instead was \`${JSON.stringify(raw)}\`.`);
  return raw;
}

function onlyKeys(raw: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(raw)) {
    if (!allowed.includes(k)) throw ApiError.validation(`${where}.${k} should be not present.`);
  }
}

/**
 * Parses the type configuration of a property being added or converted (`current` undefined),
 * or updated in place with the same type (`current` given). Relation dual syncing is done by the caller.
 */
export function parseConfig(
  type: string, raw: unknown, where: string, ctx: ConfigContext, current: StoredProperty | undefined,
): StoredConfig {
  const cfg = requireRecord(raw, where);
  switch (type) {
    case 'number': {
      onlyKeys(cfg, ['format'], where);
      const format = cfg.format ?? (current?.config.format as string | undefined) ?? 'number';
      if (typeof format !== 'string' || !(NUMBER_FORMATS as readonly string[]).includes(format)) {
        throw ApiError.validation(`${where}.format should be one of the 45 number formats (e.g. \`number\`, \`dollar\`), instead was \`${JSON.stringify(format)}\`.`);
      }
      return { format };
    }
    case 'select':
    case 'multi_select': {
      onlyKeys(cfg, ['options'], where);
      const existing = (current?.config.options as StoredOption[] | undefined) ?? [];
      if (cfg.options === undefined) return { options: existing };
      return { options: buildSelectOptions(readOptionRequests(cfg.options, existing, `${where}.options`, false)) };
    }
    case 'status': {
      onlyKeys(cfg, ['options'], where);
      if (current === undefined) return newStatusConfig(cfg.options, `${where}.options`);
      const cur = current.config as { options: StoredOption[]; groups: StoredGroup[] };
      if (cfg.options === undefined) return cur;
      return updateStatusConfig(cur, cfg.options, `${where}.options`);
    }
    case 'formula': {
      onlyKeys(cfg, ['expression'], where);
      if (cfg.expression === undefined && current !== undefined) return current.config;
      return { expression: compileFormula(cfg.expression, Object.values(ctx.ds.properties), where) };
    }
    case 'relation':
      return parseRelation(cfg, where, ctx);
    case 'rollup':
      return parseRollup(cfg, where, ctx, current);
    case 'unique_id': {
      onlyKeys(cfg, ['prefix'], where);
      const prefix = cfg.prefix === undefined ? (current?.config.prefix ?? null) : cfg.prefix;
      if (prefix !== null && (typeof prefix !== 'string' || prefix === '' || /\s/.test(prefix))) {
        throw ApiError.validation(`${where}.prefix should be a non-empty string without spaces, or \`null\`.`);
      }
      return { prefix };
    }
    default:
      return {};
  }
}

function parseRelation(cfg: Record<string, unknown>, where: string, ctx: ConfigContext): StoredConfig {
  onlyKeys(cfg, ['data_source_id', 'database_id', 'type', 'single_property', 'dual_property'], where);
  if (cfg.data_source_id === undefined) {
    throw ApiError.validation(`${where}.data_source_id should be defined (API 2025-09-03 relations name the target data source, not \`database_id\`).`);
  }
  const target = requireId(cfg.data_source_id, `${where}.data_source_id`);
  const ds = ctx.state.data_sources[target];
  if (ds === undefined || !ctx.canSee(target)) throw ApiError.notFound('data source', target);
  let kind = cfg.type;
  if (kind === undefined) kind = cfg.dual_property !== undefined ? 'dual_property' : cfg.single_property !== undefined ? 'single_property' : undefined;
  if (kind !== 'single_property' && kind !== 'dual_property') {
    throw ApiError.validation(`${where}.type should be \`single_property\` or \`dual_property\`, instead was \`${JSON.stringify(kind)}\`.`);
  }
  const sub = cfg[kind];
  if (sub !== undefined) requireRecord(sub, `${where}.${kind}`);
  return { data_source_id: target, type: kind };
}

function resolveRef(ds: StoredDataSource, name: unknown, id: unknown, what: string, where: string): StoredProperty {
  if (name === undefined && id === undefined) {
    throw ApiError.validation(`${where}: one of \`${what}_property_name\` or \`${what}_property_id\` should be defined.`);
  }
  const p = id !== undefined && typeof id === 'string' ? findProperty(ds, id) : typeof name === 'string' ? Object.values(ds.properties).find((x) => x.name === name) : undefined;
  if (p === undefined) {
    throw ApiError.validation(`${where}: ${what} property \`${String(id ?? name)}\` does not exist on data source ${ds.id}.`);
  }
  return p;
}

function parseRollup(cfg: Record<string, unknown>, where: string, ctx: ConfigContext, current: StoredProperty | undefined): StoredConfig {
  onlyKeys(cfg, ['function', 'relation_property_name', 'relation_property_id', 'rollup_property_name', 'rollup_property_id'], where);
  const fn = cfg.function ?? current?.config.function;
  if (typeof fn !== 'string' || !(ROLLUP_FUNCTIONS as readonly string[]).includes(fn)) {
    throw ApiError.validation(`${where}.function should be one of the 24 rollup functions (e.g. \`sum\`, \`count\`), instead was \`${JSON.stringify(fn)}\`.`);
  }
  const keepRel = cfg.relation_property_name === undefined && cfg.relation_property_id === undefined && current !== undefined;
  const rel = keepRel
    ? ctx.ds.properties[current.config.relation_property_id as string]
    : resolveRef(ctx.ds, cfg.relation_property_name, cfg.relation_property_id, 'relation', where);
  if (rel === undefined) throw ApiError.validation(`${where}: the rollup's relation property no longer exists.`);
  if (rel.type !== 'relation') throw ApiError.validation(`${where}: property \`${rel.name}\` is a ${rel.type}, not a relation.`);
  const target = ctx.state.data_sources[rel.config.data_source_id as string];
  if (target === undefined) throw ApiError.validation(`${where}: the relation \`${rel.name}\` points to a data source that no longer exists.`);
  const keepRoll = cfg.rollup_property_name === undefined && cfg.rollup_property_id === undefined && current !== undefined;
  const roll = keepRoll
    ? target.properties[current.config.rollup_property_id as string]
    : resolveRef(target.id === ctx.ds.id ? ctx.ds : target, cfg.rollup_property_name, cfg.rollup_property_id, 'rollup', where);
  if (roll === undefined) throw ApiError.validation(`${where}: the rollup's target property no longer exists.`);
  return { relation_property_id: rel.id, rollup_property_id: roll.id, function: fn };
}
