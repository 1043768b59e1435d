import { encodePropertyId } from './ids.js';
import { plainText } from './rich-text.js';
import { renderFormula } from './schema/formula.js';
import type { EmulatorState, StoredDatabase, StoredDataSource, StoredPage, StoredProperty } from './state-types.js';
import { renderPageValue } from './page-values.js';

/** The API version of a request; `2026-03-11` drops `archived` from bodies. */
export type ApiVersion = '2025-09-03' | '2026-03-11';

function userRef(id: string): { object: 'user'; id: string } {
  return { object: 'user', id };
}

function notionUrl(id: string, title: string): string {
  const slug = title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `https://www.notion.so/${slug === '' ? '' : `${slug}-`}${id.replace(/-/g, '')}`;
}

function trashFields(inTrash: boolean, version: ApiVersion): Record<string, boolean> {
  return version === '2026-03-11' ? { in_trash: inTrash } : { in_trash: inTrash, archived: inTrash };
}

/** The response configuration of one property (references rendered with current names). */
export function renderConfig(state: EmulatorState, ds: StoredDataSource, p: StoredProperty): Record<string, unknown> {
  const c = p.config;
  switch (p.type) {
    case 'formula':
      return { expression: renderFormula(c.expression as string, ds.properties) };
    case 'relation': {
      const target = state.data_sources[c.data_source_id as string];
      const base = { database_id: target?.database_id ?? null, data_source_id: c.data_source_id, type: c.type };
      if (c.type === 'dual_property') {
        const far = target?.properties[c.synced_property_id as string];
        return { ...base, dual_property: { synced_property_id: encodePropertyId(c.synced_property_id as string), synced_property_name: far?.name ?? '' } };
      }
      return { ...base, single_property: {} };
    }
    case 'rollup': {
      const rel = ds.properties[c.relation_property_id as string];
      const target = rel === undefined ? undefined : state.data_sources[rel.config.data_source_id as string];
      const roll = target?.properties[c.rollup_property_id as string];
      return {
        relation_property_id: encodePropertyId(c.relation_property_id as string), relation_property_name: rel?.name ?? '',
        rollup_property_id: encodePropertyId(c.rollup_property_id as string), rollup_property_name: roll?.name ?? '',
        function: c.function,
      };
    }
    default:
      return cloneJson(c) as Record<string, unknown>;
  }
}

/** A deep copy of plain JSON data (stored configs are): several times faster than structuredClone. */
function cloneJson(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneJson);
  const out: Record<string, unknown> = {};
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const x = cloneJson((v as Record<string, unknown>)[k]);
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}

/** The `properties` map of a data source response, keyed by name, in creation order. */
export function renderProperties(state: EmulatorState, ds: StoredDataSource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of ds.property_order) {
    const p = ds.properties[id];
    if (p === undefined) continue;
    out[p.name] = { id: encodePropertyId(p.id), name: p.name, description: p.description, type: p.type, [p.type]: renderConfig(state, ds, p) };
  }
  return out;
}

export function renderDatabase(state: EmulatorState, db: StoredDatabase, version: ApiVersion): Record<string, unknown> {
  return {
    object: 'database', id: db.id, title: db.title, description: db.description, parent: db.parent,
    is_inline: db.is_inline, ...trashFields(db.in_trash, version), is_locked: db.is_locked,
    created_time: db.created_time, last_edited_time: db.last_edited_time,
    data_sources: db.data_source_ids.map((id) => ({ id, name: plainText(state.data_sources[id]?.title) })),
    icon: db.icon, cover: db.cover, url: notionUrl(db.id, plainText(db.title)), public_url: null,
  };
}

export function renderDataSource(state: EmulatorState, ds: StoredDataSource, version: ApiVersion): Record<string, unknown> {
  const db = state.databases[ds.database_id];
  return {
    object: 'data_source', id: ds.id, title: ds.title, description: [],
    parent: { type: 'database_id', database_id: ds.database_id },
    database_parent: db?.parent ?? null,
    is_inline: db?.is_inline ?? false, ...trashFields(ds.in_trash || (db?.in_trash ?? false), version),
    created_time: ds.created_time, last_edited_time: ds.last_edited_time,
    created_by: userRef(ds.created_by), last_edited_by: userRef(ds.last_edited_by),
    properties: renderProperties(state, ds),
    icon: ds.icon, cover: db?.cover ?? null, url: notionUrl(ds.id, plainText(ds.title)), public_url: null,
  };
}

function pageParent(state: EmulatorState, page: StoredPage): Record<string, unknown> {
  if (page.parent.type === 'data_source_id') {
    const ds = state.data_sources[page.parent.data_source_id];
    return { type: 'data_source_id', data_source_id: page.parent.data_source_id, database_id: ds?.database_id ?? null };
  }
  return page.parent;
}

export function renderPage(state: EmulatorState, page: StoredPage, version: ApiVersion): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  let title = '';
  if (page.parent.type === 'data_source_id') {
    const ds = state.data_sources[page.parent.data_source_id];
    if (ds !== undefined) {
      for (const id of ds.property_order) {
        const p = ds.properties[id];
        if (p === undefined) continue;
        properties[p.name] = renderPageValue(state, ds, p, page);
      }
      title = plainText(page.values.title as never);
    }
  } else {
    properties.title = { id: 'title', type: 'title', title: page.values.title ?? [] };
    title = plainText(page.values.title as never);
  }
  return {
    object: 'page', id: page.id, created_time: page.created_time, last_edited_time: page.last_edited_time,
    created_by: userRef(page.created_by), last_edited_by: userRef(page.last_edited_by),
    cover: page.cover, icon: page.icon, parent: pageParent(state, page),
    ...trashFields(page.in_trash, version), is_locked: page.is_locked,
    properties, url: notionUrl(page.id, title), public_url: null,
  };
}
