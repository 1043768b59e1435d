import type { LiveProperty } from '../model/live.js';
import type { OptionSpec, PropertyConfig, StatusGroupSpec } from '../model/property.js';
import {
  EMPTY_CONFIG_TYPES, NUMBER_FORMATS, OPTION_COLORS, ROLLUP_FUNCTIONS, STATUS_GROUPS,
  type EmptyConfigType, type NumberFormat, type OptionColor, type RollupFunction, type StatusGroupName,
} from '../model/property-types.js';
import { toDashedId } from './ids.js';

/** A property schema object as the API returns it (loosely typed: the SDK's union lacks place/button/verification). */
export type RawProperty = Readonly<Record<string, unknown>> & {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly type?: unknown;
  readonly description?: unknown;
};

const EMPTY = new Set<string>(EMPTY_CONFIG_TYPES);
const COLORS = new Set<string>(OPTION_COLORS);
const FORMATS = new Set<string>(NUMBER_FORMATS);
const FUNCTIONS = new Set<string>(ROLLUP_FUNCTIONS);
const GROUPS = new Set<string>(STATUS_GROUPS);

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const obj = (v: unknown): Readonly<Record<string, unknown>> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const color = (v: unknown): OptionColor => (typeof v === 'string' && COLORS.has(v) ? (v as OptionColor) : 'default');

function options(raw: unknown, withGroup?: ReadonlyMap<string, StatusGroupName>): OptionSpec[] {
  return arr(raw).map((o) => {
    const opt = obj(o);
    const id = str(opt['id']);
    const group = withGroup?.get(id);
    const c = color(opt['color']);
    const d = opt['description'];
    const description = typeof d === 'string' && d !== '' ? d : null;
    const name = str(opt['name']);
    // Keys in sorted order, as the fingerprint writes them (fingerprint.ts then copies nothing).
    return group ? { color: c, description, group, id, name } : { color: c, description, id, name };
  });
}

function statusConfig(raw: Readonly<Record<string, unknown>>): PropertyConfig {
  const rawGroups = arr(raw['groups']).map(obj);
  const groupOf = new Map<string, StatusGroupName>();
  for (const g of rawGroups) {
    const name = str(g['name']);
    if (!GROUPS.has(name)) continue;
    for (const oid of arr(g['option_ids'])) if (typeof oid === 'string') groupOf.set(oid, name as StatusGroupName);
  }
  const opts = options(raw['options'], groupOf);
  const nameById = new Map(opts.map((o) => [o.id ?? '', o.name]));
  const groups: StatusGroupSpec[] = rawGroups.map((g) => ({
    id: str(g['id']),
    name: str(g['name']),
    color: color(g['color']),
    options: arr(g['option_ids']).flatMap((oid) => {
      const n = typeof oid === 'string' ? nameById.get(oid) : undefined;
      return n === undefined ? [] : [n];
    }),
  }));
  return { type: 'status', options: opts, groups };
}

/**
 * Normalises one property's type-specific configuration. Returns null for a type the model
 * does not know (e.g. a type newer than this tool), which the caller reports.
 */
export function normalizePropertyConfig(p: RawProperty): PropertyConfig | null {
  const type = str(p.type);
  const raw = obj(p[type]);
  if (EMPTY.has(type)) return { type: type as EmptyConfigType };
  switch (type) {
    case 'number': {
      const f = str(raw['format'], 'number');
      return { format: (FORMATS.has(f) ? f : 'number') as NumberFormat, type: 'number' };
    }
    case 'select':
    case 'multi_select':
      return { options: options(raw['options']), type };
    case 'status':
      return statusConfig(raw);
    case 'formula':
      return { expression: str(raw['expression']), type: 'formula' };
    case 'relation': {
      const dualRaw = raw['dual_property'];
      const isDual = raw['type'] === 'dual_property' || (raw['type'] === undefined && dualRaw !== undefined);
      const dual = obj(dualRaw);
      return {
        type: 'relation',
        target: { kind: 'id', id: toDashedId(str(raw['data_source_id'])) },
        dual: isDual
          ? {
              ...(typeof dual['synced_property_name'] === 'string' ? { property: dual['synced_property_name'] } : {}),
              ...(typeof dual['synced_property_id'] === 'string' ? { property_id: dual['synced_property_id'] } : {}),
            }
          : null,
      };
    }
    case 'rollup': {
      const fn = str(raw['function'], 'show_original');
      return {
        type: 'rollup',
        relation: str(raw['relation_property_name']),
        relation_id: str(raw['relation_property_id']),
        property: str(raw['rollup_property_name']),
        property_id: str(raw['rollup_property_id']),
        function: (FUNCTIONS.has(fn) ? fn : 'show_original') as RollupFunction,
      };
    }
    case 'unique_id':
      return { type: 'unique_id', prefix: typeof raw['prefix'] === 'string' && raw['prefix'] !== '' ? raw['prefix'] : null };
    default:
      return null;
  }
}

/**
 * Config types whose properties `normalizeProperty` builds canonical (fingerprint.ts): every key
 * in sorted order at every level, no `undefined`, no volatile key. The other types (status,
 * relation, rollup, unique_id) keep their model's key order. test/notion/normalize.test.ts checks both.
 */
const BUILT_CANONICAL = new Set<string>([...EMPTY_CONFIG_TYPES, 'number', 'select', 'multi_select', 'formula']);

/** True when `p` came from `normalizeProperty` with a config type it builds canonical: `canonical(p) === p`. */
export function isBuiltCanonical(p: LiveProperty): boolean {
  return BUILT_CANONICAL.has(p.config.type);
}

/** Normalises one property; null when its type is unknown to the model. */
export function normalizeProperty(name: string, p: RawProperty): LiveProperty | null {
  const config = normalizePropertyConfig(p);
  if (config === null) return null;
  // Keys in sorted order, as the fingerprint writes them.
  return {
    config,
    description: typeof p.description === 'string' && p.description !== '' ? p.description : null,
    id: str(p.id, name),
    name: str(p.name, name),
  };
}
