import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Client } from '@notionhq/client';
import { GONE_MARK, mergeSchema, pullWorkspace } from '../../src/pull/index.js';
import { workspaceArb } from './random-workspace.js';
import { buildBed, EMIT, planAfterPull } from './round-trip-helpers.js';

const LONG = process.env['LONG'] !== undefined;

describe('round-trip property', () => {
  it('for random live workspaces, pull then plan gives no changes (and the minimum of requests)', async () => {
    await fc.assert(fc.asyncProperty(workspaceArb, fc.boolean(), async (ws, all) => {
      const bed = await buildBed(ws);
      try {
        bed.emu.clearRequests();
        const pulled = await pullWorkspace(bed.client, { databases: all ? [] : bed.ids.databases, all, emit: EMIT });
        // + a view list and one GET (its default view) per data source.
        const views = 2 * bed.ids.dataSources.length;
        const expected = views + (all ? 1 + bed.ids.databases.length : bed.ids.databases.length + bed.ids.dataSources.length);
        expect(bed.emu.requests.length).toBe(expected);
        // Merging the same workspace into its own pull changes nothing.
        expect(mergeSchema(pulled.yaml, 'x.yaml', pulled.workspace, { ...EMIT, complete: all }).yaml).toBe(pulled.yaml);
        const { plan, text, errors } = await planAfterPull(bed.client, pulled);
        expect(errors, pulled.yaml).toEqual([]);
        expect(plan.steps, `${text}\n${pulled.yaml}`).toEqual([]);
      } finally {
        await bed.close();
      }
    }), { numRuns: LONG ? 150 : 10 });
  }, LONG ? 600_000 : 60_000);
});

const SIMPLE = new Set(['rich_text', 'number', 'select', 'multi_select', 'status', 'date', 'people', 'files', 'checkbox', 'url', 'email', 'phone_number', 'place', 'formula', 'unique_id',
  'created_time', 'created_by', 'last_edited_time', 'last_edited_by']);

describe('merge property', () => {
  it('after live changes, pull --merge adds the new, marks the gone, and plan only re-adds the marked', async () => {
    await fc.assert(fc.asyncProperty(workspaceArb, fc.nat(), fc.nat(), async (ws, pickDs, pickProp) => {
      const bed = await buildBed(ws);
      try {
        const first = await pullWorkspace(bed.client, { databases: bed.ids.databases, all: false, emit: EMIT });
        const dsList = first.workspace.databases.flatMap((d) => d.dataSources);
        const ds = dsList[pickDs % dsList.length]!;
        const removable = ds.properties.filter((p) => SIMPLE.has(p.config.type));
        const gone = removable.length > 0 ? removable[pickProp % removable.length]!.name : null;
        const sdk = new Client({ auth: 'test-token', baseUrl: bed.emu.url, logger: () => {} });
        await sdk.dataSources.update({ data_source_id: ds.id, properties: { 'Added later': { rich_text: {} }, ...(gone !== null ? { [gone]: null } : {}) } });

        const merged = await pullWorkspace(bed.client, { databases: bed.ids.databases, all: false, emit: EMIT, merge: { text: first.yaml, file: 'x.yaml', lock: first.lock } });
        expect(merged.yaml).toContain('Added later: { type: rich_text }');
        const { plan, text, errors } = await planAfterPull(bed.client, merged);
        expect(errors, merged.yaml).toEqual([]);
        if (gone === null) {
          expect(plan.steps, text).toEqual([]);
          expect(merged.yaml).not.toContain(GONE_MARK);
        } else {
          expect(merged.yaml.split(GONE_MARK)).toHaveLength(2);
          expect(plan.steps.map((s) => [s.kind, s.property]), text).toEqual([['add_property', gone]]);
        }
      } finally {
        await bed.close();
      }
    }), { numRuns: LONG ? 60 : 5 });
  }, LONG ? 600_000 : 60_000);
});
