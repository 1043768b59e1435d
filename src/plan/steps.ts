import type { DataSourceDiff, DatabaseDiff, DiffResult, PropertyChange, Removal } from '../diff/index.js';
import { formulaReferences } from '../diff/index.js';
import type { DataSourceRef, LiveState, MigrationSpec, PropertyConfig } from '../model/index.js';
import type { Need, PlannedStep, RequestSlot, StepFields } from './planned.js';
import { PHASE } from './planned.js';
import { manualInstruction, manualWhy } from '../render/manual-cause.js';
import { viewSteps } from './view-steps.js';

/** Reading-order phase of a property step by its configuration. */
function phaseOf(config: PropertyConfig): number {
  if (config.type === 'relation') return PHASE.relation;
  return config.type === 'rollup' || config.type === 'formula' ? PHASE.dependent : PHASE.plain;
}

const patchSlot = (ds: string): RequestSlot => ({ type: 'patch_data_source', data_source: ds });

/** Names a relation target as the plan does: its data source ref, or its id when outside the file. */
export function targetLabel(live: LiveState, ref: DataSourceRef): string {
  if (ref.kind === 'key') return ref.key;
  for (const [k, v] of live.data_sources) if (v.live.id === ref.id) return k;
  return ref.id;
}

/**
 * Pass 1 of the planner: the diff → one planned step per change, as plain data.
 * Dependencies are recorded as `needs` (looked up by `link`), never as closures.
 */
export function planSteps(result: DiffResult, live: LiveState): PlannedStep[] {
  const out: PlannedStep[] = [];
  const createOf = new Map<string, number>(); // data source ref → index of its create step
  const dbCreate = new Map<string, number>();
  for (const db of result.databases) databaseSteps(db, out, createOf, dbCreate);
  const contexts: { ds: DataSourceDiff; db: DatabaseDiff; create: number | undefined; createSlot: RequestSlot | undefined }[] = [];
  for (const db of result.databases) {
    for (const ds of db.data_sources) {
      let create = createOf.get(ds.ref);
      let createSlot: RequestSlot | undefined = create !== undefined ? { type: 'create_database', database: db.key } : undefined;
      if (ds.live === null && !ds.initial) {
        createSlot = { type: 'create_data_source', data_source: ds.ref };
        const parent = dbCreate.get(db.key);
        create = out.length;
        out.push({
          fields: { kind: 'create_data_source', risk: 'safe', database: db.key, data_source: ds.ref, title: ds.desired.title, icon: ds.desired.icon },
          phase: PHASE.data_source, level: 0, slot: createSlot,
          needs: parent !== undefined ? [{ kind: 'step', index: parent }] : [],
        });
        createOf.set(ds.ref, create);
      }
      contexts.push({ ds, db, create, createSlot });
      if (ds.changes.length > 0) {
        out.push({
          fields: {
            kind: 'update_data_source', risk: 'safe', database: db.key, data_source: ds.ref, changes: ds.changes,
            ...(ds.initial ? { completes_create: true } : {}),
          },
          phase: PHASE.data_source, level: 1, slot: patchSlot(ds.ref),
          needs: create !== undefined ? [{ kind: 'step', index: create }] : [],
        });
      }
    }
  }
  for (const c of contexts) {
    for (const ch of c.ds.properties) out.push(propertyStep(ch, c, live));
  }
  for (const c of contexts) out.push(...viewSteps(c.ds, out.length));
  for (const r of result.removals) out.push(removalStep(r));
  return out;
}

/** A lock binding the file no longer declares: to the trash, in its own request (after every other change). */
function removalStep(r: Removal): PlannedStep {
  if (r.kind === 'database') {
    return {
      fields: { kind: 'remove_database', risk: 'destructive', database: r.key, database_id: r.id, title: r.title, data_sources: r.data_sources },
      phase: PHASE.removal, level: 1, slot: { type: 'update_database', database: r.key }, needs: [],
    };
  }
  return {
    fields: { kind: 'remove_data_source', risk: 'destructive', database: r.database, data_source: r.ref, data_source_id: r.id, title: r.title },
    phase: PHASE.removal, level: 1, slot: patchSlot(r.ref), needs: [],
  };
}

function databaseSteps(db: DatabaseDiff, out: PlannedStep[], createOf: Map<string, number>, dbCreate: Map<string, number>): void {
  if (db.live === null) {
    const initial = db.data_sources[0];
    const d = db.desired;
    dbCreate.set(db.key, out.length);
    if (initial) createOf.set(initial.ref, out.length);
    out.push({
      fields: {
        kind: 'create_database', risk: 'safe', database: db.key, data_source: initial?.ref ?? `${db.key}.?`,
        title: d.title, parent: d.parent, description: d.description, icon: d.icon, is_inline: d.is_inline,
        initial_data_source: initial?.ref ?? '',
      },
      phase: PHASE.database, level: 0, slot: { type: 'create_database', database: db.key }, needs: [],
    });
    return;
  }
  if (db.restore) {
    out.push({
      fields: { kind: 'restore_database', risk: 'safe', database: db.key, database_id: db.live.id, title: db.live.title, drift: true },
      phase: PHASE.database, level: 0, slot: { type: 'update_database', database: db.key }, needs: [],
    });
  }
  if (db.changes.length > 0) {
    out.push({
      fields: { kind: 'update_database', risk: 'safe', database: db.key, changes: db.changes },
      phase: PHASE.database, level: 0, slot: { type: 'update_database', database: db.key }, needs: [],
    });
  }
}

interface DsContext {
  readonly ds: DataSourceDiff;
  readonly db: DatabaseDiff;
  readonly create: number | undefined;
  readonly createSlot: RequestSlot | undefined;
}

/** What a rollup or formula uses must settle first; a relation waits for its target's create. */
function configNeeds(config: PropertyConfig, self: string, ctx: DsContext, live: LiveState): Need[] {
  const ref = ctx.ds.ref;
  if (config.type === 'relation') return [{ kind: 'create', ref: targetLabel(live, config.target) }];
  if (config.type === 'rollup') {
    const out: Need[] = [{ kind: 'settled', ref, name: config.relation, except: self }];
    const rel = ctx.ds.desired.properties.find((p) => p.name === config.relation);
    if (rel?.config.type === 'relation') {
      const target = targetLabel(live, rel.config.target);
      out.push({ kind: 'settled', ref: target, name: config.property, ...(target === ref ? { except: self } : {}) });
    }
    return out;
  }
  if (config.type === 'formula') return formulaReferences(config.expression).map((name) => ({ kind: 'settled', ref, name, except: self }));
  return [];
}

/** An added property whose name a live property gives up (rename or removal) in this plan waits for that change. */
function freedNeeds(name: string, ds: DataSourceDiff): Need[] {
  const out: Need[] = [];
  const renamedAway = ds.matched.find((m) => m.live.name === name && m.desired.name !== name);
  if (renamedAway) out.push({ kind: 'renamed', ref: ds.ref, name: renamedAway.desired.name });
  out.push({ kind: 'removed', ref: ds.ref, name });
  return out;
}

/**
 * A two-way relation turned one-way whose synced property the file drops: remove that property first
 * (whether Notion then drops or keeps it on a kind change is unconfirmed; this order works for both).
 */
function droppedSyncedNeeds(name: string, ds: DataSourceDiff, live: LiveState): Need[] {
  const m = ds.matched.find((x) => x.desired.name === name);
  const lc = m?.live.config;
  if (m?.desired.config.type === 'relation' && m.desired.config.dual === null && lc?.type === 'relation' && lc.dual?.property_id !== undefined) {
    return [{ kind: 'removed_id', ref: targetLabel(live, lc.target), property_id: lc.dual.property_id }];
  }
  return [];
}

function propertyStep(ch: PropertyChange, ctx: DsContext, live: LiveState): PlannedStep {
  const { ds, db } = ctx;
  const common = { database: db.key, data_source: ds.ref };
  const onDs = (fields: StepFields, phase: number, level: number, needs: Need[], writes: boolean): PlannedStep => ({
    fields, phase, level, slot: patchSlot(ds.ref), needs,
    ...(ctx.createSlot !== undefined ? { createSlot: ctx.createSlot } : {}),
    ...(ctx.create !== undefined ? { owner: ctx.create } : {}),
    ...(writes && ch.property !== undefined ? { writes: { ref: ds.ref, name: ch.property } } : {}),
  });
  switch (ch.kind) {
    case 'add':
      return onDs({ kind: 'add_property', risk: 'safe', ...common, property: ch.property, config: ch.desired.config, description: ch.desired.description },
        phaseOf(ch.desired.config), ctx.create !== undefined ? 0 : 1,
        [...configNeeds(ch.desired.config, ch.property, ctx, live), ...freedNeeds(ch.property, ds)], true);
    case 'rename':
      return onDs({ kind: 'rename_property', risk: 'safe', ...common, property: ch.property, property_id: ch.property_id, from: ch.from, ...(ch.drift === true ? { drift: true } : {}) },
        PHASE.plain, 1, [], true);
    case 'update': {
      const onlyDescription = ch.changes.every((c) => c.field === 'description');
      return onDs({
        kind: 'update_property', risk: ch.destructive ? 'destructive' : 'safe', ...common, property: ch.property,
        property_id: ch.property_id, changes: ch.changes, config: ch.config, description: ch.description,
      }, phaseOf(ch.config), 1,
      onlyDescription ? [] : [...configNeeds(ch.config, ch.property, ctx, live), ...droppedSyncedNeeds(ch.property, ds, live)], true);
    }
    case 'change_type':
      return onDs({
        kind: 'change_property_type', risk: 'destructive', ...common, property: ch.property, property_id: ch.property_id,
        from_type: ch.from_type, to_type: ch.to_type, config: ch.config, description: ch.description,
      }, phaseOf(ch.config), 1, configNeeds(ch.config, ch.property, ctx, live), true);
    case 'remove':
      return onDs({ kind: 'remove_property', risk: 'destructive', ...common, property: ch.property, property_id: ch.property_id, property_type: ch.property_type },
        PHASE.removal, 1, [], false);
    case 'add_options':
      return onDs({ kind: 'add_options', risk: 'safe', ...common, property: ch.property, property_id: ch.property_id, options: ch.options, config: ch.config, description: ch.description },
        PHASE.plain, 1, [], false);
    case 'remove_options':
      return onDs({
        kind: 'remove_options', risk: 'destructive', ...common, property: ch.property, property_id: ch.property_id,
        options: ch.options.map((o) => o.name), config: ch.config, description: ch.description,
      }, PHASE.removal, 1, [], false);
    case 'rename_synced':
      return syncedRenameStep(ch, ctx);
    case 'migrate':
      return {
        fields: {
          kind: 'migrate_values', risk: clearsValues(ch.migration) ? 'destructive' : 'safe', ...common,
          property: ch.property, property_id: ch.property_id, migration: ch.migration, ...(ch.drift === true ? { drift: true } : {}),
        },
        // No request: the migration engine runs it after every request, once the property is settled.
        phase: PHASE.migration, level: 0, slot: null, needs: [{ kind: 'settled', ref: ds.ref, name: ch.property }],
      };
    case 'manual':
      return {
        fields: {
          kind: 'manual', risk: 'forbidden', ...common,
          ...(ch.property !== undefined ? { property: ch.property } : {}),
          ...(ch.property_id !== undefined ? { property_id: ch.property_id } : {}),
          cause: ch.cause, why: manualWhy(ch.cause), instruction: manualInstruction(ch.cause),
        },
        phase: PHASE.manual, level: 0, slot: null, needs: [],
        ...(ctx.create !== undefined ? { owner: ctx.create } : {}),
      };
  }
}

/** A conversion whose rules may write empty values in place of existing ones. */
function clearsValues(m: MigrationSpec): boolean {
  if (m.kind !== 'convert') return false;
  return m.rules.onUnconvertible === 'empty' || Object.values(m.rules.map ?? {}).some((v) => v === null)
    || (m.rules.checkbox?.unchecked === null && m.from === 'checkbox');
}

/** Names (or renames) the synced property of a two-way relation on its far side, once the relation exists. */
function syncedRenameStep(ch: Extract<PropertyChange, { kind: 'rename_synced' }>, ctx: DsContext): PlannedStep {
  const { ds, db } = ctx;
  const far = ch.far_data_source;
  const known = ch.from !== null && ch.property_id !== undefined;
  return {
    fields: {
      kind: 'rename_property', risk: 'safe', database: far.includes('.') ? far.split('.')[0] ?? db.key : db.key,
      data_source: far, property: ch.property, from: ch.from ?? `(synced property of ${ds.ref} › ${ch.relation})`,
      ...(known ? { property_id: ch.property_id } : {}),
      synced: { relation_data_source: ds.ref, relation: ch.relation, named_by_notion: ch.from === null },
    },
    phase: PHASE.synced, level: 1, slot: patchSlot(far),
    needs: [{ kind: 'relation', ref: ds.ref, name: ch.relation }],
    // Rollups and formulas on the far side that use the synced property by its desired name wait for the rename.
    writes: { ref: far, name: ch.property },
    ...(known ? {} : { syncedOf: { ref: ds.ref, name: ch.relation } }),
  };
}
