/**
 * A tiny model of the schema endpoints, enough to execute a plan's requests against a
 * LiveState in memory (references resolved by the applier's own code). Used by the
 * "plan is minimal and honest" property test: apply the plan, re-plan, expect nothing left.
 * Two-way relations create a synced property on the target with a Notion-chosen name, as the API does.
 */
import type { LiveDatabase, LiveDataSource, LiveProperty, LiveState, OptionSpec, Plan, PropertyConfig } from '../../src/model/index.js';
import { PROPERTY_TYPES } from '../../src/model/index.js';
import { applyRenames, formulaReferences } from '../../src/diff/formula.js';
import { resolveRequest } from '../../src/apply/executor.js';
import type { KnownIds } from '../../src/apply/known-ids.js';

interface MutDs { id: string; database_id: string; title: string; properties: LiveProperty[] }

function text(rt: unknown): string {
  return Array.isArray(rt) ? rt.map((r: { text: { content: string } }) => r.text.content).join('') : '';
}

export function simulate(before: LiveState, plan: Plan): { live: LiveState; requestsPerDataSource: Map<string, number> } {
  let n = 0;
  const nextId = (p: string): string => `${p}-${++n}`;
  const dbs = new Map<string, { key: string; live: LiveDatabase }>();
  for (const [k, v] of before.databases) dbs.set(k, { key: k, live: v.live });
  const dss = new Map<string, MutDs>(); // ref → ds
  for (const [k, v] of before.data_sources) dss.set(k, { id: v.live.id, database_id: v.live.database_id, title: v.live.title, properties: [...v.live.properties] });
  const idToRef = (id: string): string | undefined => [...dss.entries()].find(([, d]) => d.id === id)?.[0];
  const counts = new Map<string, number>();
  /** The applier's own resolution (references are nodes, resolved from what exists so far). */
  const known = (): KnownIds => ({
    databases: new Map([...dbs].map(([k, v]) => [k, v.live.id])),
    dataSources: new Map([...dss].map(([k, v]) => [k, v.id])),
    syncedProperties: synced, properties: new Map(), defaultViews: new Map(), createdViews: new Set(),
  });
  const toConfig = (entry: Record<string, unknown>, prev: PropertyConfig | undefined): PropertyConfig | undefined => {
    const type = PROPERTY_TYPES.find((t) => t in entry);
    if (!type) return undefined;
    const c = entry[type] as Record<string, unknown>;
    switch (type) {
      case 'number': return { type, format: (c['format'] as never) ?? 'number' };
      case 'formula': return { type, expression: String(c['expression']) };
      case 'unique_id': return { type, prefix: (c['prefix'] as string | null) ?? null };
      case 'select': case 'multi_select': case 'status': {
        const old = prev && 'options' in prev ? prev.options : [];
        const options: OptionSpec[] = (c['options'] as Record<string, unknown>[]).map((o) => {
          const kept = typeof o['id'] === 'string' ? old.find((x) => x.id === o['id']) : undefined;
          if (kept) return { ...kept, ...('description' in o ? { description: o['description'] as string | null } : {}) };
          return { id: nextId('opt'), name: String(o['name']), color: (o['color'] as never) ?? 'default', description: (o['description'] as string | undefined) ?? null };
        });
        return type === 'status' ? { type, options, groups: [] } : { type, options };
      }
      case 'relation': {
        const target = String(c['data_source_id']);
        return { type, target: { kind: 'id', id: target }, dual: c['type'] === 'dual_property' ? { property: '?', property_id: '?' } : null };
      }
      case 'rollup':
        return { type, relation: String(c['relation_property_name']), property: String(c['rollup_property_name']), function: c['function'] as never };
      default:
        return { type } as PropertyConfig;
    }
  };
  const synced = new Map<string, string>(); // step id → synced property id
  let stepOfEntry = new Map<string, string>(); // body key → step id, for the request being executed
  /** Like the API: references must exist when the request runs (checked after the whole request is applied). */
  /**
   * Like the API, but stricter about timing: properties a rollup or formula names must exist (under that name)
   * before the request that writes the rollup or formula; a relation's target must exist.
   */
  const validate = (ds: MutDs, keys: readonly string[], before: ReadonlyMap<string, readonly LiveProperty[]>): void => {
    const had = (dsId: string, name: string, type?: string): LiveProperty | undefined =>
      before.get(dsId)?.find((x) => x.name === name && (type === undefined || x.config.type === type));
    for (const p of ds.properties) {
      if (!keys.includes(p.name)) continue;
      const c = p.config;
      if (c.type === 'rollup') {
        const rel = had(ds.id, c.relation, 'relation');
        if (!rel || rel.config.type !== 'relation') throw new Error(`simulate: rollup ${p.name}: relation ${c.relation} does not exist yet`);
        if (rel.config.target.kind !== 'id' || !had(rel.config.target.id, c.property)) throw new Error(`simulate: rollup ${p.name}: ${c.property} does not exist on the target yet`);
      } else if (c.type === 'formula') {
        for (const ref of formulaReferences(c.expression)) if (!had(ds.id, ref)) throw new Error(`simulate: formula ${p.name}: ${ref} does not exist yet`);
      } else if (c.type === 'relation' && c.target.kind === 'id' && !idToRef(c.target.id)) {
        throw new Error(`simulate: relation ${p.name}: target ${c.target.id} does not exist`);
      }
    }
  };
  const patchProps = (ds: MutDs, props: Record<string, unknown>): void => {
    const before = new Map([...dss.values()].map((d) => [d.id, [...d.properties]]));
    const touchedNames: string[] = [];
    for (const [rawKey, value] of Object.entries(props)) {
      const key = rawKey;
      const idx = ds.properties.findIndex((p) => p.id === key || p.name === key);
      if (value === null) {
        if (idx < 0) throw new Error(`simulate: delete of missing ${key}`);
        ds.properties.splice(idx, 1);
        continue;
      }
      const entry = value as Record<string, unknown>;
      const prev = idx >= 0 ? ds.properties[idx] : undefined;
      const config = toConfig(entry, prev?.config) ?? prev?.config;
      if (!config) throw new Error(`simulate: ${key} has no type`);
      let next: LiveProperty = {
        id: prev?.id ?? (config.type === 'title' ? 'title' : nextId('p')),
        name: typeof entry['name'] === 'string' ? entry['name'] : prev?.name ?? key,
        description: 'description' in entry ? (entry['description'] as string | null) : prev?.description ?? null,
        config,
      };
      if (config.type === 'relation' && config.dual !== null && (prev?.config.type !== 'relation' || prev.config.dual === null)) {
        // Notion creates the synced property on the target, with its own name.
        const targetId = config.target.kind === 'id' ? config.target.id : '';
        const farRef = idToRef(targetId);
        const far = farRef ? dss.get(farRef) : undefined;
        if (!far) throw new Error(`simulate: dual relation to unknown ${targetId}`);
        const syncedId = nextId('sync');
        far.properties.push({ id: syncedId, name: `Related ${ds.title} ${syncedId}`, description: null, config: { type: 'relation', target: { kind: 'id', id: ds.id }, dual: { property: next.name, property_id: next.id } } });
        next = { ...next, config: { type: 'relation', target: config.target, dual: { property: `Related ${ds.title} ${syncedId}`, property_id: syncedId } } };
        synced.set(stepOfEntry.get(rawKey) ?? '', syncedId);
      } else if (config.type === 'relation' && config.dual !== null && prev?.config.type === 'relation') {
        next = { ...next, config: { ...config, dual: prev.config.dual } };
      }
      if (idx >= 0) ds.properties[idx] = next; else ds.properties.push(next);
      if (prev && prev.name !== next.name && next.config.type === 'relation' && next.config.dual?.property_id !== undefined) {
        // Keep the far side's view of the synced name current.
        for (const other of dss.values()) {
          other.properties = other.properties.map((p) => (p.config.type === 'relation' && p.config.dual?.property_id === next.id
            ? { ...p, config: { ...p.config, dual: { ...p.config.dual, property: next.name } } } : p));
        }
      }
      if (PROPERTY_TYPES.some((t) => t in entry)) touchedNames.push(next.name);
      if (prev && prev.name !== next.name) {
        // Notion stores formula references by id: a rename shows up in every expression.
        const renames = new Map([[prev.name, next.name]]);
        ds.properties = ds.properties.map((p) => (p.config.type === 'formula' ? { ...p, config: { type: 'formula', expression: applyRenames(p.config.expression, renames) } } : p));
      }
    }
    validate(ds, touchedNames, before);
  };
  for (const r of plan.requests) {
    // Which step added which (name-keyed) property: the synced placeholder names the relation's step.
    stepOfEntry = new Map();
    for (const sid of r.steps) {
      const st = plan.steps.find((x) => x.id === sid);
      if (st && (st.kind === 'add_property' || st.kind === 'update_property') && st.property !== undefined) stepOfEntry.set(st.property_id ?? st.property, sid);
    }
    const { path, body } = resolveRequest(r, known());
    if (r.endpoint === 'create_database') {
      if (r.creates?.kind !== 'database') throw new Error('simulate: database create without creates');
      const id = nextId('db');
      const dsId = nextId('ds');
      const title = text(body['title']);
      dbs.set(r.creates.database, { key: r.creates.database, live: {
        id, title, description: body['description'] ? text(body['description']) : null, icon: null,
        parent: (body['parent'] as { type: string }).type === 'workspace' ? { type: 'workspace' } : { type: 'page_id', page_id: (body['parent'] as { page_id: string }).page_id },
        is_inline: body['is_inline'] === true, in_trash: false, data_source_ids: [{ id: dsId, name: title }], fingerprint: 'sim',
      } });
      const ds: MutDs = { id: dsId, database_id: id, title, properties: [] };
      patchProps(ds, (body['initial_data_source'] as { properties: Record<string, unknown> }).properties);
      dss.set(r.creates.data_source, ds);
      counts.set(r.creates.data_source, (counts.get(r.creates.data_source) ?? 0) + 1);
    } else if (r.endpoint === 'create_data_source') {
      if (r.creates?.kind !== 'data_source') throw new Error('simulate: data source create without creates');
      const ds: MutDs = { id: nextId('ds'), database_id: (body['parent'] as { database_id: string }).database_id, title: text(body['title']), properties: [] };
      patchProps(ds, body['properties'] as Record<string, unknown>);
      dss.set(r.creates.data_source, ds);
      counts.set(r.creates.data_source, (counts.get(r.creates.data_source) ?? 0) + 1);
    } else if (r.endpoint === 'update_data_source') {
      const id = typeof r.target === 'string' ? r.target : (dss.get(r.target?.$ref === 'data_source_id' ? r.target.key : '')?.id ?? '!unresolved');
      const ref = idToRef(id);
      const ds = ref ? dss.get(ref) : undefined;
      if (!ds || !ref) throw new Error(`simulate: PATCH of unknown data source ${id}`);
      if ('title' in body) ds.title = text(body['title']);
      if (body['properties']) patchProps(ds, body['properties'] as Record<string, unknown>);
      counts.set(ref, (counts.get(ref) ?? 0) + 1);
    } else {
      throw new Error(`simulate: unsupported ${r.method} ${path}`);
    }
  }
  const toLive = (d: MutDs): LiveDataSource => ({ ...d, description: null, icon: null, in_trash: false, fingerprint: 'sim' });
  return {
    live: {
      databases: new Map([...dbs].map(([k, v]) => [k, { source: 'lock' as const, live: v.live }])),
      data_sources: new Map([...dss].map(([k, v]) => [k, { source: 'lock' as const, live: toLive(v) }])),
      external: new Map(),
    },
    requestsPerDataSource: counts,
  };
}
