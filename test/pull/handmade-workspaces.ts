import type { WorkspaceDef } from './workspace-spec.js';

/** Three hand-made workspaces whose pull output is kept as golden files. */
export const HANDMADE: Readonly<Record<string, WorkspaceDef>> = {
  crm: {
    databases: [{
      title: 'CRM', description: 'Customers and the companies they work for', icon: '🏢', inline: false, workspaceParent: false,
      dataSources: [
        { title: 'Contacts', titleProp: 'Name', props: [
          { name: 'Email', description: 'Work email', config: { type: 'email' } },
          { name: 'Amount', description: null, config: { type: 'number', format: 'dollar' } },
          { name: 'Stage', description: null, config: { type: 'select', options: [
            { name: 'Lead', color: 'gray', description: 'New, not yet contacted' },
            { name: 'Customer', color: 'green', description: null },
          ] } },
          { name: 'Status', description: null, config: { type: 'status', options: [
            { name: 'Not started', color: 'default', description: null, group: 'To-do' },
            { name: 'Talking', color: 'blue', description: null, group: 'In progress' },
            { name: 'Won', color: 'green', description: null, group: 'Complete' },
            { name: 'Lost', color: 'red', description: 'Gone elsewhere', group: 'Complete' },
          ] } },
          { name: 'Score', description: null, config: { type: 'formula', expression: 'prop("Amount") * 2' } },
          { name: 'Ticket', description: null, config: { type: 'unique_id', prefix: 'CRM' } },
        ] },
        { title: 'Companies', titleProp: 'Company name', props: [
          { name: 'ARR', description: 'Annual recurring revenue', config: { type: 'number', format: 'number_with_commas' } },
          { name: 'Industry', description: null, config: { type: 'multi_select', options: [
            { name: 'SaaS', color: 'purple', description: null }, { name: 'Retail', color: 'orange', description: null },
          ] } },
        ] },
      ],
    }],
    relations: [{ from: 0, to: 1, name: 'Company', dual: true, rollup: { name: 'Company count', fn: 'count' } }],
    readOnly: [{ ds: 0, name: 'Send email', type: 'button' }],
  },
  projects: {
    databases: [
      { title: 'Projects', description: null, icon: '📁', inline: false, workspaceParent: false, dataSources: [
        { title: 'Projects', titleProp: 'Project', props: [
          { name: 'Start', description: null, config: { type: 'date' } },
          { name: 'Owner', description: null, config: { type: 'people' } },
          { name: 'Brief', description: null, config: { type: 'files' } },
          { name: 'Active', description: null, config: { type: 'checkbox' } },
          { name: 'Site', description: null, config: { type: 'url' } },
          { name: 'Phone', description: null, config: { type: 'phone_number' } },
          { name: 'Office', description: null, config: { type: 'place' } },
          { name: 'Code', description: null, config: { type: 'unique_id', prefix: null } },
        ] },
      ] },
      { title: 'Tasks', description: 'Work items', icon: null, inline: false, workspaceParent: false, dataSources: [
        { title: 'Tasks', titleProp: 'Task', props: [
          { name: 'Notes', description: null, config: { type: 'rich_text' } },
          { name: 'Created', description: null, config: { type: 'created_time' } },
          { name: 'Creator', description: null, config: { type: 'created_by' } },
          { name: 'Edited', description: null, config: { type: 'last_edited_time' } },
          { name: 'Editor', description: null, config: { type: 'last_edited_by' } },
          { name: 'Estimate', description: 'Hours', config: { type: 'number', format: 'number' } },
        ] },
        { title: 'Archived tasks', titleProp: 'Task', props: [
          { name: 'Closed', description: null, config: { type: 'date' } },
        ] },
      ] },
    ],
    relations: [
      { from: 1, to: 0, name: 'Project', dual: true, rollup: { name: 'Project names', fn: 'show_original' } },
      { from: 1, to: 1, name: 'Blocked by', dual: false, rollup: null },
      { from: 0, to: 2, name: 'Archive', dual: false, rollup: { name: 'Archived', fn: 'count_values' } },
    ],
    readOnly: [{ ds: 1, name: 'Verified', type: 'verification' }],
  },
  tricky: {
    databases: [
      { title: '${HOME} budget', description: 'Costs in $$ and ${X}', icon: null, inline: true, workspaceParent: false, dataSources: [
        { title: 'Notes', titleProp: 'id', props: [
          { name: 'yes', description: null, config: { type: 'select', options: [
            { name: 'yes', color: 'default', description: null }, { name: '1.5', color: 'red', description: null },
            { name: 'a: b', color: 'blue', description: 'has # and : inside' },
          ] } },
          { name: '123', description: null, config: { type: 'status', options: [] } },
          { name: 'Price ($)', description: null, config: { type: 'formula', expression: '"$" + format(prop("Cost"))' } },
          { name: 'Cost', description: null, config: { type: 'number', format: 'euro' } },
          { name: 'Long formula', description: null, config: { type: 'formula', expression: 'if(prop("Cost") > 1000, "expensive, ask the finance team first", "cheap enough, go ahead")' } },
        ] },
      ] },
      { title: 'Notes', description: null, icon: '📝', inline: false, workspaceParent: false, dataSources: [
        { title: 'Notes', titleProp: 'Title', props: [] },
        { title: 'Notes', titleProp: 'Title', props: [{ name: 'Café Menü', description: null, config: { type: 'rich_text' } }] },
      ] },
      { title: 'Café Menü', description: null, icon: null, inline: false, workspaceParent: false, dataSources: [
        { title: '日本語', titleProp: 'Name', props: [] },
      ] },
    ],
    relations: [{ from: 1, to: 0, name: 'Budget', dual: false, rollup: null }, { from: 3, to: 2, name: 'Other notes', dual: true, rollup: null }],
    readOnly: [],
  },
};
