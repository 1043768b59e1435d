import { describe, expect, it } from 'vitest';
import { parseSchemaText } from '../../src/config/index.js';

const head = `databases:
  tasks:
    title: Tasks
    parent: { page_id: 1f2e3d4c-5b6a-4789-8abc-def012345678 }
    data_sources:
      main:
        title: Tasks
        properties:
          Task: { type: title }
          Status: { type: status }
          Due: { type: date }
          Notes: { type: rich_text }
          Done: { type: checkbox }
        views:
`;

const parse = (views: string): ReturnType<typeof parseSchemaText> => parseSchemaText(head + views, 'notion.schema.yaml');
const errors = (views: string): string[] =>
  parse(views).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location?.line}:${d.location?.col} ${d.code}`);

describe('views in the schema file', () => {
  it('normalises three views in file order, property references by name', () => {
    const r = parse(`          - name: All tasks
            type: table
            properties: [Task, Status, Due]
            sorts: [{ property: Due, direction: ascending }]
          - name: Board
            type: board
            group_by: Status
            filter: { property: Status, status: { does_not_equal: Done } }
          - name: Calendar
            type: calendar
            date_property: Due
`);
    expect(r.diagnostics).toEqual([]);
    const views = r.desired?.databases[0]?.data_sources[0]?.views ?? [];
    expect(views.map((v) => [v.name, v.type])).toEqual([['All tasks', 'table'], ['Board', 'board'], ['Calendar', 'calendar']]);
    expect(views[0]).toMatchObject({ properties: ['Task', 'Status', 'Due'], sorts: [{ property: 'Due', direction: 'ascending' }], filter: null, group_by: null });
    expect(views[1]).toMatchObject({ group_by: 'Status', filter: { property: 'Status', status: { does_not_equal: 'Done' } }, properties: null });
    expect(views[2]).toMatchObject({ date_property: 'Due', location: { line: 23, col: 13 } });
  });

  it('a data source without `views:` leaves views unmanaged', () => {
    const r = parseSchemaText(head.replace('        views:\n', ''), 'f.yaml');
    expect(r.desired?.databases[0]?.data_sources[0]?.views).toBeUndefined();
  });

  it('reports an unknown property with file:line:col and a suggestion', () => {
    const r = parse(`          - name: A
            type: table
            properties: [Task, Statuz]
`);
    expect(r.diagnostics.map((d) => [d.code, d.location?.line, d.location?.col, d.hint])).toEqual([['view-unknown-property', 17, 32, 'did you mean "Status"?']]);
  });

  it('reports group_by on a type that cannot group, and a board without group_by', () => {
    expect(errors(`          - name: L
            type: list
            group_by: Status
          - name: B
            type: board
`)).toEqual(['17:13 view-group-by-not-allowed', '18:13 view-missing-group-by']);
  });

  it('reports a calendar without a date property, and a date property that is no date', () => {
    expect(errors(`          - name: C
            type: calendar
          - name: T
            type: timeline
            date_property: Notes
`)).toEqual(['15:13 view-missing-date-property', '19:28 view-date-property-type']);
  });

  it('reports a filter whose shape does not match the property type, nested ones included', () => {
    expect(errors(`          - name: F
            type: table
            filter: { property: Status, select: { equals: Done } }
          - name: G
            type: table
            filter: { and: [{ property: Done, checkbox: { equals: false } }, { property: Notes, rich_text: { equalz: x } }] }
`)).toEqual(['17:41 view-filter-shape', '20:110 view-filter-shape']);
  });

  it('reports duplicate view names and an unknown view type', () => {
    const e = errors(`          - name: A
            type: table
          - name: a
            type: table
`);
    expect(e).toEqual(['17:19 duplicate-view-name']);
    const r = parse(`          - name: X
            type: tabel
`);
    expect(r.diagnostics.map((d) => [d.code, d.location?.line, d.location?.col, d.hint])).toEqual([['unknown-view-type', 16, 19, 'did you mean "table"? valid: table, board, list, calendar, timeline, gallery, form, chart, map']]);
  });

  it('views_exclusive needs at least one declared view', () => {
    const r = parseSchemaText(head.replace('        views:\n', '        views: []\n        views_exclusive: true\n'), 'f.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.location?.line, d.location?.col])).toEqual([['views-exclusive-without-views', 15, 9]]);
  });
});
