import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { createNotionClient } from '../../src/notion/client.js';
import type { NotionClient } from '../../src/notion/types.js';
import { desiredFrom, liveUnder, planAndApply, remainingSteps, schemaArb, schemaYaml, tempLock } from './converge-helpers.js';

const LONG = process.env['LONG'] !== undefined;
let emu: EmulatorHandle;
let client: NotionClient;

beforeAll(async () => {
  emu = await startEmulator({});
  client = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000 });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

describe('convergence (property)', () => {
  it('random live state → random desired state → apply → live equals desired and the next plan is empty', async () => {
    await fc.assert(
      fc.asyncProperty(schemaArb, schemaArb, async (before, after) => {
        const parent = randomUUID();
        await emu.ensurePage(parent, 'parent');
        const lockPath = tempLock();
        // Live state: whatever `before` declares, applied from nothing.
        const start = desiredFrom(schemaYaml(before, parent, 'Prop DB'));
        const first = await planAndApply(client, start, lockPath);
        expect(first.result.steps.filter((s) => s.status === 'failed')).toEqual([]);
        // Desired state: `after`, applied over it.
        const target = desiredFrom(schemaYaml(after, parent, 'Prop DB'));
        const second = await planAndApply(client, target, lockPath);
        expect(second.result.steps.filter((s) => s.status === 'failed')).toEqual([]);
        expect(second.result.verification).toEqual([]);
        expect(await remainingSteps(client, target, lockPath)).toEqual([]);
        const dbs = liveUnder(emu, parent);
        expect(dbs).toHaveLength(1);
        // Data sources no longer declared are not deleted (never silently), so there are at least as many as declared.
        expect(dbs[0]?.data_source_ids.length).toBeGreaterThanOrEqual(after.dataSources.length);
      }),
      { numRuns: LONG ? 60 : 10, seed: LONG ? undefined : 42 },
    );
  }, LONG ? 600_000 : 60_000);
});
