import type { DataSourceRef, DesiredDataSource, DesiredProperty, DesiredState, LiveDataSource, LiveProperty, LiveState } from '../model/index.js';
import type { OwnedSynced } from './match.js';

/** A two-way relation whose synced (far side) property Notion creates when the relation is added. */
export interface PendingSynced {
  /** Data source ref owning the relation. */
  readonly ref: string;
  readonly relation: string;
  /** Desired name of the far side's synced property. */
  readonly name: string;
}

export interface SyncedIndex {
  /** Per data source ref (or external id): properties owned by two-way relations declared elsewhere. */
  readonly owned: ReadonlyMap<string, OwnedSynced>;
  /** Relations created (or turned two-way) by this plan whose synced property needs a desired name. */
  readonly pending: readonly PendingSynced[];
}

const compact = (id: string): string => id.replace(/-/g, '').toLowerCase();

/** Ref of a relation target: the desired ref when the file names it (by key or by bound id), else the id. */
export function targetKey(desired: DesiredState, live: LiveState, ref: DataSourceRef): string {
  if (ref.kind === 'key') return ref.key;
  for (const [key, v] of live.data_sources) if (v.live.id === ref.id) return key;
  for (const db of desired.databases) for (const ds of db.data_sources) if (ds.id === ref.id) return ds.ref;
  return ref.id;
}

/**
 * Finds the far-side properties of two-way relations: Notion creates and maintains them,
 * so the planner never adds or removes them; it only renames them after the relation exists.
 * File order decides which side of a pair declared on both sides creates the relation.
 */
export function indexSynced(desired: DesiredState, live: LiveState): SyncedIndex {
  const ids = new Map<string, Set<string>>();
  const names = new Map<string, Set<string>>();
  const pending: PendingSynced[] = [];
  const add = (m: Map<string, Set<string>>, k: string, v: string): void => {
    const s = m.get(k) ?? new Set<string>();
    s.add(v);
    m.set(k, s);
  };
  // Relations that exist live come first: of a pair declared on both sides, the side that exists
  // owns the relation (turning it two-way), and the other is its synced property (never a second pair).
  // Only relations matter here (in file order): other properties are never looked at.
  const relations: { readonly ds: DesiredDataSource; readonly p: DesiredProperty; readonly l: LiveProperty | undefined }[] = [];
  for (const db of desired.databases) {
    for (const ds of db.data_sources) {
      let liveDs: LiveDataSource | undefined | null = null;
      for (const p of ds.properties) {
        if (p.config.type !== 'relation') continue;
        if (liveDs === null) liveDs = live.data_sources.get(ds.ref)?.live;
        const candidates = [p.name, ...p.renamed_from];
        relations.push({ ds, p, l: liveDs?.properties.find((x) => candidates.includes(x.name) && x.config.type === 'relation') });
      }
    }
  }
  for (const { ds, p, l } of [...relations.filter((x) => x.l !== undefined), ...relations.filter((x) => x.l === undefined)]) {
    if (p.config.type !== 'relation') continue;
    if (names.get(ds.ref)?.has(p.name)) continue; // this is itself the synced side of an earlier relation
    const far = targetKey(desired, live, p.config.target);
    const lc = l?.config.type === 'relation' ? l.config : undefined;
    // A relation pointed at another data source gets a new synced property there, named by Notion.
    const farId = p.config.target.kind === 'id' ? p.config.target.id : live.data_sources.get(far)?.live.id;
    const retargeted = lc !== undefined && lc.target.kind === 'id' && farId !== undefined && compact(lc.target.id) !== compact(farId);
    const liveDual = lc !== undefined && !retargeted ? lc.dual : null;
    if (p.config.dual === null) continue;
    if (liveDual?.property_id !== undefined) add(ids, far, liveDual.property_id);
    if (p.config.dual.property !== undefined) {
      add(names, far, p.config.dual.property);
      if (liveDual === null) pending.push({ ref: ds.ref, relation: p.name, name: p.config.dual.property });
    }
  }
  const owned = new Map<string, OwnedSynced>();
  for (const k of new Set([...ids.keys(), ...names.keys()])) {
    owned.set(k, { ids: ids.get(k) ?? new Set(), names: names.get(k) ?? new Set() });
  }
  return { owned, pending };
}
