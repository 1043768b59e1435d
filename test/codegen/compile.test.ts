import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/codegen/index.js';
import { loadDesiredState } from '../../src/config/index.js';
import { compileFiles } from './compile-helper.js';
import { FIXTURE, FIXTURE_IDS, dataSource, prop, state } from './fixture.js';
import { HOSTILE } from './hostile-names.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/notion.schema.yaml', import.meta.url));

// A consumer that really uses the output with the SDK's request types.
const CONSUMER = `
import type { CreatePageParameters, UpdatePageParameters, PageObjectResponse } from "@notionhq/client";
import { crmContactsToProperties, parseCrmContacts, CrmContacts, type CrmContactsRow } from "./fixture.js";
export function create(): CreatePageParameters {
  return { parent: { data_source_id: CrmContacts.dataSourceId }, properties: crmContactsToProperties({ Name: "Ada", Stage: "Lead", Tags: ["vip"] }) };
}
export function update(page_id: string): UpdatePageParameters {
  return { page_id, properties: crmContactsToProperties({ Amount: 3 }) };
}
export function read(page: PageObjectResponse): CrmContactsRow["Stage"] {
  return parseCrmContacts(page).Stage;
}
`;

// Rollups that show the original dates and files of a related data source: arrays of the runtime's named types.
const EVENTS = state([
  dataSource('ev', 'events', 'Events', [
    prop('Name', { type: 'title' }),
    prop('When', { type: 'date' }),
    prop('Files', { type: 'files' }),
    prop('Talks', { type: 'relation', target: { kind: 'key', key: 'ev.talks' }, dual: { property: 'Event' } }),
  ]),
  dataSource('ev', 'talks', 'Talks', [
    prop('Name', { type: 'title' }),
    prop('Event', { type: 'relation', target: { kind: 'key', key: 'ev.events' }, dual: { property: 'Talks' } }),
    prop('Event dates', { type: 'rollup', relation: 'Event', property: 'When', function: 'show_original' }),
    prop('Event files', { type: 'rollup', relation: 'Event', property: 'Files', function: 'show_original' }),
  ]),
]);
const USES_EVENTS = `
import type { EvEventsFields, EvTalksFields } from "./events.js";
export const when: EvEventsFields["When"] = null;
export const dates: EvTalksFields["Event dates"] = [null, { start: "2024-01-01", end: null, time_zone: null }];
export const files: EvTalksFields["Event files"] = [[{ name: "a.pdf", url: "https://example.com/a.pdf" }], []];
// @ts-expect-error one date is not an array of them
export const notArray: EvTalksFields["Event dates"] = { start: "2024-01-01", end: null, time_zone: null };
`;

const drift = (mod: string): string => `
import { crmDealsToProperties } from "./${mod}.js";
export const renamed = crmDealsToProperties({ Name: "Acme" });
export const removedOption = crmDealsToProperties({ Stage: "Client" });
`;

describe('generated code compiles with tsc --strict and @notionhq/client', () => {
  let diagnostics: { file: string; line: number; message: string }[] = [];

  beforeAll(async () => {
    const { desired } = await loadDesiredState(EXAMPLE, { env: {} });
    const v1 = state([dataSource('crm', 'deals', 'Deals', [
      prop('Name', { type: 'title' }),
      prop('Stage', { type: 'select', options: [{ name: 'Lead' }, { name: 'Client' }] }),
    ])]);
    const v2 = state([dataSource('crm', 'deals', 'Deals', [
      prop('Title', { type: 'title' }),
      prop('Stage', { type: 'select', options: [{ name: 'Lead' }, { name: 'Customer' }] }),
    ])]);
    // One program for everything: the TypeScript checker is the slow part.
    diagnostics = compileFiles('compile', {
      'example.ts': await generateCode(desired, { toolVersion: '0.0.0-test' }),
      'fixture.ts': await generateCode(FIXTURE, { toolVersion: '0.0.0-test', ids: FIXTURE_IDS }),
      'hostile.ts': await generateCode(HOSTILE, { toolVersion: '0' }),
      'consumer.ts': CONSUMER,
      'events.ts': await generateCode(EVENTS, { toolVersion: '0' }),
      'uses-events.ts': USES_EVENTS,
      'v1.ts': await generateCode(v1, { toolVersion: '0' }),
      'v2.ts': await generateCode(v2, { toolVersion: '0' }),
      'uses-v1.ts': drift('v1'),
      'uses-v2.ts': drift('v2'),
    }).diagnostics;
  });

  it('compiles examples/notion.schema.yaml, the all-types fixture and hostile names under the strictest consumer options', () => {
    expect(diagnostics.filter((d) => d.file !== 'uses-v2.ts')).toEqual([]);
  });

  it('turns a renamed property and a removed option into compile errors in consumer code', () => {
    const errors = diagnostics.filter((d) => d.file === 'uses-v2.ts');
    expect(errors.map((d) => d.line)).toEqual([3, 4]);
    expect(errors[0]?.message).toMatch(/'Name' does not exist/);
    expect(errors[1]?.message).toMatch(/"Client"/);
  });
});
