import type { DataSourceDiff, DatabaseDiff, DiffResult, PropertyChange } from '../diff/index.js';
import { formulaReferences } from '../diff/index.js';
import { diffOptions } from '../diff/options.js';
import type { DataSourceRef, DesiredProperty, Icon, FieldChange, LiveState, OptionSpec, PropertyConfig } from '../model/index.js';
import type { Draft, RequestSlot, StepFields } from './drafts.js';
import { PHASE, slotOf } from './drafts.js';
import { dataSourceIdOf, syncedPropertyIdOf } from './placeholders.js';
import { iconBody, propertyBody } from './property-body.js';
import { richTextOrEmpty, setEntry } from './body.js';
import { assignLevels } from './levels.js';

/** Reading-order phase of a property step by its configuration. */
function phaseOf(config: PropertyConfig): number {
  if (config.type === 'relation') return PHASE.relation;
  return config.type === 'rollup' || config.type === 'formula' ? PHASE.dependent : PHASE.plain;
}

function fieldList(changes: readonly FieldChange[]): string {
  return changes.map((c) => c.field).join(', ');
}

/** Context for one data source while building its property drafts. */
interface DsCtx {
  readonly ds: DataSourceDiff;
  readonly db: DatabaseDiff;
  /** Create draft (database or data source) when the data source is new. */
  readonly create: Draft | null;
  /** Slot for level-0 property entries (the create request), when new. */
  readonly createSlot: RequestSlot | null;
}

/**
 * Turns the diff into step drafts with their dependencies, levels and body contributions.
 * See `buildPlan` for numbering and request grouping.
 */
export function buildDrafts(result: DiffResult, live: LiveState): Draft[] {
  const drafts: Draft[] = [];
  const createOf = new Map<string, Draft>(); // data source ref → create draft
  const dbCreate = new Map<string, Draft>();
  const propDrafts = new Map<string, Draft[]>(); // `${ref}\u0000${name}` → entry drafts
  const removalById = new Map<string, Draft>(); // `${ref}\u0000${property id}` → remove_property draft
  const keyOf = (ref: string, name: string): string => `${ref}\u0000${name}`;
  const resolve = (ref: DataSourceRef): string => {
    if (ref.kind === 'id') return ref.id;
    return live.data_sources.get(ref.key)?.live.id ?? dataSourceIdOf(ref.key);
  };
  const label = (ref: DataSourceRef): string => {
    if (ref.kind === 'key') return ref.key;
    for (const [k, v] of live.data_sources) if (v.live.id === ref.id) return k;
    return ref.id;
  };
  const patchSlot = (ds: string): RequestSlot => ({ type: 'patch_data_source', data_source: ds });

  // Databases and data sources.
  const ctxs: DsCtx[] = [];
  for (const db of result.databases) {
    if (db.live === null) {
      const initial = db.data_sources[0];
      const slot: RequestSlot = { type: 'create_database', database: db.key };
      const d: Draft = {
        fields: {
          kind: 'create_database', risk: 'safe', database: db.key, data_source: initial?.ref ?? `${db.key}.?`,
          title: db.desired.title, parent: db.desired.parent, initial_data_source: initial?.ref ?? '',
          reason: `Create database "${db.desired.title}" (${db.key}) with its first data source ${initial?.ref ?? ''}.`,
        },
        phase: PHASE.database, slotAt: () => slot, level: 0, deps: [],
      };
      drafts.push(d);
      dbCreate.set(db.key, d);
      if (initial) createOf.set(initial.ref, d);
    } else if (db.changes.length > 0) {
      drafts.push({
        fields: {
          kind: 'update_database', risk: 'safe', database: db.key, changes: db.changes,
          reason: `Update database ${db.key}: ${fieldList(db.changes)}.`,
        },
        phase: PHASE.database, slotAt: () => ({ type: 'update_database', database: db.key }), level: 0, deps: [],
        contribute: (body) => {
          for (const c of db.changes) body[c.field] = c.field === 'title' || c.field === 'description' ? richTextOrEmpty(c.after) : c.field === 'icon' ? iconBody(c.after as Icon | null) : c.after;
        },
      });
    }
  }
  for (const db of result.databases) {
    for (const ds of db.data_sources) {
      let create: Draft | null = createOf.get(ds.ref) ?? null;
      let createSlot: RequestSlot | null = create ? { type: 'create_database', database: db.key } : null;
      if (ds.live === null && !ds.initial) {
        createSlot = { type: 'create_data_source', data_source: ds.ref };
        const parent = dbCreate.get(db.key);
        create = {
          fields: {
            kind: 'create_data_source', risk: 'safe', database: db.key, data_source: ds.ref, title: ds.desired.title,
            reason: `Create data source "${ds.desired.title}" (${ds.ref}) in database ${db.key}.`,
          },
          phase: PHASE.data_source, slotAt: () => createSlot, level: 0, deps: parent ? [parent] : [],
        };
        createOf.set(ds.ref, create);
        drafts.push(create);
      }
      ctxs.push({ ds, db, create, createSlot });
      if (ds.changes.length > 0) {
        const changes = ds.changes;
        drafts.push({
          fields: {
            kind: 'update_data_source', risk: 'safe', database: db.key, data_source: ds.ref, changes,
            reason: ds.initial
              ? `Set data source ${ds.ref}'s ${fieldList(changes)} (a new database's first data source takes the database title and no icon).`
              : `Update data source ${ds.ref}: ${fieldList(changes)}.`,
          },
          phase: PHASE.data_source, slotAt: () => patchSlot(ds.ref), level: 1, deps: create ? [create] : [],
          contribute: (body) => {
            for (const c of changes) body[c.field] = c.field === 'title' ? richTextOrEmpty(c.after) : c.field === 'icon' ? iconBody(c.after as Icon | null) : c.after;
          },
        });
      }
    }
  }

  // Properties.
  const pending: { draft: Draft; deps: () => Draft[] }[] = [];
  for (const { ds, db, create, createSlot } of ctxs) {
    const matchedOf = (name: string): { desired: DesiredProperty; live: { id: string; config: PropertyConfig } } | undefined =>
      ds.matched.find((m) => m.desired.name === name);
    const optionsFor = (name: string): readonly OptionSpec[] | undefined => {
      const m = matchedOf(name);
      if (!m) return undefined;
      const d = m.desired.config;
      const l = m.live.config;
      if (!('options' in d) || !('options' in l) || d.type !== l.type) return undefined;
      const od = diffOptions(d.options, l.options, undefined, { location: '', property: name });
      return d.options.map((o) => {
        const kept = od.keep.get(o.name);
        return kept?.id !== undefined ? { id: kept.id, name: kept.name, description: o.description ?? null } : o;
      });
    };
    const base = create ? 0 : 1;
    const slotFor = (level: number): RequestSlot => (level === 0 && createSlot ? createSlot : patchSlot(ds.ref));
    const configDeps = (config: PropertyConfig, self: string): (() => Draft[]) => () => {
      const out: Draft[] = [];
      const pick = (ref: string, name: string): void => {
        for (const d of propDrafts.get(keyOf(ref, name)) ?? []) {
          if (ref === ds.ref && name === self) continue;
          // Only a property that comes into existence, changes name or type, or changes relation target must settle first.
          const f = d.fields;
          const settles = f.kind === 'add_property' || f.kind === 'rename_property' || f.kind === 'change_property_type'
            || (f.kind === 'update_property' && f.changes.some((c) => c.field === 'data_source'));
          if (settles) out.push(d);
        }
      };
      if (config.type === 'relation') {
        const c = createOf.get(label(config.target));
        if (c) out.push(c);
      } else if (config.type === 'rollup') {
        pick(ds.ref, config.relation);
        const rel = ds.desired.properties.find((p) => p.name === config.relation);
        if (rel?.config.type === 'relation') pick(label(rel.config.target), config.property);
      } else if (config.type === 'formula') {
        for (const n of formulaReferences(config.expression)) pick(ds.ref, n);
      }
      return out;
    };
    const common = { database: db.key, data_source: ds.ref };
    /** An added property whose name a live property gives up (rename or removal) in this plan waits for that change. */
    const freedName = (name: string, deps: () => Draft[]): (() => Draft[]) => () => {
      const out = deps();
      const renamedAway = ds.matched.find((m) => m.live.name === name && m.desired.name !== name);
      if (renamedAway) out.push(...(propDrafts.get(keyOf(ds.ref, renamedAway.desired.name)) ?? []).filter((d) => d.fields.kind === 'rename_property'));
      out.push(...removals.filter((d) => d.fields.kind === 'remove_property' && d.fields.property === name));
      return out;
    };
    const removals: Draft[] = [];
    /**
     * A two-way relation turned one-way whose synced property the file drops: remove that property first
     * (whether Notion then drops or keeps it on a kind change is unconfirmed; this order works for both).
     */
    const withDroppedSynced = (name: string, deps: () => Draft[]): (() => Draft[]) => () => {
      const out = deps();
      const m = matchedOf(name);
      const lc = m?.live.config;
      if (m?.desired.config.type === 'relation' && m.desired.config.dual === null && lc?.type === 'relation' && lc.dual?.property_id !== undefined) {
        const removal = removalById.get(keyOf(label(lc.target), lc.dual.property_id));
        if (removal) out.push(removal);
      }
      return out;
    };
    for (const ch of ds.properties) {
      const made = propertyDraft(ch);
      if (!made) continue;
      drafts.push(made.draft);
      if (made.draft.fields.kind === 'remove_property') {
        removals.push(made.draft);
        removalById.set(keyOf(ds.ref, made.draft.fields.property_id ?? ''), made.draft);
      }
      if (made.entry && ch.kind !== 'rename_synced' && ch.kind !== 'manual') {
        const k = keyOf(ds.ref, ch.property);
        propDrafts.set(k, [...(propDrafts.get(k) ?? []), made.draft]);
      }
      if (ch.kind === 'rename_synced') {
        // Rollups and formulas on the far side that use the synced property by its desired name wait for the rename.
        const k = keyOf(ch.far_data_source, ch.property);
        propDrafts.set(k, [...(propDrafts.get(k) ?? []), made.draft]);
      }
      pending.push({ draft: made.draft, deps: made.deps });
    }

    function propertyDraft(ch: PropertyChange): { draft: Draft; deps: () => Draft[]; entry: boolean } | null {
      const owner = create ?? undefined;
      const mk = (fields: StepFields, phase: number, deps: () => Draft[], contribute: Draft['contribute'], slotLevel: number | null, entry = true): { draft: Draft; deps: () => Draft[]; entry: boolean } => {
        const draft: Draft = {
          fields, phase, level: slotLevel ?? 0, deps: [], ...(owner ? { owner } : {}),
          slotAt: (level) => (slotLevel === null ? null : slotFor(level)),
          ...(contribute ? { contribute } : {}),
        };
        return { draft, deps, entry };
      };
      switch (ch.kind) {
        case 'add': {
          const cfg = ch.desired.config;
          const phase = phaseOf(cfg);
          const key = ch.property;
          const description = ch.desired.description;
          const r = mk({
            kind: 'add_property', risk: 'safe', ...common, property: ch.property, config: cfg, description,
            reason: `Add ${cfg.type} property "${ch.property}" to ${ds.ref}.`,
          }, phase, freedName(ch.property, configDeps(cfg, ch.property)), (body) => {
            setEntry(body, slotOf(r.draft) as RequestSlot, key, { ...propertyBody(cfg, resolve), ...(description !== null ? { description } : {}) });
          }, base);
          return r;
        }
        case 'rename': {
          const title = ch.property_id === 'title' ? ' (the title property)' : '';
          const r = mk({
            kind: 'rename_property', risk: 'safe', ...common, property: ch.property, property_id: ch.property_id, from: ch.from,
            reason: `Rename property "${ch.from}" to "${ch.property}"${title} in ${ds.ref}; its values are kept.`,
          }, PHASE.plain, () => [], (body) => setEntry(body, slotOf(r.draft) as RequestSlot, ch.property_id, { name: ch.property }), 1);
          return r;
        }
        case 'update': {
          const m = matchedOf(ch.property);
          const onlyDescription = ch.changes.every((c) => c.field === 'description');
          const cfg = m?.desired.config;
          const description = m?.desired.description ?? null;
          const target = ch.changes.find((c) => c.field === 'data_source');
          const phase = cfg ? phaseOf(cfg) : PHASE.plain;
          const r = mk({
            kind: 'update_property', risk: ch.destructive ? 'destructive' : 'safe', ...common,
            property: ch.property, property_id: ch.property_id, changes: ch.changes,
            reason: target
              ? `Point relation "${ch.property}" of ${ds.ref} at ${String(target.after)}; its existing relation values are lost.`
              : `Update property "${ch.property}" of ${ds.ref}: ${fieldList(ch.changes)}.`,
          }, phase, cfg && !onlyDescription ? withDroppedSynced(ch.property, configDeps(cfg, ch.property)) : () => [], (body) => {
            setEntry(body, slotOf(r.draft) as RequestSlot, ch.property_id, onlyDescription || !cfg
              ? { description }
              : { ...propertyBody(cfg, resolve, optionsFor(ch.property)), description });
          }, 1);
          return r;
        }
        case 'change_type': {
          const description = matchedOf(ch.property)?.desired.description ?? null;
          const r = mk({
            kind: 'change_property_type', risk: 'destructive', ...common, property: ch.property, property_id: ch.property_id,
            from_type: ch.from_type, to_type: ch.to_type, config: ch.config,
            reason: `Change property "${ch.property}" of ${ds.ref} from ${ch.from_type} to ${ch.to_type}; values that do not convert are lost.`,
          }, phaseOf(ch.config),
          configDeps(ch.config, ch.property), (body) => {
            setEntry(body, slotOf(r.draft) as RequestSlot, ch.property_id, { ...propertyBody(ch.config, resolve), description });
          }, 1);
          return r;
        }
        case 'remove': {
          const r = mk({
            kind: 'remove_property', risk: 'destructive', ...common, property: ch.property, property_id: ch.property_id,
            property_type: ch.property_type,
            reason: `Remove ${ch.property_type} property "${ch.property}" from ${ds.ref}; its values on every page are lost.`,
          }, PHASE.removal, () => [], (body) => setEntry(body, slotOf(r.draft) as RequestSlot, ch.property_id, null), 1, false);
          return r;
        }
        case 'add_options':
        case 'remove_options': {
          const m = matchedOf(ch.property);
          const cfg = m?.desired.config;
          const description = m?.desired.description ?? null;
          const names = ch.options.map((o) => `"${o.name}"`).join(', ');
          const contribute: Draft['contribute'] = (body) => {
            if (cfg) setEntry(body, slotOf(r.draft) as RequestSlot, ch.property_id, { ...propertyBody(cfg, resolve, optionsFor(ch.property)), description });
          };
          const r = ch.kind === 'add_options'
            ? mk({
                kind: 'add_options', risk: 'safe', ...common, property: ch.property, property_id: ch.property_id, options: ch.options,
                reason: `Add option${ch.options.length > 1 ? 's' : ''} ${names} to "${ch.property}" of ${ds.ref}.`,
              }, PHASE.plain, () => [], contribute, 1, false)
            : mk({
                kind: 'remove_options', risk: 'destructive', ...common, property: ch.property, property_id: ch.property_id,
                options: ch.options.map((o) => o.name),
                reason: `Remove option${ch.options.length > 1 ? 's' : ''} ${names} from "${ch.property}" of ${ds.ref}; pages lose these values.`,
              }, PHASE.removal, () => [], contribute, 1, false);
          return r;
        }
        case 'rename_synced': {
          const far = ch.far_data_source;
          const farPatch: RequestSlot = { type: 'patch_data_source', data_source: far };
          const relDrafts = (): Draft[] => propDrafts.get(keyOf(ds.ref, ch.relation)) ?? [];
          const key = (self: (d: Draft) => string): string => {
            if (ch.from !== null && ch.property_id !== undefined) return ch.property_id;
            const rel = relDrafts()[0];
            return rel ? syncedPropertyIdOf(self(rel)) : ch.property;
          };
          const draft: Draft = {
            fields: {
              kind: 'rename_property', risk: 'safe', database: far.includes('.') ? far.split('.')[0] ?? db.key : db.key,
              data_source: far, property: ch.property, from: ch.from ?? `(synced property of ${ds.ref} › ${ch.relation})`,
              ...(ch.from !== null && ch.property_id !== undefined ? { property_id: ch.property_id } : {}),
              reason: ch.from === null
                ? `Name the synced property of two-way relation "${ch.relation}" (${ds.ref}) on ${far} "${ch.property}", once Notion has created it.`
                : `Rename the synced property of two-way relation "${ch.relation}" (${ds.ref}) on ${far} from "${ch.from}" to "${ch.property}".`,
            },
            phase: PHASE.synced, slotAt: () => farPatch, level: 1, deps: [],
            contribute: (body, self) => setEntry(body, farPatch, key(self), { name: ch.property }),
          };
          return { draft, deps: relDrafts, entry: false };
        }
        case 'manual':
          return mk({
            kind: 'manual', risk: 'forbidden', ...common,
            ...(ch.property !== undefined ? { property: ch.property } : {}),
            ...(ch.property_id !== undefined ? { property_id: ch.property_id } : {}),
            reason: ch.reason, instruction: ch.instruction,
          }, PHASE.manual, () => [], undefined, null, false);
      }
    }
  }

  // Resolve dependencies, then levels (dependencies always raise the level, so there are no cycles).
  for (const p of pending) p.draft.deps.push(...p.deps().filter((d) => d !== p.draft));
  assignLevels(drafts);
  return drafts;
}
