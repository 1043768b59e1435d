import { randomUUID } from 'node:crypto';
import { NetworkError, NotionApiError } from '../../src/errors.js';
import type { ClientStats, NotionClient, NotionRequest } from '../../src/notion/types.js';

/** What to do with one request: fail before it takes effect, or after (the write is committed). */
export type Fault =
  | { readonly when: 'before'; readonly error: 'reset' | '503' | '429' }
  | { readonly when: 'after'; readonly error: 'reset' | '503'; readonly committedId?: boolean };

interface FakeDb { id: string; title: string; parent: unknown; data_sources: { id: string; name: string }[]; created_time: string }
interface FakeProp { id: string; name: string; type: string; [k: string]: unknown }
interface FakeDs { id: string; database_id: string; title: string; properties: FakeProp[] }

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const text = (v: unknown): string => Array.isArray(v) ? v.map((t) => String(asObj(asObj(t)['text'])['content'] ?? '')).join('') : '';
const rich = (s: string) => [{ type: 'text', text: { content: s }, plain_text: s }];

/**
 * A small in-memory Notion for executor tests: databases, data sources and property PATCH
 * semantics (add, rename, delete, dual relations), plus scripted faults. Not the emulator.
 */
export class FakeNotion implements NotionClient {
  readonly target = 'local';
  readonly notionVersion = '2025-09-03';
  readonly dbs = new Map<string, FakeDb>();
  readonly dss = new Map<string, FakeDs>();
  readonly log: { method: string; path: string; body?: unknown }[] = [];
  private counts = { requests: 0, retries: 0, rateLimited: 0 };
  inFlight = 0;
  maxInFlight = 0;
  /** Decides a fault per request; null = none. */
  faultFor: (req: NotionRequest, index: number) => Fault | null = () => null;
  /** Artificial latency per request, ms (a number or a function of the request). */
  latencyMs: number | ((req: NotionRequest) => number) = 0;
  private seq = 0;
  private clock = 0;

  get stats(): ClientStats {
    return { ...this.counts };
  }

  async close(): Promise<void> {}

  async request<T>(req: NotionRequest): Promise<T> {
    const index = this.counts.requests++;
    this.log.push({ method: req.method, path: req.path, body: req.body });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const ms = typeof this.latencyMs === 'number' ? this.latencyMs : this.latencyMs(req);
      await new Promise((r) => setTimeout(r, ms));
      const fault = this.faultFor(req, index);
      if (fault?.when === 'before') throw this.errorFor(fault.error);
      const res = this.handle(req);
      if (fault?.when === 'after') {
        const id = String(asObj(res)['id'] ?? '');
        throw this.errorFor(fault.error, fault.committedId === true ? id : undefined);
      }
      return JSON.parse(JSON.stringify(res)) as T;
    } finally {
      this.inFlight--;
    }
  }

  private errorFor(kind: 'reset' | '503' | '429', committed?: string): Error {
    if (kind === 'reset') return new NetworkError('socket hang up', 'ECONNRESET');
    if (kind === '429') return new NotionApiError('rate limited', 429, 'rate_limited', null);
    return new NotionApiError('unavailable', 503, 'service_unavailable', null, undefined,
      committed !== undefined ? { committed_resource_id: committed } : undefined);
  }

  private notFound(): NotionApiError {
    return new NotionApiError('Could not find object', 404, 'object_not_found', null);
  }

  private handle(req: NotionRequest): unknown {
    const body = asObj(req.body);
    const children = /^\/v1\/blocks\/([^/]+)\/children$/.exec(req.path);
    if (children !== null && req.method === 'GET') {
      const page = (children[1] ?? '').replace(/-/g, '');
      const results = [...this.dbs.values()]
        .filter((d) => String(asObj(d.parent)['page_id'] ?? '').replace(/-/g, '') === page)
        .map((d) => ({ object: 'block', id: d.id, type: 'child_database', child_database: { title: d.title }, created_time: d.created_time, in_trash: false }));
      return { object: 'list', type: 'block', block: {}, results, has_more: false, next_cursor: null };
    }
    const m = /^\/v1\/(databases|data_sources|search)(?:\/([^/]+))?$/.exec(req.path);
    if (m === null) throw new NotionApiError(`bad path ${req.path}`, 400, 'invalid_request_url', null);
    const [, kind, id] = m;
    if (kind === 'search') {
      const results = [...this.dss.values()].reverse().map((d) => this.dsJson(d));
      return { object: 'list', results, has_more: false, next_cursor: null };
    }
    if (kind === 'databases') {
      if (req.method === 'POST') return this.createDatabase(body);
      const db = this.dbs.get(id ?? '');
      if (db === undefined) throw this.notFound();
      if (req.method === 'PATCH' && body['title'] !== undefined) db.title = text(body['title']);
      return this.dbJson(db);
    }
    if (req.method === 'POST') {
      const dbId = String(asObj(body['parent'])['database_id'] ?? '');
      const db = this.dbs.get(dbId);
      if (db === undefined) throw this.notFound();
      return this.dsJson(this.createDataSource(db, text(body['title']), asObj(body['properties'])));
    }
    const ds = this.dss.get(id ?? '');
    if (ds === undefined) throw this.notFound();
    if (req.method === 'PATCH') this.patchDataSource(ds, body);
    return this.dsJson(ds);
  }

  createDatabase(body: Obj): unknown {
    const db: FakeDb = { id: randomUUID(), title: text(body['title']), parent: body['parent'], data_sources: [], created_time: this.tick() };
    this.dbs.set(db.id, db);
    const init = asObj(body['initial_data_source']);
    this.createDataSource(db, text(init['title']) || db.title, asObj(init['properties']));
    return this.dbJson(db);
  }

  private createDataSource(db: FakeDb, title: string, props: Obj): FakeDs {
    const ds: FakeDs = { id: randomUUID(), database_id: db.id, title, properties: [] };
    this.dss.set(ds.id, ds);
    db.data_sources.push({ id: ds.id, name: title });
    this.patchDataSource(ds, { properties: props });
    if (!ds.properties.some((p) => p.type === 'title')) ds.properties.unshift({ id: 'title', name: 'Name', type: 'title', title: {} });
    return ds;
  }

  private patchDataSource(ds: FakeDs, body: Obj): void {
    if (body['title'] !== undefined) {
      ds.title = text(body['title']);
      const db = this.dbs.get(ds.database_id);
      const entry = db?.data_sources.find((d) => d.id === ds.id);
      if (entry) entry.name = ds.title;
    }
    for (const [key, value] of Object.entries(asObj(body['properties']))) {
      const existing = ds.properties.find((p) => p.name === key || p.id === key);
      if (value === null) {
        if (existing === undefined) throw new NotionApiError(`no property ${key}`, 400, 'validation_error', null);
        ds.properties = ds.properties.filter((p) => p !== existing);
        continue;
      }
      const v = asObj(value);
      const type = Object.keys(v).find((k) => k !== 'name' && k !== 'description' && k !== 'type');
      if (existing !== undefined) {
        if (typeof v['name'] === 'string') existing.name = v['name'];
        if (type !== undefined) {
          for (const k of Object.keys(existing)) if (!['id', 'name', 'type'].includes(k)) delete existing[k];
          existing.type = type;
          existing[type] = v[type];
        }
        continue;
      }
      if (type === undefined) throw new NotionApiError(`property ${key} does not exist`, 400, 'validation_error', null);
      const prop: FakeProp = { id: `p${++this.seq}`, name: typeof v['name'] === 'string' ? v['name'] : key, type, [type]: v[type] };
      if (type === 'title') {
        ds.properties = ds.properties.filter((p) => p.type !== 'title');
        prop.id = 'title';
      }
      if (type === 'relation') this.linkRelation(ds, prop);
      ds.properties.push(prop);
    }
  }

  private linkRelation(ds: FakeDs, prop: FakeProp): void {
    const rel = asObj(prop['relation']);
    if (rel['type'] !== 'dual_property') return;
    const target = this.dss.get(String(rel['data_source_id'] ?? ''));
    if (target === undefined) throw new NotionApiError('relation target not found', 400, 'validation_error', null);
    const synced: FakeProp = { id: `p${++this.seq}`, name: `Related to ${ds.title}`, type: 'relation', relation: { data_source_id: ds.id, type: 'dual_property', dual_property: { synced_property_id: prop.id } } };
    target.properties.push(synced);
    prop['relation'] = { ...rel, dual_property: { synced_property_id: synced.id, synced_property_name: synced.name } };
  }

  private tick(): string {
    // Near the real time (recovery compares it with when a create was sent), strictly increasing.
    return new Date(Date.now() + ++this.clock).toISOString();
  }

  dbJson(db: FakeDb): unknown {
    return { object: 'database', id: db.id, title: rich(db.title), parent: db.parent, data_sources: db.data_sources, created_time: db.created_time, in_trash: false };
  }

  dsJson(ds: FakeDs): unknown {
    const properties: Obj = {};
    for (const p of ds.properties) properties[p.name] = p;
    return { object: 'data_source', id: ds.id, title: rich(ds.title), parent: { type: 'database_id', database_id: ds.database_id }, properties };
  }

  /** How many databases have this title (duplicate check). */
  countDatabases(title: string): number {
    return [...this.dbs.values()].filter((d) => d.title === title).length;
  }

  countDataSources(title: string): number {
    return [...this.dss.values()].filter((d) => d.title === title).length;
  }
}
