import { describe, expect, it } from 'vitest';
import type { DesiredView, LiveState, LiveView, ViewSpec, ViewType } from '../../src/model/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { db, desired, ds, live, liveDb, liveDs, lp, prop, uuid } from '../plan/builders.js';

const spec = (type: ViewType, extra: Partial<ViewSpec> = {}): ViewSpec =>
  ({ type, properties: null, sorts: [], filter: null, group_by: null, date_property: null, end_date_property: null, chart_type: null, map_by: null, ...extra });
const view = (name: string, type: ViewType, extra: Partial<ViewSpec> = {}): DesiredView => ({ name, renamed_from: [], ...spec(type, extra) });
const liveView = (id: number, name: string, type: ViewType, extra: Partial<ViewSpec> = {}): LiveView => ({ id: uuid(id), name, position: 0, ...spec(type, extra) });

const props = [prop('Name', { type: 'title' }), prop('Stage', { type: 'select', options: [] }), prop('Due', { type: 'date' })];
const schema = (views: DesiredView[], exclusive = false) => desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', props, { views, ...(exclusive ? { views_exclusive: true } : {}) })])]);
const bound = (views: LiveView[]): LiveState => ({
  ...live([['crm', liveDb(uuid(1), 'CRM', [{ id: uuid(2), name: 'Contacts' }])]],
    [['crm.contacts', liveDs(uuid(2), uuid(1), 'Contacts', [lp('title', 'Name', { type: 'title' }), lp('stg', 'Stage', { type: 'select', options: [] }), lp('due', 'Due', { type: 'date' })])]]),
  views: new Map([['crm.contacts', views]]),
});
const plan = (d: ReturnType<typeof schema>, l: LiveState) => buildPlan({ desired: d, live: l, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' });
const kinds = (p: ReturnType<typeof plan>) => p.plan.steps.map((s) => [s.kind, 'view' in s ? s.view : undefined]);

describe('view planning', () => {
  it('a new database: the first declared table adopts the default view (an update through a default_view_id reference), the rest are created at the end', () => {
    const p = plan(schema([view('All', 'table', { properties: ['Name'] }), view('Cal', 'calendar', { date_property: 'Due' })]), live());
    expect(kinds(p).filter(([k]) => String(k).endsWith('_view'))).toEqual([['update_view', 'All'], ['create_view', 'Cal']]);
    const update = p.plan.requests.find((r) => r.endpoint === 'update_view');
    expect(update?.target).toEqual({ $ref: 'default_view_id', key: 'crm.contacts' });
    expect(update?.body).toMatchObject({ name: 'All', configuration: { type: 'table', properties: [
      { property_id: { $ref: 'property_id', key: 'crm.contacts', name: 'Name' }, visible: true },
      { property_id: { $ref: 'property_id', key: 'crm.contacts', name: 'Stage' }, visible: false },
      { property_id: { $ref: 'property_id', key: 'crm.contacts', name: 'Due' }, visible: false },
    ] } });
    const create = p.plan.requests.find((r) => r.endpoint === 'create_view');
    expect(create?.body).toMatchObject({ data_source_id: { $ref: 'data_source_id', key: 'crm.contacts' }, database_id: { $ref: 'database_id', key: 'crm' }, position: { type: 'end' } });
    expect(create?.depends_on).toContain(update?.id);
  });

  it('a new database whose first view is a board: created first, then the default table is removed', () => {
    const p = plan(schema([view('Board', 'board', { group_by: 'Stage' })]), live());
    expect(kinds(p).filter(([k]) => String(k).endsWith('_view'))).toEqual([['create_view', 'Board'], ['remove_view', 'Default view']]);
    expect(p.plan.requests.find((r) => r.endpoint === 'create_view')?.body).toMatchObject({ position: { type: 'start' }, configuration: { group_by: { type: 'select', sort: { type: 'manual' } } } });
  });

  it('an undeclared view is a warning and left alone; with views_exclusive it is removed (safe, listed)', () => {
    const l = bound([liveView(10, 'All', 'table'), liveView(11, 'Mine', 'list')]);
    const left = plan(schema([view('All', 'table')]), l);
    expect(left.plan.steps).toEqual([]);
    expect(left.plan.warnings.map((w) => w.code)).toEqual(['undeclared-view']);
    const exclusive = plan(schema([view('All', 'table')], true), l);
    expect(exclusive.plan.steps.map((s) => [s.kind, s.risk, s.reason])).toEqual([
      ['remove_view', 'safe', 'Remove list view "Mine" of crm.contacts: the file does not declare it and the data source sets views_exclusive: true; views hold no page data.'],
    ]);
    expect(exclusive.plan.requests[0]).toMatchObject({ method: 'DELETE', endpoint: 'delete_view', target: uuid(11) });
  });

  it('a type change replaces the view (the API cannot update a type); a matched view in sync is no step', () => {
    const p = plan(schema([view('All', 'table', { sorts: [{ property: 'Due', direction: 'descending' }] }), view('B', 'board', { group_by: 'Stage' })]),
      bound([liveView(10, 'All', 'table', { sorts: [{ property: 'due', direction: 'descending' }] }), liveView(11, 'B', 'list')]));
    expect(kinds(p)).toEqual([['create_view', 'B'], ['remove_view', 'B']]);
    expect(p.plan.steps[1]).toMatchObject({ why: 'type_change', view_id: uuid(11) });
  });

  it('a view renamed in Notion (its id recorded in the lock) is renamed back as drift; sorts clear with null', () => {
    const l: LiveState = { ...bound([liveView(10, 'Renamed', 'table', { sorts: [{ property: 'due', direction: 'ascending' }] })]), recorded_views: new Map([['crm.contacts', { All: uuid(10) }]]) };
    const p = plan(schema([view('All', 'table')]), l);
    expect(p.plan.steps.map((s) => [s.kind, s.drift])).toEqual([['update_view', true]]);
    expect(p.plan.requests[0]?.body).toEqual({ name: 'All', sorts: null });
  });

  it('never removes the last view of a data source: the removal is dropped with a warning', () => {
    const l: LiveState = { ...bound([liveView(10, 'Grid', 'table')]), recorded_views: new Map([['crm.contacts', { Grid: uuid(10) }]]) };
    const p = plan(schema([]), l);
    expect(p.plan.steps).toEqual([]);
    expect(p.plan.warnings.map((w) => w.code)).toEqual(['last-view-kept']);
    const two: LiveState = { ...bound([liveView(10, 'Grid', 'table'), liveView(11, 'Other', 'list')]), recorded_views: new Map([['crm.contacts', { Grid: uuid(10), Other: uuid(11) }]]) };
    expect(kinds(plan(schema([]), two))).toEqual([['remove_view', 'Other']]);
  });
});
