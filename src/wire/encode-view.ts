import type { CreateViewParameters, UpdateViewParameters } from '@notionhq/client';
import type { IdOrRef, Step, ViewSort, ViewSpec, WithRefs } from '../model/index.js';
import { GROUPING_VIEW_TYPES, PROPERTY_LIST_VIEW_TYPES } from '../model/index.js';
import { propertyIdRef } from './refs.js';

/** The body of `POST /v1/views` (SDK `CreateViewParameters`), ids possibly references. */
export type CreateViewBody = WithRefs<CreateViewParameters>;
/** The body of `PATCH /v1/views/{id}` (SDK `UpdateViewParameters` without the path parameter). */
export type UpdateViewBody = WithRefs<Omit<UpdateViewParameters, 'view_id'>>;
type Configuration = NonNullable<UpdateViewBody['configuration']>;

type ViewStep = Extract<Step, { kind: 'create_view' | 'update_view' }>;

/** Property name → its id, or a reference to the id of a property created by the same plan. */
function idOf(step: ViewStep): (name: string) => IdOrRef {
  return (name) => (Object.hasOwn(step.property_ids, name) ? step.property_ids[name] as string : propertyIdRef(step.data_source, name));
}

/** A filter (or sorts) with property names replaced by ids: only whole `property` values, recursively through and/or. */
function withIds(value: unknown, id: (name: string) => IdOrRef): unknown {
  if (Array.isArray(value)) return value.map((v) => withIds(v, id));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, {
      value: k === 'property' && typeof v === 'string' ? id(v) : k === 'and' || k === 'or' ? withIds(v, id) : v,
      enumerable: true, writable: true, configurable: true,
    });
  }
  return out;
}

/** `group_by` for a property whose API group type is `type` (the settings Notion's app starts with). */
function groupBy(type: string, propertyId: IdOrRef): Record<string, unknown> {
  const base = { type, property_id: propertyId, sort: { type: 'manual' } };
  if (type === 'status') return { ...base, group_by: 'group' };
  if (['text', 'title', 'url', 'email', 'phone_number'].includes(type)) return { ...base, group_by: 'exact', sort: { type: 'ascending' } };
  if (['date', 'created_time', 'last_edited_time'].includes(type)) return { ...base, group_by: 'relative', sort: { type: 'ascending' } };
  return base;
}

/** The whole configuration of a view of the step's type, from its spec (fields it does not take are not sent). */
export function viewConfiguration(step: ViewStep): Configuration {
  const s = step.spec;
  const id = idOf(step);
  const c: Record<string, unknown> = { type: s.type };
  if (s.properties !== null && PROPERTY_LIST_VIEW_TYPES.includes(s.type)) {
    c['properties'] = [
      ...s.properties.map((n) => ({ property_id: id(n), visible: true })),
      ...step.hidden.map((n) => ({ property_id: id(n), visible: false })),
    ];
  }
  if (GROUPING_VIEW_TYPES.includes(s.type)) {
    c['group_by'] = s.group_by === null ? null : groupBy(step.group_by_type ?? 'select', id(s.group_by));
  }
  if (s.type === 'calendar' || s.type === 'timeline') c['date_property_id'] = s.date_property === null ? null : id(s.date_property);
  if (s.type === 'timeline') c['end_date_property_id'] = s.end_date_property === null ? null : id(s.end_date_property);
  if (s.type === 'chart' && s.chart_type !== null) c['chart_type'] = s.chart_type;
  if (s.type === 'map' && s.map_by !== null) c['map_by'] = id(s.map_by);
  return c as Configuration;
}

const sortsBody = (sorts: readonly ViewSort[], id: (name: string) => IdOrRef): unknown => withIds(sorts, id);

/** The body creating the step's view as a tab of `databaseId` (at the end, or first). */
export function createViewBody(step: Extract<Step, { kind: 'create_view' }>, dataSourceId: IdOrRef, databaseId: IdOrRef): CreateViewBody {
  const id = idOf(step);
  const s: ViewSpec = step.spec;
  return {
    data_source_id: dataSourceId, database_id: databaseId, name: step.view, type: s.type,
    ...(s.filter !== null ? { filter: withIds(s.filter, id) as CreateViewBody['filter'] } : {}),
    ...(s.sorts.length > 0 ? { sorts: sortsBody(s.sorts, id) as CreateViewBody['sorts'] } : {}),
    configuration: viewConfiguration(step) as CreateViewBody['configuration'],
    position: (step.first === true ? { type: 'start' } : { type: 'end' }) as CreateViewBody['position'],
  };
}

/** The body of an update: only what changed (null clears a filter or the sorts); the whole configuration when any part of it changed. */
export function updateViewBody(step: Extract<Step, { kind: 'update_view' }>, configFields: ReadonlySet<string>): UpdateViewBody {
  const id = idOf(step);
  const changed = new Set(step.changes.map((c) => c.field));
  const s = step.spec;
  return {
    ...(changed.has('name') ? { name: step.view } : {}),
    ...(changed.has('filter') ? { filter: (s.filter === null ? null : withIds(s.filter, id)) as UpdateViewBody['filter'] } : {}),
    ...(changed.has('sorts') ? { sorts: (s.sorts.length === 0 ? null : sortsBody(s.sorts, id)) as UpdateViewBody['sorts'] } : {}),
    ...([...changed].some((f) => configFields.has(f)) ? { configuration: viewConfiguration(step) } : {}),
  };
}
