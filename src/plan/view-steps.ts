import type { DataSourceDiff, ViewChange } from '../diff/index.js';
import { isUnmanageable } from '../diff/index.js';
import type { DesiredView } from '../model/index.js';
import { GROUP_BY_TYPE } from '../model/index.js';
import { defaultViewRef } from '../wire/refs.js';
import type { Need, PlannedStep } from './planned.js';
import { PHASE } from './planned.js';

/** The spec part of a declared view (what a view step carries). */
function specOf(d: DesiredView): Omit<DesiredView, 'name' | 'renamed_from' | 'location'> {
  const { name: _n, renamed_from: _r, location: _l, ...spec } = d;
  return spec;
}

/** The fields every create/update view step carries to be encoded alone. */
function viewFields(ds: DataSourceDiff, d: DesiredView): { spec: ReturnType<typeof specOf>; property_ids: Record<string, string>; hidden: string[]; group_by_type?: string } {
  // Declared properties not listed are hidden; one the API cannot create (a button) is left out until it exists.
  const exists = (p: DataSourceDiff['desired']['properties'][number]): boolean => !isUnmanageable(p.config.type) || Object.hasOwn(ds.property_ids ?? {}, p.name);
  const hidden = d.properties === null ? [] : ds.desired.properties.filter((p) => exists(p) && !(d.properties ?? []).includes(p.name)).map((p) => p.name);
  const groupType = d.group_by === null ? undefined : GROUP_BY_TYPE[ds.desired.properties.find((p) => p.name === d.group_by)?.config.type ?? 'title'];
  return { spec: specOf(d), property_ids: { ...(ds.property_ids ?? {}) }, hidden, ...(groupType !== undefined ? { group_by_type: groupType } : {}) };
}

/**
 * The view steps of one data source, after all of its schema steps (`data_source` need), each
 * create after the view step before it (tabs are appended in file order). One request per step.
 * `offset` is the index the first returned step takes in the planned steps (for `step` needs).
 */
export function viewSteps(ds: DataSourceDiff, offset: number): PlannedStep[] {
  const out: PlannedStep[] = [];
  const common = { database: ds.database, data_source: ds.ref };
  let previous: number | undefined;
  const base = (): Need[] => [{ kind: 'data_source', ref: ds.ref }, ...(previous !== undefined ? [{ kind: 'step' as const, index: previous }] : [])];
  const views = ds.views ?? [];
  views.forEach((ch: ViewChange) => {
    const needs = base();
    const at = offset + out.length;
    if (ch.kind === 'create') {
      out.push({
        fields: { kind: 'create_view', risk: 'safe', ...common, view: ch.desired.name, ...viewFields(ds, ch.desired), ...(ch.first ? { first: true } : {}) },
        phase: PHASE.view, level: 1, slot: { type: 'create_view', data_source: ds.ref, view: ch.desired.name }, needs,
      });
    } else if (ch.kind === 'update') {
      const target = ch.view_id ?? defaultViewRef(ds.ref);
      out.push({
        fields: {
          kind: 'update_view', risk: 'safe', ...common, view: ch.desired.name, changes: ch.changes, ...viewFields(ds, ch.desired),
          ...(ch.view_id !== undefined ? { view_id: ch.view_id } : {}), ...(ch.adopts_default === true ? { adopts_default: true } : {}),
          ...(ch.drift === true ? { drift: true } : {}),
        },
        phase: PHASE.view, level: 1, slot: { type: 'update_view', data_source: ds.ref, view: ch.desired.name, target }, needs,
      });
    } else {
      const target = ch.view_id ?? defaultViewRef(ds.ref);
      out.push({
        fields: {
          kind: 'remove_view', risk: 'safe', ...common, view: ch.name, view_type: ch.type, why: ch.why,
          ...(ch.view_id !== undefined ? { view_id: ch.view_id } : {}),
        },
        phase: PHASE.view, level: 1, slot: { type: 'delete_view', data_source: ds.ref, view: ch.name, target }, needs,
      });
    }
    previous = at;
  });
  return out;
}
