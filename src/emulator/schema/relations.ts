import { newPropertyId } from '../ids.js';
import { plainText } from '../rich-text.js';
import type { EmulatorState, StoredDataSource, StoredProperty } from '../state-types.js';

/**
 * Two-way relation bookkeeping. The synced property Notion creates on the target is named
 * `Related to <source data source title> (<property name>)`; `synced_property_name` in the
 * request is ignored (the stricter choice; the client renames it with a follow-up PATCH).
 */
export function createSyncedProperty(state: EmulatorState, source: StoredDataSource, prop: StoredProperty): void {
  const target = state.data_sources[prop.config.data_source_id as string];
  if (target === undefined) return;
  const taken = new Set(Object.keys(target.properties));
  const names = new Set(Object.values(target.properties).map((p) => p.name));
  const base = `Related to ${plainText(source.title) || 'Untitled'} (${prop.name})`;
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base} ${i}`;
  const id = newPropertyId(taken);
  target.properties[id] = {
    id, name, description: null, type: 'relation',
    config: { data_source_id: source.id, type: 'dual_property', synced_property_id: prop.id },
  };
  target.property_order.push(id);
  prop.config = { ...prop.config, type: 'dual_property', synced_property_id: id };
}

/**
 * Called when a two-way relation stops being one (deleted, converted, made one-way or
 * re-targeted): the far side stays, as a one-way relation keeping its values.
 */
export function detachSyncedProperty(state: EmulatorState, prop: StoredProperty): void {
  if (prop.type !== 'relation' || prop.config.type !== 'dual_property') return;
  const target = state.data_sources[prop.config.data_source_id as string];
  const far = target?.properties[prop.config.synced_property_id as string];
  if (far === undefined) return;
  far.config = { data_source_id: far.config.data_source_id, type: 'single_property' };
}
