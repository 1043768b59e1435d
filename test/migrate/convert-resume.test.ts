import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { runMigration, type ConvertMigrationSpec } from '../../src/migrate/index.js';
import type { NotionClient, NotionRequest } from '../../src/notion/types.js';
import { createDataSource, createPages, fastClient, getDs, names, pageWrites, readPages, tempStateDir } from './helpers.js';

let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator();
  client = fastClient(emu.url);
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

/** A client that dies (throws, sending nothing) on the first request `dies` says yes to. */
function dying(dies: (req: NotionRequest, n: number) => boolean): NotionClient {
  let n = 0;
  let dead = false;
  return {
    get stats() { return client.stats; },
    target: 'dying', notionVersion: '2025-09-03',
    request: <T>(req: NotionRequest) => {
      if (dead || dies(req, ++n)) {
        dead = true;
        return Promise.reject(new Error('process killed'));
      }
      return client.request<T>(req);
    },
    close: async () => undefined,
  };
}

const texts = Array.from({ length: 130 }, (_, i) => ['one', 'two', 'three'][i % 3]!);

async function fixture(): Promise<{ ids: string[]; spec: ConvertMigrationSpec; dsId: string }> {
  const dsId = await createDataSource(client, emu, { Name: { title: {} }, Kind: { rich_text: {} } });
  const ids = await createPages(client, dsId, texts.map((t) => ({ Kind: { rich_text: [{ type: 'text', text: { content: t } }] } })));
  const propertyId = (await getDs(client, dsId)).properties['Kind']!.id;
  return { ids, dsId, spec: { kind: 'convert', dataSourceId: dsId, propertyId, from: 'rich_text', to: 'select', rules: { onUnconvertible: 'fail' } } };
}

async function check(ids: readonly string[], dsId: string): Promise<void> {
  const pages = await readPages(client, ids);
  ids.forEach((id, i) => expect(names(pages.get(id)!['Kind'])).toBe(texts[i]));
  const props = (await getDs(client, dsId)).properties;
  expect(Object.keys(props).sort()).toEqual(['Kind', 'Name']);
  expect(props['Kind']!.type).toBe('select');
}

describe('an interrupted conversion resumes where it stopped', () => {
  let writes = 0;
  it('stopped in the middle of the copy: each page copied once', async () => {
    const { ids, spec, dsId } = await fixture();
    const stateDir = tempStateDir();
    const since = emu.requests.length;
    writes = 0;
    await expect(runMigration(dying((r) => r.path.startsWith('/v1/pages/') && ++writes > 50), spec, { stateDir })).rejects.toThrow('process killed');
    const r = await runMigration(client, spec, { stateDir });
    expect(r.writesBefore).toBe(50);
    expect(r.writes).toBe(80);
    expect([...pageWrites(emu, since).values()].every((n) => n === 1)).toBe(true);
    expect(pageWrites(emu, since).size).toBe(130);
    await check(ids, dsId);
  });

  it('stopped between removing the old property and renaming the new one', async () => {
    const { ids, spec, dsId } = await fixture();
    const stateDir = tempStateDir();
    await expect(runMigration(dying((r) => r.method === 'PATCH' && JSON.stringify(r.body).includes('"name":"Kind"')), spec, { stateDir })).rejects.toThrow('process killed');
    expect(Object.keys((await getDs(client, dsId)).properties).some((n) => n.startsWith('Kind (migrating'))).toBe(true);
    const since = emu.requests.length;
    const r = await runMigration(client, spec, { stateDir });
    expect(r.writes).toBe(0);
    expect(pageWrites(emu, since).size).toBe(0);
    await check(ids, dsId);
  });

  it('finds its temporary property by id when someone renamed it meanwhile: no second one, each page copied once', async () => {
    const { ids, spec, dsId } = await fixture();
    const stateDir = tempStateDir();
    const since = emu.requests.length;
    let n = 0;
    await expect(runMigration(dying((r) => r.path.startsWith('/v1/pages/') && ++n > 40), spec, { stateDir })).rejects.toThrow('process killed');
    const temp = Object.values((await getDs(client, dsId)).properties).find((p) => String(p.name).startsWith('Kind (migrating'));
    expect(temp).toBeDefined();
    await client.request({ method: 'PATCH', path: `/v1/data_sources/${dsId}`, body: { properties: { [temp!.id]: { name: 'Someone renamed this' } } } });
    const r = await runMigration(client, spec, { stateDir });
    expect(r.writesBefore).toBe(40);
    expect(r.writes).toBe(90);
    expect([...pageWrites(emu, since).values()].every((x) => x === 1)).toBe(true);
    await check(ids, dsId);
  });
});
