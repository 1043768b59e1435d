/**
 * Planner scenarios shared by the golden-fixture tests and unit tests.
 * Each is a desired state and a live state built by hand (no API).
 */
import type { DesiredState, DesiredView, LiveState, LiveView, ViewSpec, ViewType } from '../../src/model/index.js';
import { db, desired, ds, live, liveDb, liveDs, lp, prop, uuid } from './builders.js';

export interface Scenario {
  readonly name: string;
  readonly what: string;
  readonly desired: DesiredState;
  readonly live: LiveState;
}

const CRM = uuid(1);
const CONTACTS = uuid(2);
const COMPANIES = uuid(3);
const PROJECTS_DB = uuid(4);
const PROJECTS = uuid(5);

const title = prop('Name', { type: 'title' });
const liveTitle = lp('title', 'Name', { type: 'title' });

/** Live CRM database with one data source (contacts) holding `props`. */
function crmLive(props: Parameters<typeof liveDs>[3], extra: Parameters<typeof live>[1] = []): LiveState {
  return live(
    [['crm', liveDb(CRM, 'CRM', [{ id: CONTACTS, name: 'Contacts' }, ...extra.map(([, v]) => ({ id: v.id, name: v.title }))])]],
    [['crm.contacts', liveDs(CONTACTS, CRM, 'Contacts', [liveTitle, ...props])], ...extra],
  );
}

function crmDesired(props: Parameters<typeof ds>[3], more: Parameters<typeof ds>[] = []): DesiredState {
  return desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [title, ...props]), ...more.map((a) => ds(...a))])]);
}

const sel = (id: string, name: string, color: 'gray' | 'green' | 'red' | 'blue' | 'default', description: string | null = null) => ({ id, name, color, description });

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'new-workspace',
    what: 'Everything is created: two databases, a second data source, relations, a rollup and a formula.',
    desired: desired([
      db('crm', 'CRM', [
        ds('crm', 'contacts', 'Contacts', [
          title,
          prop('Email', { type: 'email' }, { description: 'Work email' }),
          prop('Amount', { type: 'number', format: 'dollar' }),
          prop('Stage', { type: 'select', options: [{ name: 'Lead', color: 'gray' }, { name: 'Customer', color: 'green' }] }),
          prop('Status', { type: 'status', options: [{ name: 'Not started', color: 'default', group: 'To-do' }, { name: 'Done', color: 'green', group: 'Complete' }] }),
          prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: { property: 'Contacts' } }),
          prop('Revenue', { type: 'rollup', relation: 'Company', property: 'ARR', function: 'sum' }),
          prop('Score', { type: 'formula', expression: 'prop("Amount") * 2' }),
          prop('Ticket', { type: 'unique_id', prefix: 'CRM' }),
        ], { icon: { type: 'emoji', emoji: '👤' } }),
        ds('crm', 'companies', 'Companies', [title, prop('ARR', { type: 'number', format: 'dollar' })]),
      ], { description: 'Customers', icon: { type: 'emoji', emoji: '🏢' } }),
      db('projects', 'Projects', [ds('projects', 'projects', 'Projects', [title, prop('Client', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: null })])], { parent: { type: 'workspace' } }),
    ]),
    live: live(),
  },
  {
    name: 'rename',
    what: 'Renames by renamed_from, the title renamed by id; a formula referencing a renamed property shows no spurious change.',
    desired: desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [
      prop('Contact', { type: 'title' }),
      prop('Full name', { type: 'rich_text' }, { renamed_from: ['Fullname'] }),
      prop('Greeting', { type: 'formula', expression: '"Hi " + prop("Full name")' }),
    ])])]),
    live: crmLive([lp('fn%3A', 'Fullname', { type: 'rich_text' }), lp('gr', 'Greeting', { type: 'formula', expression: '"Hi " + prop("Fullname")' })]),
  },
  {
    name: 'options',
    what: 'Select options: one added (safe), one removed (destructive), one recoloured and one renamed (data migrations, run by src/migrate with --migrate-data).',
    desired: crmDesired([
      prop('Stage', { type: 'select', options: [
        { name: 'Lead', color: 'blue' }, { name: 'Customer', renamed_from: ['Client'] }, { name: 'Won', color: 'green' },
      ] }, { description: 'Sales stage' }),
    ]),
    live: crmLive([lp('stg', 'Stage', { type: 'select', options: [sel('o1', 'Lead', 'gray'), sel('o2', 'Client', 'green'), sel('o3', 'Lost', 'red')] }, 'Sales stage')]),
  },
  {
    name: 'status-groups',
    what: 'Status: an option added into a named group, one removed, a group move (safe: `{id, group}`), and a data source description (manual).',
    desired: desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [title,
      prop('Status', { type: 'status', options: [
        { name: 'Not started', group: 'To-do' }, { name: 'Doing', group: 'Complete' }, { name: 'Blocked', color: 'red', group: 'In progress' },
        { name: 'Done', group: 'Complete' },
      ] }),
    ], { description: 'People we talk to' })])]),
    live: crmLive([lp('st', 'Status', {
      type: 'status',
      options: [sel('a', 'Not started', 'default'), sel('b', 'Doing', 'blue'), sel('c', 'Done', 'green'), sel('d', 'Archived', 'gray')],
      groups: [
        { id: 'g1', name: 'To-do', color: 'gray', options: ['Not started'] },
        { id: 'g2', name: 'In progress', color: 'blue', options: ['Doing'] },
        { id: 'g3', name: 'Complete', color: 'green', options: ['Done', 'Archived'] },
      ],
    })]),
  },
  {
    name: 'type-change',
    what: 'Type changes: rich_text → number (destructive), place → rich_text and rich_text → button (forbidden).',
    desired: crmDesired([
      prop('Budget', { type: 'number', format: 'euro' }),
      prop('Office', { type: 'rich_text' }),
      prop('Send', { type: 'button' }),
      prop('Notes', { type: 'rich_text' }),
    ]),
    live: crmLive([
      lp('bdg', 'Budget', { type: 'rich_text' }), lp('off', 'Office', { type: 'place' }), lp('snd', 'Send', { type: 'rich_text' }),
      lp('nts', 'Notes', { type: 'rich_text' }),
    ]),
  },
  {
    name: 'relation-new',
    what: 'A one-way relation between two data sources that are both created by the plan.',
    desired: desired([
      db('tasks', 'Tasks', [ds('tasks', 'tasks', 'Tasks', [title, prop('Project', { type: 'relation', target: { kind: 'key', key: 'projects.projects' }, dual: null })])]),
      db('projects', 'Projects', [ds('projects', 'projects', 'Projects', [title, prop('Due', { type: 'date' })])]),
    ]),
    live: live(),
  },
  {
    name: 'two-way',
    what: 'A new two-way relation (Notion creates the far side; the plan names it), and an existing one whose synced property is renamed.',
    desired: crmDesired([
      prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: { property: 'Contacts' } }),
      prop('Projects', { type: 'relation', target: { kind: 'id', id: PROJECTS }, dual: { property: 'People' } }),
    ], [['crm', 'companies', 'Companies', [title]]]),
    live: live(
      [['crm', liveDb(CRM, 'CRM', [{ id: CONTACTS, name: 'Contacts' }, { id: COMPANIES, name: 'Companies' }])]],
      [
        ['crm.contacts', liveDs(CONTACTS, CRM, 'Contacts', [liveTitle, lp('prj', 'Projects', { type: 'relation', target: { kind: 'id', id: PROJECTS }, dual: { property: 'Related contacts', property_id: 'rc%3D' } })])],
        ['crm.companies', liveDs(COMPANIES, CRM, 'Companies', [liveTitle])],
      ],
      [liveDs(PROJECTS, PROJECTS_DB, 'Projects', [liveTitle, lp('rc%3D', 'Related contacts', { type: 'relation', target: { kind: 'id', id: CONTACTS }, dual: { property: 'Projects', property_id: 'prj' } })])],
    ),
  },
  {
    name: 'rollup-new-relation',
    what: 'A relation, a rollup over it and a formula over the rollup, all added to existing data sources: three ordered requests.',
    desired: crmDesired([
      prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: null }),
      prop('Revenue', { type: 'rollup', relation: 'Company', property: 'ARR', function: 'sum' }),
      prop('Double', { type: 'formula', expression: 'prop("Revenue") * 2' }),
    ], [['crm', 'companies', 'Companies', [title, prop('ARR', { type: 'number', format: 'dollar' })]]]),
    live: live(
      [['crm', liveDb(CRM, 'CRM', [{ id: CONTACTS, name: 'Contacts' }, { id: COMPANIES, name: 'Companies' }])]],
      [
        ['crm.contacts', liveDs(CONTACTS, CRM, 'Contacts', [liveTitle])],
        ['crm.companies', liveDs(COMPANIES, CRM, 'Companies', [liveTitle])],
      ],
    ),
  },
  {
    name: 'removals',
    what: 'A property and options disappear from the file: destructive steps, removals last, still one request.',
    desired: crmDesired([
      prop('Tags', { type: 'multi_select', options: [{ name: 'vip' }] }),
      prop('Phone', { type: 'phone_number' }),
    ]),
    live: crmLive([
      lp('tg', 'Tags', { type: 'multi_select', options: [sel('t1', 'vip', 'red'), sel('t2', 'old', 'gray'), sel('t3', 'spam', 'gray')] }, 'Labels'),
      lp('ph', 'Phone', { type: 'phone_number' }),
      lp('lg', 'Legacy notes', { type: 'rich_text' }),
    ]),
  },
  {
    name: 'adoption',
    what: 'The database is adopted by title (no id, no lock entry); its description, icon and a number format change.',
    desired: desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [title, prop('Amount', { type: 'number', format: 'euro' }, { description: 'Deal size' })])], {
      description: 'Customers and deals', icon: { type: 'emoji', emoji: '🏢' },
    })]),
    live: live(
      [['crm', liveDb(CRM, 'CRM', [{ id: CONTACTS, name: 'Contacts' }]), 'adopted']],
      [['crm.contacts', liveDs(CONTACTS, CRM, 'Contacts', [liveTitle, lp('amt', 'Amount', { type: 'number', format: 'dollar' })]), 'adopted']],
    ),
  },
  {
    name: 'updates',
    what: 'Settings changes on existing properties: formula expression (line diff), unique_id prefix, rollup function, description, relation kind and target.',
    desired: crmDesired([
      prop('Amount', { type: 'number', format: 'number' }),
      prop('Score', { type: 'formula', expression: 'if(prop("Amount") > 100,\n  "big",\n  "small")' }),
      prop('Ticket', { type: 'unique_id', prefix: 'T' }, { description: 'Support ticket number' }),
      prop('Company', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: { property: 'Contacts' } }),
      prop('Partner', { type: 'relation', target: { kind: 'key', key: 'crm.companies' }, dual: null }),
      prop('Total', { type: 'rollup', relation: 'Company', property: 'Name', function: 'count' }),
    ], [['crm', 'companies', 'Companies', [title]]]),
    live: live(
      [['crm', liveDb(CRM, 'CRM', [{ id: CONTACTS, name: 'Contacts' }, { id: COMPANIES, name: 'Companies' }])]],
      [
        ['crm.contacts', liveDs(CONTACTS, CRM, 'Contacts', [
          liveTitle,
          lp('amt', 'Amount', { type: 'number', format: 'number' }),
          lp('scr', 'Score', { type: 'formula', expression: 'if(prop("Amount") > 50,\n  "big",\n  "small")' }),
          lp('tkt', 'Ticket', { type: 'unique_id', prefix: null }),
          lp('cmp', 'Company', { type: 'relation', target: { kind: 'id', id: COMPANIES }, dual: null }),
          lp('ptn', 'Partner', { type: 'relation', target: { kind: 'id', id: PROJECTS }, dual: null }),
          lp('tot', 'Total', { type: 'rollup', relation: 'Company', relation_id: 'cmp', property: 'Name', property_id: 'title', function: 'count_values' }),
        ])],
        ['crm.companies', liveDs(COMPANIES, CRM, 'Companies', [liveTitle])],
      ],
    ),
  },
  {
    name: 'no-changes',
    what: 'Live matches the file: no steps, no requests.',
    desired: crmDesired([prop('Email', { type: 'email' })]),
    live: crmLive([lp('em', 'Email', { type: 'email' })]),
  },
  {
    name: 'lock-state',
    what: 'The lock is the state: a data source and a database it binds are gone from the file (trashed); the database was trashed and moved in Notion (restored, moved back); a property renamed in Notion (renamed back by its recorded id).',
    desired: crmDesired([prop('Score', { type: 'number', format: 'number' })]),
    live: {
      ...live(
        [['crm', liveDb(CRM, 'CRM', [{ id: CONTACTS, name: 'Contacts' }, { id: uuid(6), name: 'Deals' }], { in_trash: true, parent: { type: 'page_id', page_id: uuid(9) } })]],
        [['crm.contacts', liveDs(CONTACTS, CRM, 'Contacts', [liveTitle, lp('sc', 'Lead score', { type: 'number', format: 'number' })])]],
      ),
      removed: {
        databases: new Map([['old', { live: liveDb(uuid(7), 'Old', [{ id: uuid(8), name: 'Main' }]), data_sources: ['old.main'], data_source_ids: [uuid(8)] }]]),
        data_sources: new Map([['crm.deals', liveDs(uuid(6), CRM, 'Deals', [liveTitle])]]),
      },
      recorded: new Map([['crm.contacts', { Name: { id: 'title' }, Score: { id: 'sc' } }]]),
    },
  },
  {
    name: 'views',
    what: 'Views as code: a view kept across a property rename (it references ids), one renamed by renamed_from with a changed filter, one created, one the lock recorded and the file dropped (removed), one never declared (a warning).',
    desired: desired([db('crm', 'CRM', [ds('crm', 'contacts', 'Contacts', [
      title, prop('Stage', { type: 'select', options: [{ name: 'Won', color: 'green', description: null, renamed_from: [] }] }, { renamed_from: ['Phase'] }),
      prop('Due', { type: 'date' }),
    ], {
      views: [
        view('All contacts', 'table', { properties: ['Name', 'Stage'], sorts: [{ property: 'Due', direction: 'ascending' }] }),
        view('Pipeline', 'board', { group_by: 'Stage', filter: { property: 'Stage', select: { equals: 'Won' } } }, ['Board']),
        view('Calendar', 'calendar', { date_property: 'Due' }),
      ],
    })])]),
    live: {
      ...crmLive([lp('stg', 'Phase', { type: 'select', options: [sel('o1', 'Won', 'green')] }), lp('due', 'Due', { type: 'date' })]),
      views: new Map([['crm.contacts', [
        liveView(uuid(31), 'All contacts', 'table', 0, { properties: ['title', 'stg'], sorts: [{ property: 'due', direction: 'ascending' }] }),
        liveView(uuid(32), 'Board', 'board', 1, { group_by: 'stg', filter: { property: 'stg', select: { equals: 'Lost' } } }),
        liveView(uuid(33), 'Old', 'list', 2),
        liveView(uuid(34), 'Mine', 'table', 3),
      ]]]),
      recorded_views: new Map([['crm.contacts', { 'All contacts': uuid(31), Old: uuid(33) }]]),
    },
  },
];

function spec(type: ViewType, extra: Partial<ViewSpec>): ViewSpec {
  return { type, properties: null, sorts: [], filter: null, group_by: null, date_property: null, end_date_property: null, chart_type: null, map_by: null, ...extra };
}

function view(name: string, type: ViewType, extra: Partial<ViewSpec> = {}, renamedFrom: string[] = []): DesiredView {
  return { name, renamed_from: renamedFrom, ...spec(type, extra) };
}

function liveView(id: string, name: string, type: ViewType, position: number, extra: Partial<ViewSpec> = {}): LiveView {
  return { id, name, position, ...spec(type, extra) };
}
