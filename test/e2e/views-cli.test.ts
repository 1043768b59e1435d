import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@notionhq/client';
import type { DataSourceViewObjectResponse } from '@notionhq/client/build/src/api-endpoints/views.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { cli, freshParent, projectDir, TOKEN } from './apply-helpers.js';

let emu: EmulatorHandle;
let sdk: Client;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
  sdk = new Client({ auth: TOKEN, baseUrl: emu.url, retry: false, logLevel: 'error' as never });
});
afterAll(async () => { await emu.close(); });

const schema = (parent: string, o: { due?: string; filter?: string; board?: string; calendar?: string } = {}): string => `version: 1
databases:
  tasks:
    title: View tasks
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: Tasks
        properties:
          Task: { type: title }
          Status: { type: status }
          ${o.due ?? 'Due: { type: date }'}
          Assignee: { type: people }
        views:
          - name: All tasks
            type: table
            properties: [Task, Status, Assignee, ${o.due === undefined ? 'Due' : 'Deadline'}]
            sorts: [{ property: ${o.due === undefined ? 'Due' : 'Deadline'}, direction: ascending }]
          - name: ${o.board ?? 'Board'}
            type: board
            group_by: Status
            filter: ${o.filter ?? '{ property: Status, status: { does_not_equal: Done } }'}
          - name: ${o.calendar ?? 'Calendar'}
            type: calendar
            date_property: ${o.due === undefined ? 'Due' : 'Deadline'}
`;

async function viewsOf(dsId: string): Promise<DataSourceViewObjectResponse[]> {
  const list = await sdk.views.list({ data_source_id: dsId });
  return Promise.all(list.results.map(async (r) => (await sdk.views.retrieve({ view_id: r.id })) as DataSourceViewObjectResponse));
}

describe('views as code through the CLI', () => {
  it('declares three views, applies, changes a filter and renames a view (two updates), survives a property rename', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(schema(parent));
    const first = await cli(dir, emu.url, ['apply', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toContain('remaining');

    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: { tasks: { data_sources: { main: string } } }; views: Record<string, Record<string, string>> };
    const dsId = lock.databases.tasks.data_sources.main;
    const ds = await sdk.dataSources.retrieve({ data_source_id: dsId }) as unknown as { properties: Record<string, { id: string }> };
    const id = (n: string): string => ds.properties[n]!.id;
    const views = await viewsOf(dsId);
    expect(views.map((v) => [v.name, v.type])).toEqual([['All tasks', 'table'], ['Board', 'board'], ['Calendar', 'calendar']]);
    expect(Object.keys(lock.views['tasks.main'] ?? {}).sort()).toEqual(['All tasks', 'Board', 'Calendar']);
    const [table, board, calendar] = views;
    expect(table!.sorts).toEqual([{ property: id('Due'), direction: 'ascending' }]);
    expect(table!.configuration).toMatchObject({ type: 'table' });
    const cols = (table!.configuration as { properties: { property_id: string; visible: boolean }[] }).properties;
    expect(cols.filter((c) => c.visible).map((c) => c.property_id)).toEqual([id('Task'), id('Status'), id('Assignee'), id('Due')]);
    expect(board!.filter).toEqual({ property: id('Status'), status: { does_not_equal: 'Done' } });
    expect(board!.configuration).toMatchObject({ type: 'board', group_by: { type: 'status', property_id: id('Status') } });
    expect(calendar!.configuration).toMatchObject({ type: 'calendar', date_property_id: id('Due') });

    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);

    // Change the board's filter and rename the calendar: exactly those two updates.
    const changed = { filter: '{ property: Status, status: { equals: Done } }', calendar: 'Month\n            renamed_from: [Calendar]' };
    writeFileSync(path.join(dir, 'notion.schema.yaml'), schema(parent, changed));
    const plan = await cli(dir, emu.url, ['plan', '--json']);
    const steps = (JSON.parse(plan.stdout) as { steps: { kind: string; view?: string; changes?: { field: string; before: unknown; after: unknown }[] }[] }).steps;
    expect(steps.map((s) => [s.kind, s.view, s.changes])).toEqual([
      ['update_view', 'Board', [{ field: 'filter', before: { property: 'Status', status: { does_not_equal: 'Done' } }, after: { property: 'Status', status: { equals: 'Done' } } }]],
      ['update_view', 'Month', [{ field: 'name', before: 'Calendar', after: 'Month' }]],
    ]);
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    expect((await viewsOf(dsId)).map((v) => [v.name, (v.filter as { status?: unknown } | null)?.status ?? null])).toEqual([
      ['All tasks', null], ['Board', { equals: 'Done' }], ['Month', null],
    ]);

    // Drift made in the Notion app (a renamed view, a changed filter) is shown in the plan and undone.
    await sdk.views.update({ view_id: board!.id, name: 'Kanban', filter: { property: id('Status'), status: { equals: 'Not started' } } as never });
    const drift = JSON.parse((await cli(dir, emu.url, ['plan', '--json'])).stdout) as { steps: { kind: string; view: string; drift?: boolean; changes: { field: string }[] }[] };
    expect(drift.steps.map((s) => [s.kind, s.view, s.drift ?? false, s.changes.map((c) => c.field)])).toEqual([['update_view', 'Board', true, ['name', 'filter']]]);
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);

    // Rename the property the table sorts by: the view keeps sorting by it (ids), nothing else changes.
    writeFileSync(path.join(dir, 'notion.schema.yaml'), schema(parent, { ...changed, due: 'Deadline: { type: date, renamed_from: [Due] }', calendar: 'Month' }));
    const renamePlan = JSON.parse((await cli(dir, emu.url, ['plan', '--json'])).stdout) as { steps: { kind: string }[] };
    expect(renamePlan.steps.map((s) => s.kind)).toEqual(['rename_property']);
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    const after = await viewsOf(dsId);
    expect(after[0]!.sorts).toEqual([{ property: id('Due'), direction: 'ascending' }]);
    expect(((await sdk.dataSources.retrieve({ data_source_id: dsId })) as unknown as { properties: Record<string, { id: string }> }).properties['Deadline']!.id).toBe(id('Due'));
    expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);

    // pull writes the views (by property name) and their ids; pull then plan is empty.
    const pulled = projectDir('');
    rmSync(path.join(pulled, 'notion.schema.yaml'));
    const p = await cli(pulled, emu.url, ['pull', '--database', lock.databases.tasks.data_sources.main]);
    expect(p.code, p.stderr).toBe(0);
    const yaml = readFileSync(path.join(pulled, 'notion.schema.yaml'), 'utf8');
    expect(yaml).toContain('views:');
    expect(yaml).toMatch(/- name: All tasks\n\s+type: table\n\s+properties: \[ Task, Status, Assignee, Deadline \]\n\s+sorts: \[ \{ property: Deadline, direction: ascending \} \]/);
    expect(yaml).toMatch(/- name: Board\n\s+type: board\n\s+filter: \{ property: Status, status: \{ equals: Done \} \}\n\s+group_by: Status/);
    expect(yaml).toMatch(/- name: Month\n\s+type: calendar\n\s+date_property: Deadline/);
    const pulledLock = JSON.parse(readFileSync(path.join(pulled, 'notion-schema.lock.json'), 'utf8')) as { views: Record<string, Record<string, string>> };
    const nowLock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as typeof lock;
    expect(Object.keys(nowLock.views['tasks.main'] ?? {}).sort()).toEqual(['All tasks', 'Board', 'Month']);
    expect(Object.values(pulledLock.views)[0]).toEqual(nowLock.views['tasks.main']);
    const again = await cli(pulled, emu.url, ['plan', '--detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });
});
