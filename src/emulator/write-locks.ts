import { ApiError } from './errors.js';
import { normalizeId } from './ids.js';
import { isRecord } from './rich-text.js';
import { findProperty } from './schema/config.js';
import type { EmulatorState } from './state-types.js';

/**
 * Data collisions (notion-api.md §5.1, 409 `conflict_error`): a schema write occupies the data
 * sources it changes from the moment it is accepted until it has committed; another schema write
 * to one of them in that window is answered 409 and changes nothing. A relation write that also
 * changes its far side (a two-way relation) occupies the far data source too.
 * Invariant: a data source is held by at most one request at a time.
 */
export class WriteLocks {
  private readonly held = new Set<string>();

  /** Takes every id or throws 409 `conflict_error` (taking none) when one is held. Returns the release function. */
  acquire(ids: readonly string[]): () => void {
    const unique = [...new Set(ids)];
    if (unique.some((id) => this.held.has(id))) {
      throw new ApiError('conflict_error', 'Conflict occurred while saving. Please try again.');
    }
    for (const id of unique) this.held.add(id);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of unique) this.held.delete(id);
    };
  }
}

type Obj = Record<string, unknown>;

/** The data sources a relation configuration in a request changes on its far side (two-way relations). */
function farSidesOf(value: unknown): string[] {
  if (!isRecord(value) || !isRecord(value.relation)) return [];
  const rel = value.relation;
  const twoWay = rel.type === 'dual_property' || isRecord(rel.dual_property);
  return twoWay && typeof rel.data_source_id === 'string' ? [rel.data_source_id] : [];
}

function propertiesTargets(state: EmulatorState, dsId: string | null, properties: unknown): string[] {
  if (!isRecord(properties)) return [];
  const out: string[] = [];
  const ds = dsId === null ? undefined : state.data_sources[dsId];
  for (const [key, value] of Object.entries(properties)) {
    out.push(...farSidesOf(value));
    const existing = ds === undefined ? undefined : findProperty(ds, key);
    if (existing?.type === 'relation' && existing.config.type === 'dual_property') out.push(String(existing.config.data_source_id));
  }
  return out;
}

/**
 * The data sources a request changes the schema of (empty for every other request): the patched
 * data source and the far sides of two-way relations it adds, changes or removes.
 * Ids are compared dashed and lower-case, as stored.
 */
export function schemaWriteTargets(state: EmulatorState, method: string, segs: readonly string[], body: Obj): string[] {
  const norm = (ids: string[]): string[] => ids.map((id) => normalize(id));
  if (segs[0] === 'data_sources' && method === 'PATCH' && segs.length === 2) {
    const id = normalize(segs[1] ?? '');
    return [id, ...norm(propertiesTargets(state, id, body.properties))];
  }
  if (segs[0] === 'data_sources' && method === 'POST' && segs.length === 1) return norm(propertiesTargets(state, null, body.properties));
  if (segs[0] === 'databases' && method === 'POST' && segs.length === 1) {
    const initial = isRecord(body.initial_data_source) ? body.initial_data_source : {};
    return norm(propertiesTargets(state, null, initial.properties));
  }
  return [];
}

function normalize(id: string): string {
  return normalizeId(id) ?? id;
}
