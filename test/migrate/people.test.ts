import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotionApiError } from '../../src/errors.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { MigrationIncompleteError, runMigration, type OptionMigrationSpec } from '../../src/migrate/index.js';
import type { NotionClient, NotionRequest } from '../../src/notion/types.js';
import { createDataSource, createPages, fastClient, getDs, names, optionNames, readPages, tempStateDir, TOKEN } from './helpers.js';

let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
  client = fastClient(emu.url);
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

/** A client that runs `before` ahead of each request it forwards (a person editing, a token revoked). */
function hooked(inner: () => NotionClient, before: (req: NotionRequest) => Promise<void>): NotionClient {
  return {
    get stats() { return inner().stats; },
    target: 'hooked',
    notionVersion: '2025-09-03',
    request: async <T>(req: NotionRequest) => { await before(req); return inner().request<T>(req); },
    close: async () => undefined,
  };
}

async function fixture(n: number): Promise<{ dsId: string; ids: string[]; spec: OptionMigrationSpec }> {
  const dsId = await createDataSource(client, emu, { Name: { title: {} }, Stage: { select: { options: [{ name: 'Client', color: 'red' }, { name: 'Lead' }] } } });
  const ids = await createPages(client, dsId, Array.from({ length: n }, () => ({ Stage: { select: { name: 'Client' } } })));
  const propertyId = (await getDs(client, dsId)).properties['Stage']!.id;
  return { dsId, ids, spec: { kind: 'option', dataSourceId: dsId, propertyId, propertyType: 'select', from: 'Client', to: { name: 'Customer' } } };
}

const setClient = (id: string): Promise<unknown> => client.request({ method: 'PATCH', path: `/v1/pages/${id}`, body: { properties: { Stage: { select: { name: 'Client' } } } } });

describe('concurrency with people', () => {
  it('re-queries after the rewrite pass and rewrites what a person set back meanwhile', async () => {
    const { ids, spec, dsId } = await fixture(120);
    let queries = 0;
    const c = hooked(() => client, async (req) => {
      if (!req.path.endsWith('/query')) return;
      queries++;
      // Before the first re-query (round 2), a person puts the old option back on five migrated pages.
      if (queries === 3) for (const id of ids.slice(0, 5)) await setClient(id);
    });
    const r = await runMigration(c, spec, { stateDir: tempStateDir() });
    expect(r.rounds).toEqual([3]);
    expect(r.writes).toBe(125);
    const pages = await readPages(client, ids);
    for (const id of ids) expect(names(pages.get(id)!['Stage'])).toBe('Customer');
    expect(optionNames((await getDs(client, dsId)).properties['Stage']).map((o) => o.name)).toEqual(['Lead', 'Customer']);
  });

  it('gives up after bounded rounds when someone keeps setting the old value, and removes nothing', async () => {
    const { ids, spec, dsId } = await fixture(10);
    const c = hooked(() => client, async (req) => {
      if (req.path.endsWith('/query')) await setClient(ids[0]!);
    });
    const err = await runMigration(c, spec, { stateDir: tempStateDir(), maxRounds: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationIncompleteError);
    expect((err as Error).message).toMatch(/still hold the old value.*nothing was removed/);
    expect(optionNames((await getDs(client, dsId)).properties['Stage']).map((o) => o.name)).toEqual(['Client', 'Lead', 'Customer']);
    // Resuming once the edits stop completes it.
    const r = await runMigration(client, spec, { stateDir: tempStateDir() });
    expect(r.writes).toBe(1);
    expect(optionNames((await getDs(client, dsId)).properties['Stage']).map((o) => o.name)).toEqual(['Lead', 'Customer']);
  });

  it('stops at once on a 401 (token revoked mid-run) and resumes later', async () => {
    const { ids, spec, dsId } = await fixture(60);
    const bad = fastClient(emu.url, { token: 'revoked-token' });
    let writes = 0;
    let current = client;
    const c = hooked(() => current, async (req) => {
      if (req.method === 'PATCH' && req.path.startsWith('/v1/pages/') && ++writes === 20) current = bad;
    });
    const stateDir = tempStateDir();
    const err = await runMigration(c, spec, { stateDir, concurrency: 4 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotionApiError);
    expect((err as NotionApiError).status).toBe(401);
    // Writes already handed to the client when the first 401 came back, and nothing more.
    expect(writes).toBeLessThanOrEqual(20 + 4);
    expect(optionNames((await getDs(client, dsId)).properties['Stage']).map((o) => o.name)).toContain('Client');
    const r = await runMigration(client, spec, { stateDir });
    expect(r.writesBefore).toBe(19);
    expect(r.writes).toBe(41);
    const pages = await readPages(client, ids);
    for (const id of ids) expect(names(pages.get(id)!['Stage'])).toBe('Customer');
    await bad.close();
  });
});
