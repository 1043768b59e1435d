import type { DesiredState } from '../model/desired.js';
import type { LiveDataSource } from '../model/live.js';
import type { LockFile } from '../model/lock.js';
import type { LiveView, ViewFilter, ViewSort, ViewSpec, ViewType } from '../model/view.js';
import { VIEW_TYPES } from '../model/view.js';
import { getView, listViewIds } from './endpoints.js';
import type { NotionClient } from './types.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Normalises a view response (SDK `DataSourceViewObjectResponse`) to the comparable spec, property references as ids. */
export function decodeView(raw: unknown, position: number): LiveView {
  const v = asObj(raw);
  const c = asObj(v['configuration']);
  const type = (VIEW_TYPES as readonly string[]).includes(String(v['type'])) ? (v['type'] as ViewType) : 'table';
  const props = Array.isArray(c['properties'])
    ? (c['properties'] as unknown[]).map(asObj).filter((p) => p['visible'] !== false).map((p) => String(p['property_id']))
    : null;
  const sorts: ViewSort[] = (Array.isArray(v['sorts']) ? v['sorts'] as unknown[] : []).map(asObj).map((s) => {
    const direction = s['direction'] === 'descending' ? 'descending' : 'ascending';
    return typeof s['property'] === 'string'
      ? { property: s['property'], direction }
      : { timestamp: s['timestamp'] === 'last_edited_time' ? 'last_edited_time' : 'created_time', direction };
  });
  const filter = v['filter'] !== null && typeof v['filter'] === 'object' ? (v['filter'] as ViewFilter) : null;
  const spec: ViewSpec = {
    type, properties: props, sorts, filter,
    group_by: str(asObj(c['group_by'])['property_id']),
    date_property: str(c['date_property_id']),
    end_date_property: str(c['end_date_property_id']),
    chart_type: str(c['chart_type']) as ViewSpec['chart_type'],
    map_by: str(c['map_by']),
  };
  return { id: String(v['id']), name: typeof v['name'] === 'string' ? v['name'] : '', position, ...spec };
}

/** Every view of a data source, in tab order: one list (paged) and one GET per view. */
export async function readViewsOf(client: NotionClient, dataSourceId: string, limit: <T>(f: () => Promise<T>) => Promise<T>): Promise<LiveView[]> {
  const ids = await limit(() => listViewIds(client, dataSourceId));
  return Promise.all(ids.map(async (id, i) => decodeView(await limit(() => getView(client, id)), i)));
}

/**
 * The views of every bound data source whose file declares `views:`, and the view ids the lock
 * recorded for them (LiveState `views` and `recorded_views`). Nothing is read for the others.
 */
export async function readDeclaredViews(
  client: NotionClient, desired: DesiredState, lock: LockFile, bound: ReadonlyMap<string, { readonly live: LiveDataSource }>,
  limit: <T>(f: () => Promise<T>) => Promise<T>,
): Promise<{ views?: Map<string, LiveView[]>; recorded_views?: Map<string, Readonly<Record<string, string>>> }> {
  const refs = desired.databases.flatMap((db) => db.data_sources).filter((ds) => ds.views !== undefined && bound.has(ds.ref)).map((ds) => ds.ref);
  if (refs.length === 0) return {};
  const views = new Map<string, LiveView[]>();
  await Promise.all(refs.map(async (ref) => { views.set(ref, await readViewsOf(client, bound.get(ref)?.live.id ?? '', limit)); }));
  const ordered = new Map(refs.map((r) => [r, views.get(r) ?? []] as const));
  const recorded = new Map<string, Readonly<Record<string, string>>>();
  for (const ref of refs) {
    const r = lock.views?.[ref];
    if (r !== undefined && Object.keys(r).length > 0) recorded.set(ref, r);
  }
  return { views: ordered, ...(recorded.size > 0 ? { recorded_views: recorded } : {}) };
}
