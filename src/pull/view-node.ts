import type { Document } from 'yaml';
import { YAMLMap, YAMLSeq } from 'yaml';
import type { Diagnostic, LiveDataSource, LiveView } from '../model/index.js';
import { escapeEnv } from './escape.js';

/** Maps `property` references (property ids) through `name`, recursively through and/or. */
function named(value: unknown, name: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => named(v, name));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'property' && typeof v === 'string' ? name(v) : k === 'and' || k === 'or' ? named(v, name) : v;
  return out;
}

/**
 * The `views:` sequence of a pulled data source, property references by name (ids of properties
 * the data source does not list are left out with a warning). Views with a name already used are
 * left out (names are their keys).
 */
export function viewsNode(doc: Document, ds: LiveDataSource, views: readonly LiveView[], warnings: Diagnostic[]): YAMLSeq {
  const byId = new Map(ds.properties.map((p) => [p.id, p.name] as const));
  const seq = new YAMLSeq();
  const seen = new Set<string>();
  for (const v of views) {
    if (seen.has(v.name.toLowerCase())) {
      warnings.push({ severity: 'warning', code: 'pull-duplicate-view', message: `data source "${ds.title}" has two views named "${v.name}"; the second is left out` });
      continue;
    }
    seen.add(v.name.toLowerCase());
    let unknown = false;
    const name = (id: string): string => {
      const n = byId.get(id);
      if (n === undefined) unknown = true;
      return n ?? id;
    };
    const map = new YAMLMap();
    map.add(doc.createPair('name', escapeEnv(v.name)));
    map.add(doc.createPair('type', v.type));
    if (v.properties !== null) map.add(doc.createPair('properties', doc.createNode(v.properties.map((id) => escapeEnv(name(id))), { flow: true })));
    if (v.sorts.length > 0) map.add(doc.createPair('sorts', doc.createNode(named(v.sorts, name), { flow: true })));
    if (v.filter !== null) map.add(doc.createPair('filter', doc.createNode(named(v.filter, name), { flow: true })));
    for (const [key, value] of [['group_by', v.group_by], ['date_property', v.date_property], ['end_date_property', v.end_date_property], ['map_by', v.map_by]] as const) {
      if (value !== null) map.add(doc.createPair(key, escapeEnv(name(value))));
    }
    if (v.chart_type !== null) map.add(doc.createPair('chart_type', v.chart_type));
    if (unknown) {
      warnings.push({ severity: 'warning', code: 'pull-view-unknown-property', message: `view "${v.name}" of "${ds.title}" refers to a property the data source does not list; written by id, fix it before plan` });
    }
    seq.add(map);
  }
  return seq;
}
