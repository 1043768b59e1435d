import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Client } from '@notionhq/client';
import { GONE_MARK, pullWorkspace } from '../../src/pull/index.js';
import { golden } from './golden.js';
import { HANDMADE } from './handmade-workspaces.js';
import { buildBed, EMIT, maskIds, planAfterPull, pullAll, type Bed } from './round-trip-helpers.js';

let bed: Bed | undefined;
afterEach(async () => { await bed?.close(); bed = undefined; });

describe('pull → plan on hand-made workspaces', () => {
  it.each(Object.keys(HANDMADE))('%s: matches the golden file and plans no changes', async (name) => {
    bed = await buildBed(HANDMADE[name]!);
    const pulled = await pullAll(bed.client);
    const masked = maskIds(pulled.yaml);
    expect(masked).toBe(golden(`pull-${name}/notion.schema.yaml`, masked));
    const { plan, text, errors } = await planAfterPull(bed.client, pulled);
    expect(errors).toEqual([]);
    expect(plan.steps, text).toEqual([]);
  });
});

describe('pull → plan with relations leaving the pulled set', () => {
  it('relations to data sources that are not pulled keep their ids and still plan no changes', async () => {
    bed = await buildBed(HANDMADE['projects']!);
    const pulled = await pullWorkspace(bed.client, { databases: [bed.ids.databases[1] ?? ''], all: false, emit: EMIT });
    const tasks = parse(pulled.yaml).databases.tasks.data_sources.tasks.properties;
    expect(tasks.Project).toEqual({ type: 'relation', data_source: bed.ids.dataSources[0], dual: { property: 'Related to Tasks (Project)' } });
    const { plan, text, errors } = await planAfterPull(bed.client, pulled);
    expect(errors).toEqual([]);
    expect(plan.steps, text).toEqual([]);
  });
});

describe('pull --merge after live changes', () => {
  it('keeps comments, adds what is new, marks what is gone; plan then only re-adds the marked property', async () => {
    bed = await buildBed(HANDMADE['crm']!);
    const first = await pullAll(bed.client);
    const commented = first.yaml.replace('          Amount:', '          # Amounts are in dollars, ask finance.\n          Amount:');
    const sdk = new Client({ auth: 'test-token', baseUrl: bed.emu.url, logger: () => {} });
    await sdk.dataSources.update({ data_source_id: bed.ids.dataSources[0] ?? '', properties: {
      Phone: { phone_number: {} },
      Ticket: null,
      Stage: { select: { options: [{ name: 'Lead' }, { name: 'Customer' }, { name: 'Partner', color: 'pink' }] } },
    } });
    const merged = await pullWorkspace(bed.client, { databases: [], all: true, emit: EMIT, merge: { text: commented, file: 'notion.schema.yaml', lock: first.lock } });
    expect(merged.yaml).toContain('# Amounts are in dollars, ask finance.\n          Amount:');
    expect(merged.yaml).toContain('{ name: Partner, color: pink }');
    expect(merged.yaml).toMatch(/Phone: \{ type: phone_number \}/);
    expect(merged.yaml).toMatch(new RegExp(`# ${GONE_MARK}[^\\n]*\\n\\s+Ticket: \\{ type: unique_id, prefix: CRM \\}`));
    const { plan, errors } = await planAfterPull(bed.client, merged);
    expect(errors).toEqual([]);
    expect(plan.steps.map((st) => [st.kind, st.property])).toEqual([['add_property', 'Ticket']]);
  });
});

describe('the round-trip check has teeth', () => {
  it('a pulled file edited by hand plans changes', async () => {
    bed = await buildBed(HANDMADE['crm']!);
    const pulled = await pullAll(bed.client);
    const edited = { ...pulled, yaml: pulled.yaml.replace('format: dollar', 'format: euro').replace('{ name: Customer, color: green }', '{ name: Customer, color: green }\n              - { name: Partner }') };
    const { plan } = await planAfterPull(bed.client, edited);
    expect(plan.steps.map((s) => s.kind).sort()).toEqual(['add_options', 'update_property']);
  });
});

describe('pull request count', () => {
  it('pulling N data sources by database id costs one GET per database and per data source, and a view list and one GET per view per data source', async () => {
    bed = await buildBed(HANDMADE['projects']!);
    bed.emu.clearRequests();
    await pullWorkspace(bed.client, { databases: bed.ids.databases, all: false, emit: EMIT });
    const reqs = bed.emu.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, 'ID')}`).sort();
    expect(reqs).toEqual([
      ...Array(bed.ids.dataSources.length).fill('GET /v1/data_sources/ID'),
      ...Array(bed.ids.databases.length).fill('GET /v1/databases/ID'),
      // Each data source holds the one default view Notion creates with it.
      ...Array(bed.ids.dataSources.length).fill('GET /v1/views'),
      ...Array(bed.ids.dataSources.length).fill('GET /v1/views/ID'),
    ]);
  });

  it('a data source id is resolved to its database at the cost of one failed GET', async () => {
    bed = await buildBed(HANDMADE['projects']!);
    bed.emu.clearRequests();
    const pulled = await pullWorkspace(bed.client, { databases: [bed.ids.dataSources[2] ?? ''], all: false, emit: EMIT });
    expect(pulled.workspace.databases.map((d) => d.database.id)).toEqual([bed.ids.databases[1]]);
    // + per data source of the database: its view list and its one (default) view.
    const views = (pulled.workspace.databases[0]?.dataSources.length ?? 0) * 2;
    expect(bed.emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 404', 'GET 200', 'GET 200', 'GET 200', ...Array(views).fill('GET 200')]);
  });

  it('--all costs the search pages, one GET per database (search returns the data sources) and the views of each data source', async () => {
    bed = await buildBed(HANDMADE['tricky']!);
    bed.emu.clearRequests();
    const pulled = await pullAll(bed.client);
    expect(Object.keys(parse(pulled.yaml).databases)).toHaveLength(3);
    const reqs = bed.emu.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, 'ID')}`).sort();
    const n = pulled.workspace.databases.reduce((a, d) => a + d.dataSources.length, 0);
    expect(reqs).toEqual(['GET /v1/databases/ID', 'GET /v1/databases/ID', 'GET /v1/databases/ID',
      ...Array(n).fill('GET /v1/views'), ...Array(n).fill('GET /v1/views/ID'), 'POST /v1/search']);
  });
});
