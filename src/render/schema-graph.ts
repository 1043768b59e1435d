import type { DesiredState, Plan, PropertyConfig, Step, StepKind } from '../model/index.js';
import { refText } from './settings.js';

/** How a plan changes a part of the diagram; absent: unchanged. */
export type GraphMark = 'added' | 'changed' | 'removed';

/** One property box line. `note` explains rollups and relations. */
export interface GraphProperty {
  readonly name: string;
  readonly type: string;
  readonly note?: string;
  readonly mark?: GraphMark;
}

/** A data source (or a relation target outside the schema file, with `external`). */
export interface GraphEntity {
  /** `crm.contacts`, or a data source id. */
  readonly key: string;
  readonly database: string;
  /** `CRM › Contacts`. */
  readonly title: string;
  readonly external?: boolean;
  readonly mark?: GraphMark;
  readonly properties: readonly GraphProperty[];
}

/** A relation property (`kind: relation`) or a rollup through one (`kind: rollup`). */
export interface GraphEdge {
  readonly kind: 'relation' | 'rollup';
  readonly from: string;
  readonly to: string;
  /** The relation (or rollup) property on `from`. */
  readonly property: string;
  /** Relations: the synced property on `to` when two-way (`''` when Notion names it); null when one-way. */
  readonly synced: string | null;
  /** Rollups: `sum of "ARR"`. */
  readonly detail?: string;
  readonly mark?: GraphMark;
}

/**
 * A diagram of databases, data sources and relations, independent of its notation (Mermaid, DOT).
 * Invariant: every edge's `from` and `to` name an entity of `entities`.
 */
export interface SchemaGraph {
  readonly entities: readonly GraphEntity[];
  readonly edges: readonly GraphEdge[];
}

function noteOf(config: PropertyConfig): string | undefined {
  if (config.type === 'relation') return `→ ${refText(config.target)}${config.dual === null ? ' (one-way)' : ' (two-way)'}`;
  if (config.type === 'rollup') return `${config.function} of ${config.property} through ${config.relation}`;
  return undefined;
}

/** The whole schema as a graph; relation targets outside the file become external entities. */
export function graphOfDesired(desired: DesiredState): SchemaGraph {
  const entities: GraphEntity[] = [];
  const edges: GraphEdge[] = [];
  for (const db of desired.databases) {
    for (const ds of db.data_sources) {
      entities.push({
        key: ds.ref, database: db.key, title: `${db.title} › ${ds.title}`,
        properties: ds.properties.map((p) => {
          const note = noteOf(p.config);
          return { name: p.name, type: p.config.type, ...(note !== undefined ? { note } : {}) };
        }),
      });
      for (const p of ds.properties) {
        if (p.config.type === 'relation') {
          edges.push({ kind: 'relation', from: ds.ref, to: refText(p.config.target), property: p.name, synced: p.config.dual === null ? null : p.config.dual.property ?? '' });
        }
      }
      for (const p of ds.properties) {
        if (p.config.type !== 'rollup') continue;
        const { relation, property, function: fn } = p.config;
        const rel = ds.properties.find((q) => q.name === relation)?.config;
        if (rel?.type === 'relation') edges.push({ kind: 'rollup', from: ds.ref, to: refText(rel.target), property: p.name, synced: null, detail: `${fn} of "${property}"` });
      }
    }
  }
  const known = new Set(entities.map((e) => e.key));
  for (const e of dedupeTwoWay(edges)) {
    if (known.has(e.to)) continue;
    known.add(e.to);
    entities.push({ key: e.to, database: e.to, title: `data source ${e.to}`, external: true, properties: [] });
  }
  return { entities, edges: dedupeTwoWay(edges) };
}

/** A two-way relation declared on both sides (`Company` ↔ `Contacts`) is one edge: the first declared. */
function dedupeTwoWay(edges: readonly GraphEdge[]): GraphEdge[] {
  const out: GraphEdge[] = [];
  for (const e of edges) {
    const mirror = e.kind === 'relation' && e.synced !== null
      && out.some((o) => o.kind === 'relation' && o.from === e.to && o.to === e.from && o.property === e.synced && o.synced === e.property);
    if (!mirror) out.push(e);
  }
  return out;
}

const PROPERTY_MARK: Partial<Record<StepKind, GraphMark>> = {
  add_property: 'added', update_property: 'changed', change_property_type: 'changed', rename_property: 'changed',
  add_options: 'changed', remove_options: 'changed', migrate_values: 'changed', manual: 'changed', remove_property: 'removed',
};

function entityMark(key: string, steps: readonly Step[]): GraphMark | undefined {
  if (steps.some((s) => (s.kind === 'create_database' && s.initial_data_source === key) || (s.kind === 'create_data_source' && s.data_source === key))) return 'added';
  if (steps.some((s) => (s.kind === 'remove_data_source' && s.data_source === key) || (s.kind === 'remove_database' && s.data_sources.includes(key)))) return 'removed';
  return steps.some((s) => s.data_source === key) ? 'changed' : undefined;
}

function markProperties(e: GraphEntity, steps: readonly Step[]): GraphProperty[] {
  const props: GraphProperty[] = e.properties.map((p) => {
    const step = steps.find((s) => s.data_source === e.key && s.property === p.name && PROPERTY_MARK[s.kind] !== undefined && s.kind !== 'remove_property');
    const mark = step === undefined ? undefined : PROPERTY_MARK[step.kind];
    return mark === undefined ? p : { ...p, mark };
  });
  for (const s of steps) {
    if (s.kind === 'remove_property' && s.data_source === e.key) props.push({ name: s.property, type: s.property_type, mark: 'removed' });
  }
  return props;
}

/**
 * The part of `graph` a plan touches (every data source of each database with a step, and the
 * targets of their relations), with added, changed and removed parts marked. Data sources the plan
 * removes are added back, marked removed.
 */
export function graphOfPlan(graph: SchemaGraph, plan: Plan): SchemaGraph {
  const steps = plan.steps;
  const touched = new Set(steps.map((s) => s.database));
  const removed: GraphEntity[] = [];
  for (const s of steps) {
    const gone = s.kind === 'remove_database' ? s.data_sources : s.kind === 'remove_data_source' ? [s.data_source] : [];
    for (const key of gone) if (!graph.entities.some((e) => e.key === key)) removed.push({ key, database: s.database, title: key, properties: [] });
  }
  const inside = [...graph.entities.filter((e) => !e.external && touched.has(e.database)), ...removed];
  const keys = new Set(inside.map((e) => e.key));
  const edges = graph.edges.filter((e) => keys.has(e.from)).map((e) => {
    const step = steps.find((s) => s.data_source === e.from && s.property === e.property);
    const mark = step === undefined ? undefined : PROPERTY_MARK[step.kind];
    return mark === undefined ? e : { ...e, mark };
  });
  const targets = graph.entities.filter((e) => !keys.has(e.key) && edges.some((x) => x.to === e.key)).map((e) => ({ ...e, properties: [] }));
  const entities = [...inside, ...targets].map((e) => {
    const mark = entityMark(e.key, steps);
    return { ...e, properties: markProperties(e, steps), ...(mark !== undefined ? { mark } : {}) };
  });
  return { entities, edges };
}
