import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody, send } from './http.js';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, errorBody } from './errors.js';
import { newObjectId, newRequestId, normalizeId, tokenDigest } from './ids.js';
import { COMMITTED_RETRY_GUIDANCE, FaultInjector, HTML_502, faultError, parseFaultSpec, type FaultKind } from './faults.js';
import { RateLimiter } from './rate-limiter.js';
import type { ApiVersion } from './render.js';
import { route } from './router.js';
import { textToRichText } from './rich-text.js';
import { Store, emptyState, loadStateFile, removeStaleTempFiles } from './store.js';
import type { ApiRequest } from './handlers/context.js';
import type { EmulatorState } from './state-types.js';
import { WriteLocks, schemaWriteTargets } from './write-locks.js';

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Loopback only; default 127.0.0.1. */
  readonly host?: string;
  /** JSON state file, loaded at start and written atomically after every change. */
  readonly stateFile?: string;
  /** Average requests per second per token; none means no rate limiting. */
  readonly rateLimit?: number;
  /** Bucket size for the rate limiter; default `rateLimit × 60` (Notion's 60-second window). */
  readonly burst?: number;
  /** Fault spec, e.g. `429=0.1,reset=0.02,commit-then-503=0.02`. */
  readonly faults?: string;
  /** Seed for fault injection; default 1. */
  readonly seed?: number;
  /** When given, only these bearer tokens are accepted (others get 401). */
  readonly tokens?: readonly string[];
  /** Append each request as a JSON line to this file (for tests in other processes). */
  readonly requestLogFile?: string;
  /** Search leaves out objects created or renamed less than this many milliseconds ago (default 0). */
  readonly searchLagMs?: number;
  /**
   * How long a schema write (PATCH/POST of a data source's properties) takes before it commits
   * (default 0). Another schema write to the same data source in that window gets 409.
   */
  readonly schemaWriteMs?: number;
}

/** One handled request. `status` 0 means the connection was reset. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Time spent, in milliseconds. */
  readonly ms: number;
  /** ISO time the request arrived. */
  readonly at: string;
}

/** A running emulator. */
export interface EmulatorHandle {
  readonly url: string;
  readonly rootPageId: string;
  close(): Promise<void>;
  /** Live array of handled requests. */
  readonly requests: RequestLogEntry[];
  clearRequests(): void;
  /** Replaces the fault spec (null turns faults off); its draws start again from `seed` (default: the emulator's seed). */
  setFaults(spec: string | null, seed?: number): void;
  /** Changes the search indexing lag (milliseconds; 0 turns it off). */
  setSearchLag(ms: number): void;
  /** Resolves once no request is being handled (e.g. a late commit still held after its client gave up). */
  idle(): Promise<void>;
  listDatabases(): { id: string; title: string; parent: unknown; data_source_ids: string[]; in_trash: boolean }[];
  listDataSources(): { id: string; database_id: string; title: string }[];
  /** Restricts an object (and what is under it) to the given tokens. */
  share(objectId: string, tokens: readonly string[]): void;
  /** Creates a workspace-level page with this id if it does not exist. */
  ensurePage(pageId: string, title?: string): Promise<void>;
  /** The in-memory state (read-only use; for tests). */
  readonly store: Store;
  /** The current state, i.e. `store.state` (read-only use; for tests). */
  readonly state: EmulatorState;
}

const VERSIONS: readonly ApiVersion[] = ['2025-09-03', '2026-03-11'];
/** The in-memory request log keeps at most this many recent entries (a long-running CLI emulator must not grow without bound). */
const MAX_LOG_ENTRIES = 100_000;
/** Whole-payload limit (notion-api.md §5.2). */
const MAX_BODY_BYTES = 500 * 1024;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Routing, authentication, version and body checks of one request; throws ApiError. */
function parseRequestWith(allowed: ReadonlySet<string> | null, limiter: RateLimiter | null) {
  return (req: IncomingMessage, url: URL, method: string, text: string): {
    r: NonNullable<ReturnType<typeof route>>; segs: string[]; version: ApiVersion; digest: string; body: Record<string, unknown>;
  } => {
    const all = url.pathname.split('/').filter((x) => x !== '');
    if (all[0] !== 'v1') throw new ApiError('invalid_request_url', 'Invalid request URL.');
    const segs = all.slice(1);
    const r = route(method, segs);
    if (r === null) throw new ApiError('invalid_request_url', `Invalid request URL: ${method} ${url.pathname} is not an endpoint.`);
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && /^Bearer \S+$/.test(auth) ? auth.slice(7) : null;
    if (token === null || (allowed !== null && !allowed.has(token))) throw new ApiError('unauthorized', 'API token is invalid.');
    const versionHeader = req.headers['notion-version'];
    if (versionHeader === undefined) throw new ApiError('missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.');
    const version = String(versionHeader) as ApiVersion;
    if (!VERSIONS.includes(version)) {
      throw ApiError.validation(`Notion-Version header failed validation: the emulator supports ${VERSIONS.map((v) => `\`${v}\``).join(' and ')}, instead was \`${String(versionHeader)}\`.`);
    }
    const digest = tokenDigest(token);
    if (limiter !== null) {
      const wait = limiter.take(digest);
      if (wait > 0) throw faultError(429, wait);
    }
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
      throw ApiError.validation(`The request body is ${Buffer.byteLength(text)} bytes; the limit is ${MAX_BODY_BYTES} bytes (500 KB).`);
    }
    let body: Record<string, unknown> = {};
    if (text.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ApiError('invalid_json', 'Error parsing JSON body.');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiError('invalid_json', 'The JSON body should be an object.');
      body = parsed as Record<string, unknown>;
    }
    return { r, segs, version, digest, body };
  };
}

/** Starts an emulator on 127.0.0.1. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error(`The emulator listens on loopback only, not ${host}.`);
  const file = opts.stateFile ?? null;
  if (file !== null) removeStaleTempFiles(file);
  const loaded = file === null ? null : loadStateFile(file);
  const store = new Store(loaded ?? emptyState(new Date().toISOString()), file);
  if (loaded === null) store.markDirty();
  await store.flush();
  store.searchLag.lagMs = opts.searchLagMs ?? 0;
  const locks = new WriteLocks();
  const schemaWriteMs = opts.schemaWriteMs ?? 0;
  const allowed = opts.tokens === undefined || opts.tokens.length === 0 ? null : new Set(opts.tokens);
  const limiter = opts.rateLimit === undefined ? null : new RateLimiter(opts.rateLimit, opts.burst ?? Math.max(1, Math.round(opts.rateLimit * 60)));
  const parseRequest = parseRequestWith(allowed, limiter);
  let injector: FaultInjector | null = opts.faults === undefined ? null : new FaultInjector(parseFaultSpec(opts.faults), opts.seed ?? 1);
  const requests: RequestLogEntry[] = [];
  const sockets = new Set<Socket>();

  function log(entry: RequestLogEntry): void {
    requests.push(entry);
    if (requests.length > MAX_LOG_ENTRIES + 1000) requests.splice(0, requests.length - MAX_LOG_ENTRIES);
    if (opts.requestLogFile !== undefined) appendFileSync(opts.requestLogFile, `${JSON.stringify(entry)}\n`);
  }

  function botFor(digest: string): string {
    const existing = store.state.bots[digest];
    if (existing !== undefined) return existing;
    const id = newObjectId();
    store.state.users[id] = { id, type: 'bot', name: 'Emulator integration' };
    store.state.bots[digest] = id;
    store.markDirty('users', id);
    store.markDirty('bots', digest);
    return id;
  }

  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];
  async function handleCounted(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight++;
    try {
      await handle(req, res);
    } finally {
      if (--inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const at = new Date(started).toISOString();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const requestId = newRequestId();
    const finish = (status: number): void => log({ method, path: url.pathname, status, ms: Date.now() - started, at });
    const reply = (status: number, body: unknown, headers?: Record<string, string>): void => {
      send(res, status, body, requestId, headers);
      finish(status);
    };
    const fail = (err: ApiError): void => reply(err.status, errorBody(err, requestId), { ...err.headers });
    try {
      const text = await readBody(req);
      const fault: FaultKind | null = injector?.draw(method, url.pathname) ?? null;
      if (fault?.type === 'reset') {
        req.socket.destroy();
        finish(0);
        return;
      }
      if (fault?.type === 'slow') await sleep(injector?.spec.slowMs ?? 3000);
      if (fault?.type === 'status') throw faultError(fault.status, injector?.spec.retryAfter ?? 1);
      if (fault?.type === 'html-502') {
        res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(HTML_502) });
        res.end(HTML_502);
        finish(502);
        return;
      }
      const { r, segs, version, digest, body } = parseRequest(req, url, method, text);
      store.refresh();
      const targets = r.write ? schemaWriteTargets(store.state, method, segs, body) : [];
      const release = locks.acquire(targets);
      let result;
      try {
        const hold = fault?.type === 'late-commit' ? injector?.spec.lateMs ?? 0 : targets.length > 0 ? schemaWriteMs : 0;
        if (hold > 0) {
          await sleep(hold);
          store.refresh();
        }
        const apiReq: ApiRequest = { method, segments: segs, query: url.searchParams, body, version, digest, botId: botFor(digest), now: new Date().toISOString() };
        result = r.handler(store, apiReq);
        await store.flush();
      } finally {
        release();
      }
      if (fault?.type === 'commit-then-reset' && r.write) {
        req.socket.destroy();
        finish(0);
        return;
      }
      if (fault?.type === 'commit-then' && r.write) {
        const extra: Record<string, unknown> = { retry_guidance: [...COMMITTED_RETRY_GUIDANCE] };
        if (result.createdId !== undefined) extra.committed_resource_id = result.createdId;
        throw faultError(fault.status, 1, extra);
      }
      if (res.destroyed || req.socket.destroyed) {
        finish(0); // the client gave up (e.g. timed out during a late commit): the answer is lost
        return;
      }
      const out = result.body as Record<string, unknown>;
      reply(200, { ...out, request_id: requestId });
    } catch (err) {
      if (res.headersSent || res.destroyed) return;
      if (err instanceof ApiError) fail(err);
      else fail(new ApiError('internal_server_error', `Emulator error: ${(err as Error).message}`));
    }
  }

  const server = createServer((req, res) => { void handleCounted(req, res); });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    get rootPageId() { return store.state.root_page_id; },
    requests,
    store,
    get state() { return store.state; },
    clearRequests: () => { requests.length = 0; },
    setFaults: (spec, seed) => { injector = spec === null ? null : new FaultInjector(parseFaultSpec(spec), seed ?? opts.seed ?? 1); },
    setSearchLag: (ms) => { store.searchLag.lagMs = ms; },
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => { idleWaiters.push(resolve); })),
    listDatabases: () => Object.values(store.state.databases).map((d) => ({
      id: d.id, title: d.title.map((t) => t.plain_text).join(''), parent: d.parent, data_source_ids: [...d.data_source_ids], in_trash: d.in_trash === true,
    })),
    listDataSources: () => Object.values(store.state.data_sources).map((d) => ({
      id: d.id, database_id: d.database_id, title: d.title.map((t) => t.plain_text).join(''),
    })),
    share: (objectId, tokens) => {
      const id = normalizeId(objectId);
      if (id === null) throw new Error(`share: ${objectId} is not a UUID.`);
      store.refresh();
      const digests = tokens.map(tokenDigest);
      const s = store.state;
      const obj = s.pages[id] ?? s.databases[id] ?? s.data_sources[id];
      if (obj === undefined) throw new Error(`share: no page, database or data source ${id}.`);
      obj.shared_with = digests;
      store.markDirty();
    },
    ensurePage: async (pageId, title) => {
      const id = normalizeId(pageId);
      if (id === null) throw new Error(`ensurePage: ${pageId} is not a UUID.`);
      store.refresh();
      if (store.state.pages[id] === undefined) {
        const now = new Date().toISOString();
        const person = Object.values(store.state.users).find((u) => u.type === 'person')?.id ?? id;
        store.state.pages[id] = {
          id, parent: { type: 'workspace', workspace: true }, values: { title: textToRichText(title ?? 'Untitled') },
          icon: null, cover: null, in_trash: false, is_locked: false, created_time: now, last_edited_time: now,
          created_by: person, last_edited_by: person,
        };
        store.markDirty('pages', id);
      }
      await store.flush();
    },
    close: async () => {
      await store.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
