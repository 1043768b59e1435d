import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeSchema, pullWorkspace } from '../../src/pull/index.js';
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
        const expected = all ? 1 + bed.ids.databases.length : bed.ids.databases.length + bed.ids.dataSources.length;
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
