import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UserInputError } from '../../src/errors.js';
import { fetchWorkspace, pullWorkspace, parseDatabaseArg, mergeLock } from '../../src/pull/index.js';
import { fakeClient, type RawDs } from './fake-client.js';
import { uuid } from './live-builders.js';

const title = { id: 'title', name: 'Name', type: 'title', title: {}, description: null };
function ws(): { id: string; title: string; sources: RawDs[] }[] {
  return [
    { id: uuid(1), title: 'Projects', sources: [
      { id: uuid(11), database_id: uuid(1), title: 'Projects', properties: {
        Name: title,
        Tasks: { id: 'tk', name: 'Tasks', type: 'relation', description: null, relation: { data_source_id: uuid(21), database_id: uuid(2), type: 'dual_property', dual_property: { synced_property_name: 'Project', synced_property_id: 'pj' } } },
      } },
      { id: uuid(12), database_id: uuid(1), title: 'Archive', properties: { Name: title } },
    ] },
    { id: uuid(2), title: 'Tasks', sources: [
      { id: uuid(21), database_id: uuid(2), title: 'Tasks', properties: {
        Name: title,
        Project: { id: 'pj', name: 'Project', type: 'relation', description: null, relation: { data_source_id: uuid(11), database_id: uuid(1), type: 'dual_property', dual_property: { synced_property_name: 'Tasks', synced_property_id: 'tk' } } },
        Weird: { id: 'w', name: 'Weird', type: 'hologram', hologram: {} },
      } },
    ] },
    { id: uuid(3), title: 'Another', sources: [{ id: uuid(31), database_id: uuid(3), title: 'Another', properties: { Name: title } }] },
  ];
}

describe('fetchWorkspace', () => {
  it('uses one GET per database, one per data source and one view list per data source', async () => {
    const client = fakeClient(ws());
    const pulled = await fetchWorkspace(client, { databases: [uuid(1), uuid(2).replace(/-/g, '')], all: false });
    expect(pulled.databases.map((d) => d.database.title)).toEqual(['Projects', 'Tasks']);
    expect(pulled.databases[0]?.dataSources.map((d) => d.title)).toEqual(['Projects', 'Archive']);
    expect(client.log.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      `GET /v1/data_sources/${uuid(11)}`, `GET /v1/data_sources/${uuid(12)}`, `GET /v1/data_sources/${uuid(21)}`,
      `GET /v1/databases/${uuid(1)}`, `GET /v1/databases/${uuid(2)}`,
      ...[11, 12, 21].map((n) => `GET /v1/views?data_source_id=${uuid(n)}&page_size=100`),
    ]);
  });

  it('resolves a data source id to its database without reading the data source twice', async () => {
    const client = fakeClient(ws());
    const pulled = await fetchWorkspace(client, { databases: [uuid(12)], all: false });
    expect(pulled.databases.map((d) => d.database.id)).toEqual([uuid(1)]);
    expect(client.log.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/databases/${uuid(12)}`, `GET /v1/data_sources/${uuid(12)}`, `GET /v1/databases/${uuid(1)}`, `GET /v1/data_sources/${uuid(11)}`,
      `GET /v1/views?data_source_id=${uuid(11)}&page_size=100`, `GET /v1/views?data_source_id=${uuid(12)}&page_size=100`,
    ]);
  });

  it('--all pages through search and reuses the data source objects it returns', async () => {
    const client = fakeClient(ws(), 2);
    const pulled = await fetchWorkspace(client, { databases: [], all: true });
    expect(pulled.databases.map((d) => d.database.title)).toEqual(['Another', 'Projects', 'Tasks']);
    const searches = client.log.filter((r) => r.path === '/v1/search').length;
    const dsGets = client.log.filter((r) => r.path.startsWith('/v1/data_sources/')).length;
    const dbGets = client.log.filter((r) => r.path.startsWith('/v1/databases/')).length;
    expect({ searches, dsGets, dbGets }).toEqual({ searches: 2, dsGets: 0, dbGets: 3 });
  });

  it('warns about property types it does not know', async () => {
    const pulled = await fetchWorkspace(fakeClient(ws()), { databases: [uuid(2)], all: false });
    expect(pulled.warnings.map((w) => w.code)).toEqual(['pull-unknown-property-type']);
    expect(pulled.databases[0]?.dataSources[0]?.properties.map((p) => p.name)).toEqual(['Name', 'Project']);
  });

  it('explains an id that is neither a database nor a data source', async () => {
    await expect(fetchWorkspace(fakeClient(ws()), { databases: [uuid(99)], all: false })).rejects.toThrow(/No database or data source with id/);
  });

  it('requires --database or --all', async () => {
    const err: unknown = await fetchWorkspace(fakeClient(ws()), { databases: [], all: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as UserInputError).diagnostics[0]?.message).toMatch(/--database ID\|URL .* or --all/);
  });
});

describe('pullWorkspace', () => {
  it('writes keys for relations between pulled data sources and ids for the others', async () => {
    const both = await pullWorkspace(fakeClient(ws()), { databases: [uuid(1), uuid(2)], all: false, emit: { date: 'D' } });
    const data = parse(both.yaml);
    expect(data.databases.projects.data_sources.projects.properties.Tasks).toEqual({ type: 'relation', data_source: 'tasks.tasks', dual: { property: 'Project' } });
    expect(both.yaml).toContain('# Pulled from http://fake on D by notion-schema');
    const one = parse((await pullWorkspace(fakeClient(ws()), { databases: [uuid(2)], all: false })).yaml);
    expect(one.databases.tasks.data_sources.tasks.properties.Project.data_source).toBe(uuid(11));
  });
});

describe('parseDatabaseArg', () => {
  const id = '0c5e2b1c-9d4e-4f5a-8b7c-6d5e4f3a2b1c';
  it.each([
    [id],
    [id.replace(/-/g, '')],
    [id.toUpperCase()],
    [`https://www.notion.so/acme/Title-${id.replace(/-/g, '')}?v=1234567890abcdef1234567890abcdef`],
    [`https://www.notion.so/${id.replace(/-/g, '')}`],
    [`https://acme.notion.site/Cafe-Menu-${id.replace(/-/g, '')}#x`],
  ])('parses %s', (arg) => {
    expect(parseDatabaseArg(arg)).toBe(id);
  });
  it.each([['nope'], ['https://www.notion.so/acme/Title'], ['0c5e2b1c']])('rejects %s with a hint', (arg) => {
    let thrown: unknown;
    try { parseDatabaseArg(arg); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(UserInputError);
    const [d] = (thrown as UserInputError).diagnostics;
    expect(d?.message).toMatch(/is not a database id or a Notion URL/);
    expect(d?.hint).toMatch(/UUID .*or a URL copied from Notion/);
  });
});

describe('mergeLock', () => {
  it('replaces pulled entries and keeps the others', () => {
    const existing = { version: 1 as const, databases: { a: { id: uuid(1), data_sources: { x: uuid(11) } }, old: { id: uuid(2), data_sources: {} }, z: { id: uuid(9), data_sources: {} } } };
    const pulled = { version: 1 as const, databases: { a: { id: uuid(1), data_sources: { x: uuid(11), y: uuid(12) } }, b: { id: uuid(2), data_sources: {} } } };
    expect(mergeLock(existing, pulled).databases).toEqual({ z: existing.databases.z, ...pulled.databases });
  });
});
