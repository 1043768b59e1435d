import type { DataSourceRef, DesiredProperty, FieldChange, LiveProperty, PropertyConfig } from '../model/index.js';
import type { PropertyChange } from './types.js';
import { applyRenames, resolveBlockProperties, sameExpression } from './formula.js';
import { diffOptions } from './options.js';
import { forbiddenTypeChange } from './type-change.js';
import { CONVERSIONS } from '../model/index.js';
import { EMPTY_CONFIG_TYPES } from '../model/property-types.js';

/** What comparing one property needs to know about its surroundings. */
export interface PropertyContext {
  /** `Database › Data source`, for instructions. */
  readonly location: string;
  /** Live property name of a live property id in this data source (for id-form formula references). */
  readonly liveNameOfId: (id: string) => string | undefined;
  /** Renames planned in this data source: live name → desired name. */
  readonly renames: ReadonlyMap<string, string>;
  /** Resolves a desired relation target to a live data source id; null when it is created by this plan. */
  readonly resolveTarget: (ref: DataSourceRef) => string | null;
  /** Renames planned in the target data source of relation `relation` (desired name): live name → desired name. */
  readonly rollupTargetRenames: (relation: string) => ReadonlyMap<string, string>;
  /** Ref (or id) of a relation target, for naming it in steps. */
  readonly targetLabel: (ref: DataSourceRef) => string;
  /** The live data source id (migrations name it). */
  readonly dataSourceId: string | null;
  /** Option name → option id the lock file recorded for property `name` (desired name), if any. */
  readonly recordedOptions?: (name: string) => Readonly<Record<string, string>> | undefined;
}

/** Types with no setting to compare (their config is `{}`): only the type and the description can differ. */
const NO_SETTINGS: ReadonlySet<string> = new Set(EMPTY_CONFIG_TYPES);
const NO_CHANGES: readonly PropertyChange[] = Object.freeze([]);

/**
 * Compares a matched desired/live property pair (same property, possibly renamed).
 * Returns the changes other than the rename itself.
 */
export function compareProperty(desired: DesiredProperty, live: LiveProperty, ctx: PropertyContext): readonly PropertyChange[] {
  const name = desired.name;
  const id = live.id;
  const d = desired.config;
  const l = live.config;
  // The usual case, answered without building anything: nothing to compare, nothing changed.
  if (d.type === l.type && NO_SETTINGS.has(d.type) && (desired.description ?? null) === (live.description ?? null)) return NO_CHANGES;
  if (d.type !== l.type) {
    if (desired.convert !== undefined) return [conversion(desired, live, ctx)];
    const rule = forbiddenTypeChange(l.type, d.type);
    if (rule !== null) {
      return [{
        kind: 'manual', property: name, property_id: id, field: 'type',
        cause: { code: 'forbidden_type_change', location: ctx.location, property: name, from_type: l.type, to_type: d.type, rule },
      }];
    }
    return [{ kind: 'change_type', property: name, property_id: id, from_type: l.type, to_type: d.type, config: d, description: desired.description ?? null }];
  }
  const description = desired.description ?? null;
  // The config sent with an update: the desired one, or (options) one re-sending kept options by id, made only when sent.
  let sentConfig: (() => PropertyConfig) | undefined;
  const out: PropertyChange[] = [];
  const changes: FieldChange[] = [];
  let destructive = false;
  if ((desired.description ?? null) !== (live.description ?? null)) {
    changes.push({ field: 'description', before: live.description ?? null, after: desired.description ?? null });
  }
  switch (d.type) {
    case 'number': {
      const lc = l as Extract<PropertyConfig, { type: 'number' }>;
      if (d.format !== lc.format) changes.push({ field: 'format', before: lc.format, after: d.format });
      break;
    }
    case 'formula': {
      const lc = l as Extract<PropertyConfig, { type: 'formula' }>;
      const before = applyRenames(resolveBlockProperties(lc.expression, ctx.liveNameOfId), ctx.renames);
      if (!sameExpression(before, d.expression)) changes.push({ field: 'expression', before: lc.expression, after: d.expression });
      break;
    }
    case 'unique_id': {
      const lc = l as Extract<PropertyConfig, { type: 'unique_id' }>;
      if ((d.prefix ?? null) !== (lc.prefix ?? null)) changes.push({ field: 'prefix', before: lc.prefix ?? null, after: d.prefix ?? null });
      break;
    }
    case 'rollup': {
      const lc = l as Extract<PropertyConfig, { type: 'rollup' }>;
      const relBefore = ctx.renames.get(lc.relation) ?? lc.relation;
      if (relBefore !== d.relation) changes.push({ field: 'relation', before: lc.relation, after: d.relation });
      // The target property may be renamed by this plan: compare after that rename.
      const propBefore = ctx.rollupTargetRenames(d.relation).get(lc.property) ?? lc.property;
      if (propBefore !== d.property) changes.push({ field: 'property', before: lc.property, after: d.property });
      if (lc.function !== d.function) changes.push({ field: 'function', before: lc.function, after: d.function });
      break;
    }
    case 'relation': {
      const r = compareRelation(d, l as Extract<PropertyConfig, { type: 'relation' }>, name, ctx);
      changes.push(...r.changes);
      out.push(...r.out);
      destructive = r.destructive;
      break;
    }
    case 'select':
    case 'multi_select':
    case 'status': {
      const o = compareOptions(d, l as Extract<PropertyConfig, { type: 'select' | 'multi_select' | 'status' }>, name, id, description, ctx);
      sentConfig = o.config;
      out.push(...o.out);
      changes.push(...o.changes);
      break;
    }
    default:
      break;
  }
  if (changes.length > 0) out.unshift({ kind: 'update', property: name, property_id: id, changes, destructive, config: sentConfig === undefined ? d : sentConfig(), description });
  return out;
}

/**
 * A type change the file opts into migrating (`convert:`): a `migrate` change for supported pairs,
 * a manual step naming the supported ones otherwise.
 */
function conversion(desired: DesiredProperty, live: LiveProperty, ctx: PropertyContext): PropertyChange {
  const d = desired.config;
  const from = live.config.type;
  const pair = CONVERSIONS.find(([f, t]) => f === from && t === d.type);
  if (pair === undefined || ctx.dataSourceId === null || desired.convert === undefined) {
    return {
      kind: 'manual', property: desired.name, property_id: live.id, field: 'type',
      cause: {
        code: 'unsupported_conversion', location: ctx.location, property: desired.name, from_type: from, to_type: d.type,
        supported: CONVERSIONS.map(([f, t]) => `${f} → ${t}`),
      },
    };
  }
  const options = d.type === 'select' || d.type === 'multi_select'
    ? d.options.map((o) => ({ name: o.name, ...(o.color !== undefined ? { color: o.color } : {}) })) : undefined;
  return {
    kind: 'migrate', property: desired.name, property_id: live.id,
    migration: {
      kind: 'convert', dataSourceId: ctx.dataSourceId, propertyId: live.id, from: pair[0], to: pair[1],
      ...(options !== undefined && options.length > 0 ? { options } : {}),
      ...(d.type === 'number' ? { numberFormat: d.format } : {}),
      rules: desired.convert,
    },
  };
}

/** A relation's target, kind (one-way/two-way) and synced-property name. */
function compareRelation(
  d: Extract<PropertyConfig, { type: 'relation' }>, lc: Extract<PropertyConfig, { type: 'relation' }>, name: string, ctx: PropertyContext,
): { changes: FieldChange[]; out: PropertyChange[]; destructive: boolean } {
  const changes: FieldChange[] = [];
  const out: PropertyChange[] = [];
  let destructive = false;
  const liveId = lc.target.kind === 'id' ? lc.target.id : null;
  const wantId = ctx.resolveTarget(d.target);
  if (wantId === null || wantId !== liveId) {
    destructive = true;
    changes.push({ field: 'data_source', before: liveId === null ? null : ctx.targetLabel({ kind: 'id', id: liveId }), after: ctx.targetLabel(d.target) });
  }
  const kind = (c: typeof d | typeof lc): string => (c.dual === null ? 'one-way' : 'two-way');
  if (kind(d) !== kind(lc)) changes.push({ field: 'relation_kind', before: kind(lc), after: kind(d) });
  else if (!destructive && d.dual !== null && lc.dual !== null && d.dual.property !== undefined
    && lc.dual.property !== undefined && d.dual.property !== lc.dual.property && liveId !== null) {
    out.push({
      kind: 'rename_synced', property: d.dual.property, property_id: lc.dual.property_id ?? lc.dual.property,
      far_data_source: ctx.targetLabel(d.target), relation: name, from: lc.dual.property,
    });
  }
  return { changes, out, destructive };
}

/**
 * Option lists: additions, removals, description changes and manual steps. The returned
 * config (made on first call, then the same object) is the desired one with kept options re-sent
 * by id, so a kept option is never deleted and recreated.
 */
function compareOptions(
  d: Extract<PropertyConfig, { type: 'select' | 'multi_select' | 'status' }>, lc: Extract<PropertyConfig, { type: 'select' | 'multi_select' | 'status' }>,
  name: string, id: string, description: string | null, ctx: PropertyContext,
): { config: () => PropertyConfig; out: PropertyChange[]; changes: FieldChange[] } {
  const od = diffOptions(d.options, lc.options, lc.type === 'status' ? lc.groups : undefined, { location: ctx.location, property: name }, ctx.recordedOptions?.(name));
  let made: PropertyConfig | undefined;
  const config = (): PropertyConfig => (made ??= keptConfig(d, od));
  const out: PropertyChange[] = [];
  if (od.added.length > 0) out.push({ kind: 'add_options', property: name, property_id: id, options: od.added, config: config(), description });
  if (od.removed.length > 0) out.push({ kind: 'remove_options', property: name, property_id: id, options: od.removed, config: config(), description });
  for (const m of od.manual) out.push({ kind: 'manual', property: name, property_id: id, field: 'options', cause: m });
  for (const m of od.migrations) {
    if (ctx.dataSourceId === null) continue;
    out.push({
      kind: 'migrate', property: name, property_id: id, ...(m.drift === true ? { drift: true } : {}),
      migration: { kind: 'option', dataSourceId: ctx.dataSourceId, propertyId: id, propertyType: lc.type, from: m.from, to: m.to },
    });
  }
  return { config, out, changes: od.descriptions.length + od.groups.length === 0 ? [] : [...od.descriptions, ...od.groups] };
}

/** The desired option config with kept options re-sent by id (and carried ones appended). */
function keptConfig(d: Extract<PropertyConfig, { type: 'select' | 'multi_select' | 'status' }>, od: ReturnType<typeof diffOptions>): PropertyConfig {
  const moved = new Set(od.groups.map((g) => g.field));
  return { ...d, options: [...d.options.map((o) => {
    const kept = od.keep.get(o.name);
    const group = o.group !== undefined && moved.has(`options.${o.name}.group`) ? { group: o.group } : {};
    return kept?.id !== undefined ? { id: kept.id, name: kept.name, description: o.description ?? null, ...group } : o;
  }), ...od.carry.filter((o) => o.id !== undefined).map((o) => ({ id: o.id, name: o.name, description: o.description ?? null }))] };
}
