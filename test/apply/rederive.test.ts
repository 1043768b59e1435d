import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/index.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { LockFile } from '../../src/model/lock.js';
import { readFileSync } from 'node:fs';
import { createNotionClient } from '../../src/notion/client.js';
import type { NotionClient, NotionRequest } from '../../src/notion/types.js';
import { createPlan } from '../../src/pipeline/create-plan.js';
import { desiredFrom, tempLock } from './converge-helpers.js';

/**
 * A 409 `conflict_error` on a schema write, and a 503 whose `retry_guidance` says not to repeat
 * the write (issue #14 §3): the data source is re-read, the request derived again from the plan's
 * remaining steps, and never the same stale body blindly sent again.
 */
let emu: EmulatorHandle;
let raw: NotionClient;
const sent: { method: string; path: string; body: unknown }[] = [];
/** The real client, recording every request it is asked to send. */
let client: NotionClient;

beforeAll(async () => {
  emu = await startEmulator({ schemaWriteMs: 400 });
  raw = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000 });
  client = {
    get stats() { return raw.stats; },
    target: raw.target, notionVersion: raw.notionVersion, close: async () => {},
    get fatalError() { return raw.fatalError; },
    request<T>(req: NotionRequest): Promise<T> {
      sent.push({ method: req.method, path: req.path, body: req.body });
      return raw.request<T>(req);
    },
  } as NotionClient;
});
afterAll(async () => {
  await raw.close();
  await emu.close();
});
beforeEach(() => {
  emu.setFaults(null);
  sent.length = 0;
});

const schema = (parent: string, options: string, extra: string) => `version: 1
databases:
  db:
    title: Conflicts
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: Main
        properties:
          Name: { type: title }
          Kind: { type: select, options: [${options.split(', ').map((o) => `{ name: ${o} }`).join(', ')}] }${extra}
`;

async function setup(): Promise<{ lockPath: string; parent: string; dsId: string }> {
  const parent = randomUUID();
  await emu.ensurePage(parent, 'parent');
  const lockPath = tempLock();
  const { plan } = await createPlan({ client: raw, desired: desiredFrom(schema(parent, 'A', '')), lockPath, toolVersion: 'test' });
  expect((await applyPlan(plan, { client: raw, lockPath, journalDir: null })).ok).toBe(true);
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as LockFile;
  return { lockPath, parent, dsId: lock.databases['db']?.data_sources['main'] ?? '' };
}

const patches = (dsId: string) => sent.filter((r) => r.method === 'PATCH' && r.path.includes(dsId.replace(/-/g, '')) || (r.method === 'PATCH' && r.path.endsWith(dsId)));

describe('a schema write that collides with another write', () => {
  it('re-reads the data source and sends the request derived again from the plan: the part already done is left out, nothing else is lost', async () => {
    const { lockPath, parent, dsId } = await setup();
    const desired = desiredFrom(schema(parent, 'A, B', '\n          Notes: { type: rich_text }'));
    const { plan } = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
    expect(plan.requests).toHaveLength(1);
    // Someone else adds option B while our write is sent: their write is held 400 ms.
    const ds = await raw.request<{ properties: Record<string, { id: string; select?: { options: { id: string }[] } }> }>({ method: 'GET', path: `/v1/data_sources/${dsId}` });
    const optionA = ds.properties['Kind']?.select?.options[0]?.id ?? '';
    const kindId = ds.properties['Kind']?.id ?? '';
    const foreign = raw.request({ method: 'PATCH', path: `/v1/data_sources/${dsId}`, body: { properties: { Kind: { select: { options: [{ id: optionA }, { name: 'B' }] } } } } });
    // Ours arrives ~300 ms into their 400 ms; the re-read 250 ms after the 409 sees their commit.
    await new Promise((r) => setTimeout(r, 300));
    emu.clearRequests();
    sent.length = 0;
    const result = await applyPlan(plan, { client, lockPath, desired, journalDir: null });
    await foreign;
    expect(result.verification).toEqual([]);
    expect(result.steps.filter((s) => s.status !== 'applied')).toEqual([]);
    expect(result.ok).toBe(true);

    // Our write met the other one (409), and every send after it followed a fresh read of the data source.
    expect(emu.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(dsId) && r.status === 409)).toBe(true);
    const ours = sent.filter((r) => r.path.endsWith(dsId)).map((r) => r.method);
    const fromFirst = ours.slice(ours.indexOf('PATCH'), ours.lastIndexOf('PATCH') + 1);
    expect(fromFirst.length).toBeGreaterThanOrEqual(3);
    expect(fromFirst.every((m, i) => m === (i % 2 === 0 ? 'PATCH' : 'GET'))).toBe(true);
    const mine = patches(dsId);
    // The first body added option B and Notes; B exists now, so the last derived request carries only Notes.
    expect(Object.keys((mine[0]?.body as { properties: object }).properties).sort()).toEqual([kindId, 'Notes'].sort());
    expect(Object.keys((mine.at(-1)?.body as { properties: object }).properties)).toEqual(['Notes']);
    const live = await raw.request<{ properties: Record<string, { select?: { options: { name: string }[] } }> }>({ method: 'GET', path: `/v1/data_sources/${dsId}` });
    expect(Object.keys(live.properties).sort()).toEqual(['Kind', 'Name', 'Notes']);
    expect(live.properties['Kind']?.select?.options.map((o) => o.name)).toEqual(['A', 'B']);
  });

  it('gives up after a bounded number of sends when the conflict lasts, and says so', async () => {
    const { lockPath, parent, dsId } = await setup();
    const desired = desiredFrom(schema(parent, 'A', '\n          Notes: { type: rich_text }'));
    const { plan } = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
    emu.setFaults('409@PATCH/v1/data_sources/*=1');
    sent.length = 0;
    const result = await applyPlan(plan, { client, lockPath, desired, journalDir: null });
    expect(result.ok).toBe(false);
    expect(result.steps[0]?.message).toMatch(/409 conflict_error/);
    // Four sends at most (each after a fresh read), never an unbounded loop.
    expect(patches(dsId)).toHaveLength(4);
    const afterFirst = sent.slice(sent.findIndex((r) => r.method === 'PATCH'));
    expect(afterFirst.map((r) => r.method)).toEqual(['PATCH', 'GET', 'PATCH', 'GET', 'PATCH', 'GET', 'PATCH']);
  });
});

describe('a 503 whose retry_guidance says not to repeat the write', () => {
  it('is not sent again blindly: the data source is read first, and the write (saved after all) is not repeated', async () => {
    const { lockPath, parent, dsId } = await setup();
    const desired = desiredFrom(schema(parent, 'A, B', '\n          Notes: { type: rich_text }'));
    const { plan } = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
    // Every PATCH of a data source is saved, then answered 503 with retry_guidance.
    emu.setFaults('commit-then-503@PATCH/v1/data_sources/*=1');
    sent.length = 0;
    const result = await applyPlan(plan, { client, lockPath, desired, journalDir: null });
    emu.setFaults(null);
    expect(result.steps.filter((s) => s.status !== 'applied')).toEqual([]);
    expect(patches(dsId)).toHaveLength(1);
    const log = emu.requests.filter((r) => r.path.endsWith(dsId)).map((r) => `${r.method} ${r.status}`);
    expect(log.slice(log.indexOf('PATCH 503'), log.indexOf('PATCH 503') + 2)).toEqual(['PATCH 503', 'GET 200']);
    expect(log.slice(log.indexOf('PATCH 503')).filter((x) => x.startsWith('PATCH'))).toEqual(['PATCH 503']);
  });
});

describe('rederive (unit)', () => {
  it('derives the body again through the encoders: steps in effect dropped, options that exist now named by id', async () => {
    const { rederive } = await import('../../src/apply/rederive.js');
    const { emptyKnownIds } = await import('../../src/apply/known-ids.js');
    const step = {
      id: 's1', kind: 'update_property', risk: 'safe', reason: '', depends_on: [], database: 'db', data_source: 'db.main',
      property: 'Kind', property_id: 'k1', changes: [{ field: 'options', before: null, after: null }], description: 'Kinds',
      config: { type: 'select', options: [{ id: 'a1', name: 'A' }, { name: 'B' }, { name: 'C' }] },
    };
    const req = { id: 'r1', endpoint: 'update_data_source', method: 'PATCH', target: 'ds-1', steps: ['s1'], depends_on: [], idempotent: true, body: {} };
    const fresh = { properties: { Kind: { id: 'k1', type: 'select', select: { options: [{ id: 'a1', name: 'A' }, { id: 'b1', name: 'B' }] } } } };
    const again = rederive(req as never, [step as never], fresh, emptyKnownIds());
    expect(again.steps).toEqual(['s1']);
    expect(again.target).toBe('ds-1');
    const kind = (again.body as { properties: Record<string, { select: { options: unknown[] } }> }).properties['k1'];
    expect(kind?.select.options).toEqual([{ id: 'a1' }, { id: 'b1' }, { name: 'C' }]);
  });
});
