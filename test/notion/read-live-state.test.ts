import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { NotionApiError, UserInputError } from '../../src/errors.js';
import type { LockFile } from '../../src/model/lock.js';
import { createNotionClient } from '../../src/notion/client.js';
import { EMPTY_LOCK, setDatabaseId, setDataSourceId } from '../../src/notion/lock-file.js';
import { readLiveState } from '../../src/notion/read-live-state.js';
import type { NotionClient } from '../../src/notion/types.js';
import { desiredState, seed } from './helpers/workspace.js';

let emu: EmulatorHandle;
let client: NotionClient;
beforeEach(async () => {
  emu = await startEmulator();
  client = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000 });
});
afterEach(async () => {
  await client.close();
  await emu.close();
});

const countBy = (method: string, prefix: string) => emu.requests.filter((r) => r.method === method && r.path.startsWith(prefix)).length;

describe('readLiveState against the emulator', () => {
  it('reads lock-bound databases and data sources with exactly D + K GETs, normalised', async () => {
    const parent = { type: 'page_id' as const, page_id: emu.rootPageId };
    const [crm, tasks] = await seed(client, [
      { title: 'CRM', parentPageId: emu.rootPageId, dataSources: [
        { title: 'Contacts', properties: { Email: { email: {} }, Stage: { select: { options: [{ name: 'Lead', color: 'gray' }] } } } },
        { title: 'Companies' },
      ] },
      { title: 'Tasks', parentPageId: emu.rootPageId, dataSources: [{ title: 'Tasks', properties: { Done: { checkbox: {} } } }] },
    ]);
    let lock: LockFile = setDatabaseId(EMPTY_LOCK, 'crm', crm!.id);
    lock = setDataSourceId(lock, 'crm', 'contacts', crm!.dataSourceIds[0]!);
    lock = setDataSourceId(lock, 'crm', 'companies', crm!.dataSourceIds[1]!);
    lock = setDatabaseId(lock, 'tasks', tasks!.id);
    lock = setDataSourceId(lock, 'tasks', 'main', tasks!.dataSourceIds[0]!);
    const desired = desiredState([
      { key: 'crm', title: 'CRM', parent, dataSources: [{ key: 'contacts', title: 'Contacts' }, { key: 'companies', title: 'Companies' }] },
      { key: 'tasks', title: 'Tasks', parent, dataSources: [{ key: 'main', title: 'Tasks' }] },
    ]);
    emu.clearRequests();
    const { live, warnings } = await readLiveState(client, desired, lock);
    expect(warnings).toEqual([]);
    expect(emu.requests).toHaveLength(2 + 3);
    expect(countBy('GET', '/v1/databases/')).toBe(2);
    expect(countBy('GET', '/v1/data_sources/')).toBe(3);
    expect([...live.databases.keys()]).toEqual(['crm', 'tasks']);
    expect(live.databases.get('crm')).toMatchObject({ source: 'lock', live: { id: crm!.id, title: 'CRM', parent } });
    const contacts = live.data_sources.get('crm.contacts');
    expect(contacts?.source).toBe('lock');
    expect(contacts?.live.database_id).toBe(crm!.id);
    expect(contacts?.live.properties.map((p) => [p.name, p.config.type])).toEqual([['Name', 'title'], ['Email', 'email'], ['Stage', 'select']]);
    const stage = contacts?.live.properties.find((p) => p.name === 'Stage');
    expect(stage?.config).toMatchObject({ type: 'select', options: [{ name: 'Lead', color: 'gray', description: null, id: expect.any(String) }] });
  });

  it('binds by the file id before the lock, and data sources by title within a bound database', async () => {
    const [a, b] = await seed(client, [
      { title: 'A', parentPageId: emu.rootPageId, dataSources: [{ title: 'One' }, { title: 'Two' }] },
      { title: 'B', parentPageId: emu.rootPageId, dataSources: [{ title: 'B' }] },
    ]);
    const parent = { type: 'page_id' as const, page_id: emu.rootPageId };
    const desired = desiredState([{ key: 'db', title: 'A', parent, id: a!.id, dataSources: [{ key: 'two', title: 'Two' }, { key: 'three', title: 'Three' }] }]);
    const lock = setDatabaseId(EMPTY_LOCK, 'db', b!.id);
    const { live } = await readLiveState(client, desired, lock);
    expect(live.databases.get('db')).toMatchObject({ source: 'file', live: { id: a!.id } });
    expect(live.data_sources.get('db.two')).toMatchObject({ source: 'adopted', live: { id: a!.dataSourceIds[1] } });
    expect(live.data_sources.has('db.three')).toBe(false);
  });

  it('binds a database through a data source `id:` when the database has none (still D + K GETs)', async () => {
    const [a] = await seed(client, [{ title: 'Lib', parentPageId: emu.rootPageId, dataSources: [{ title: 'Books' }, { title: 'Authors' }] }]);
    const desired = desiredState([{
      key: 'lib', title: 'Lib', parent: { type: 'page_id', page_id: emu.rootPageId },
      dataSources: [{ key: 'books', title: 'Books', id: a!.dataSourceIds[0]! }, { key: 'authors', title: 'Authors' }],
    }]);
    emu.clearRequests();
    const { live } = await readLiveState(client, desired, EMPTY_LOCK);
    expect(live.databases.get('lib')).toMatchObject({ source: 'file', live: { id: a!.id } });
    expect(live.data_sources.get('lib.books')).toMatchObject({ source: 'file', live: { id: a!.dataSourceIds[0] } });
    expect(live.data_sources.get('lib.authors')).toMatchObject({ source: 'adopted', live: { id: a!.dataSourceIds[1] } });
    expect(emu.requests).toHaveLength(1 + 2);
    expect(countBy('POST', '/v1/search')).toBe(0);
  });

  it('adopts a same-titled database under the same parent (search only when needed), never under another parent', async () => {
    await emu.ensurePage('11111111-2222-4333-8444-555555555555', 'Elsewhere');
    const [mine] = await seed(client, [
      { title: 'Projects', parentPageId: emu.rootPageId, dataSources: [{ title: 'Projects' }] },
      { title: 'Projects', parentPageId: '11111111-2222-4333-8444-555555555555', dataSources: [{ title: 'Projects' }] },
    ]);
    const desired = desiredState([
      { key: 'projects', title: 'Projects', parent: { type: 'page_id', page_id: emu.rootPageId }, dataSources: [{ key: 'main', title: 'Main' }] },
      { key: 'fresh', title: 'Not there yet', parent: { type: 'page_id', page_id: emu.rootPageId }, dataSources: [{ key: 'main', title: 'Not there yet' }] },
    ]);
    emu.clearRequests();
    const { live } = await readLiveState(client, desired, EMPTY_LOCK);
    expect(live.databases.get('projects')).toMatchObject({ source: 'adopted', live: { id: mine!.id } });
    // One desired and one live data source with different titles: the same one, retitled.
    expect(live.data_sources.get('projects.main')).toMatchObject({ source: 'adopted', live: { id: mine!.dataSourceIds[0] } });
    expect(live.databases.has('fresh')).toBe(false);
    expect(countBy('POST', '/v1/search')).toBeGreaterThanOrEqual(2);
    // The adopted database is read once; the other "Projects" is filtered out by its parent from the search result.
    expect(countBy('GET', '/v1/databases/')).toBe(1);
    expect(countBy('GET', '/v1/data_sources/')).toBe(1);

    // With the lock filled in, no search at all.
    emu.clearRequests();
    const lock = setDataSourceId(setDatabaseId(EMPTY_LOCK, 'projects', mine!.id), 'projects', 'main', mine!.dataSourceIds[0]!);
    await readLiveState(client, desiredState([desired.databases[0]!].map((d) => ({ key: d.key, title: d.title, parent: d.parent, dataSources: [{ key: 'main', title: 'Main' }] }))), lock);
    expect(countBy('POST', '/v1/search')).toBe(0);
    expect(emu.requests).toHaveLength(2);
  });

  it('refuses an ambiguous adoption, listing the candidates', async () => {
    const made = await seed(client, [
      { title: 'Dup', parentPageId: emu.rootPageId, dataSources: [{ title: 'Dup' }] },
      { title: 'Dup', parentPageId: emu.rootPageId, dataSources: [{ title: 'Dup' }] },
    ]);
    const desired = desiredState([{ key: 'dup', title: 'Dup', parent: { type: 'page_id', page_id: emu.rootPageId }, dataSources: [{ key: 'main', title: 'Dup' }] }]);
    const err = await readLiveState(client, desired, EMPTY_LOCK).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    for (const m of made) expect((err as Error).message).toContain(m.id);
    expect((err as UserInputError).diagnostics[0]?.hint).toMatch(/id:/);
  });

  it('reports every ambiguous adoption and every duplicate binding together, not only the first', async () => {
    const made = await seed(client, [
      { title: 'DupA', parentPageId: emu.rootPageId, dataSources: [{ title: 'DupA' }] },
      { title: 'DupA', parentPageId: emu.rootPageId, dataSources: [{ title: 'DupA' }] },
      { title: 'DupB', parentPageId: emu.rootPageId, dataSources: [{ title: 'DupB' }] },
      { title: 'DupB', parentPageId: emu.rootPageId, dataSources: [{ title: 'DupB' }] },
    ]);
    const parent = { type: 'page_id' as const, page_id: emu.rootPageId };
    const desired = desiredState([
      { key: 'a', title: 'DupA', parent, dataSources: [{ key: 'main', title: 'DupA' }] },
      { key: 'b', title: 'DupB', parent, dataSources: [{ key: 'main', title: 'DupB' }] },
    ]);
    const err = await readLiveState(client, desired, EMPTY_LOCK).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    const diagnostics = (err as UserInputError).diagnostics;
    expect(diagnostics).toHaveLength(2);
    expect((err as Error).message).toMatch(/2 problems/);
    for (const m of made) expect(diagnostics.map((d) => d.message).join('\n')).toContain(m.id);

    const dupes = desiredState([
      { key: 'x', title: 'DupA', parent, id: made[0]!.id, dataSources: [{ key: 'm', title: 'DupA' }] },
      { key: 'y', title: 'DupA', parent, id: made[0]!.id, dataSources: [{ key: 'm', title: 'DupA' }] },
      { key: 'z', title: 'DupB', parent, id: made[2]!.id, dataSources: [{ key: 'm', title: 'DupB' }] },
      { key: 'w', title: 'DupB', parent, id: made[2]!.id, dataSources: [{ key: 'm', title: 'DupB' }] },
    ]);
    const err2 = await readLiveState(client, dupes, EMPTY_LOCK).catch((e: unknown) => e);
    expect((err2 as UserInputError).diagnostics.map((d) => d.code)).toEqual(['duplicate-binding', 'duplicate-binding']);
  });

  it('a bound id that answers 404 is an error with the share hint, not a silent re-create', async () => {
    const missing = '99999999-8888-4777-8666-555555555555';
    const desired = desiredState([{ key: 'gone', title: 'Gone', parent: { type: 'page_id', page_id: emu.rootPageId }, dataSources: [{ key: 'main', title: 'Gone' }] }]);
    const err = await readLiveState(client, desired, setDatabaseId(EMPTY_LOCK, 'gone', missing)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotionApiError);
    expect((err as NotionApiError).status).toBe(404);
    expect((err as NotionApiError).hint).toContain(`share the page or database ${missing}`);
  });

  it('reads data sources targeted by id from outside the file into `external`, warning about unreadable ones', async () => {
    const [other, mine] = await seed(client, [
      { title: 'Other', parentPageId: emu.rootPageId, dataSources: [{ title: 'Other' }] },
      { title: 'Mine', parentPageId: emu.rootPageId, dataSources: [{ title: 'Mine' }] },
    ]);
    const otherDs = other!.dataSourceIds[0]!;
    const unknownDs = '12345678-1234-4234-8234-123456789abc';
    const desired = desiredState([{
      key: 'mine', title: 'Mine', parent: { type: 'page_id', page_id: emu.rootPageId }, id: mine!.id,
      dataSources: [{ key: 'main', title: 'Mine', properties: [
        { name: 'Name', description: null, renamed_from: [], config: { type: 'title' } },
        { name: 'Other', description: null, renamed_from: [], config: { type: 'relation', target: { kind: 'id', id: otherDs }, dual: null } },
        { name: 'Ghost', description: null, renamed_from: [], config: { type: 'relation', target: { kind: 'id', id: unknownDs }, dual: null } },
      ] }],
    }]);
    emu.clearRequests();
    const { live, warnings } = await readLiveState(client, desired, EMPTY_LOCK);
    expect([...live.external.keys()]).toEqual([otherDs]);
    expect(live.external.get(otherDs)?.title).toBe('Other');
    expect(warnings.map((w) => w.code)).toEqual(['relation-target-unreadable']);
    expect(warnings[0]?.message).toContain(unknownDs);
    expect(emu.requests).toHaveLength(1 + 1 + 2);
  });

  it('rejects two keys bound to one database', async () => {
    const [a] = await seed(client, [{ title: 'Same', parentPageId: emu.rootPageId, dataSources: [{ title: 'Same' }] }]);
    const parent = { type: 'page_id' as const, page_id: emu.rootPageId };
    const desired = desiredState([
      { key: 'x', title: 'Same', parent, id: a!.id, dataSources: [{ key: 'm', title: 'Same' }] },
      { key: 'y', title: 'Same', parent, dataSources: [{ key: 'm', title: 'Same' }] },
    ]);
    const lock = setDatabaseId(EMPTY_LOCK, 'y', a!.id);
    await expect(readLiveState(client, desired, lock)).rejects.toThrow(/both denote/);
  });
});
