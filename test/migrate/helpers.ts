import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { createNotionClient } from '../../src/notion/client.js';
import type { NotionClient, NotionRequest } from '../../src/notion/types.js';

export const TOKEN = 'test-token';

/** A fast client against an emulator (backoff sleeps capped so injected 429s do not stall tests). */
export function fastClient(url: string, extra: Partial<Parameters<typeof createNotionClient>[0]> = {}): NotionClient {
  return createNotionClient({ baseUrl: url, token: TOKEN, rateLimit: 1000, burst: 1000, timeoutMs: 10_000, ...extra });
}

/**
 * A virtual clock for the client's backoff and rate limiter: sleeping advances it at once, so
 * injected 429s (Retry-After ≥ 1 s) and 5xx backoffs cost no real time. Request order is unchanged.
 */
export function virtualClock(): { now: () => number; sleep: (ms: number) => Promise<void> } {
  let t = 0;
  return {
    now: () => t + performance.now(),
    sleep: (ms) => {
      t += Math.max(0, ms);
      return new Promise((r) => setImmediate(r));
    },
  };
}

/** Wraps a client and records every request it is asked to send (before retries). */
export function recording(client: NotionClient): { client: NotionClient; sent: NotionRequest[] } {
  const sent: NotionRequest[] = [];
  return {
    sent,
    client: {
      get stats() { return client.stats; },
      target: client.target,
      notionVersion: client.notionVersion,
      request: <T>(req: NotionRequest) => { sent.push(req); return client.request<T>(req); },
      close: () => client.close(),
    },
  };
}

export function tempStateDir(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'ns-migrate-')), '.notion-schema');
}

type Loose = Record<string, unknown>;

/** Creates a database (one data source) under the root page; returns the data source id. */
export async function createDataSource(client: NotionClient, emu: EmulatorHandle, properties: Loose, title = 'Migrations'): Promise<string> {
  const db = await client.request<{ data_sources: { id: string }[] }>({
    method: 'POST', path: '/v1/databases',
    body: { parent: { type: 'page_id', page_id: emu.rootPageId }, title: [{ type: 'text', text: { content: title } }], initial_data_source: { properties } },
  });
  return db.data_sources[0]!.id;
}

/** Creates pages (titles `P0…`) with the given property values, 16 at a time; returns their ids in order. */
export async function createPages(client: NotionClient, dsId: string, values: readonly Loose[]): Promise<string[]> {
  const limit = pLimit(16);
  return Promise.all(values.map((v, i) => limit(async () => {
    const page = await client.request<{ id: string }>({
      method: 'POST', path: '/v1/pages',
      body: { parent: { data_source_id: dsId }, properties: { Name: { title: [{ type: 'text', text: { content: `P${i}` } }] }, ...v } },
    });
    return page.id;
  })));
}

/** The data source as the API returns it. */
export async function getDs(client: NotionClient, dsId: string): Promise<{ properties: Record<string, Loose & { id: string; type: string }> }> {
  return client.request({ method: 'GET', path: `/v1/data_sources/${dsId}` });
}

/** Every page's properties by page id (one read per page, no filter_properties). */
export async function readPages(client: NotionClient, ids: readonly string[]): Promise<Map<string, Record<string, Loose>>> {
  const limit = pLimit(16);
  const out = new Map<string, Record<string, Loose>>();
  await Promise.all(ids.map((id) => limit(async () => {
    const p = await client.request<{ properties: Record<string, Loose> }>({ method: 'GET', path: `/v1/pages/${id}` });
    out.set(id, p.properties);
  })));
  return out;
}

/** Option names of a select/status value or a multi-select list. */
export function names(value: Loose | undefined): string[] | string | null {
  if (value === undefined) return null;
  const v = value[value.type as string] as unknown;
  if (Array.isArray(v)) return v.map((o) => (o as { name: string }).name);
  if (v !== null && typeof v === 'object' && 'name' in v) return (v as { name: string }).name;
  return null;
}

/** Successful page writes per page id, from the emulator's request log. */
export function pageWrites(emu: EmulatorHandle, since = 0): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of emu.requests.slice(since)) {
    const m = /^\/v1\/pages\/([^/]+)$/.exec(r.path);
    if (r.method === 'PATCH' && r.status === 200 && m !== null) out.set(m[1]!, (out.get(m[1]!) ?? 0) + 1);
  }
  return out;
}

/** A select option's config by name. */
export function optionNames(prop: Loose & { type: string } | undefined): { name: string; color: string }[] {
  const c = prop?.[prop.type] as { options?: { name: string; color: string }[] } | undefined;
  return (c?.options ?? []).map((o) => ({ name: o.name, color: o.color }));
}
