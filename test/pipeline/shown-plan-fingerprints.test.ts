import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/index.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { createNotionClient } from '../../src/notion/client.js';
import { fingerprint } from '../../src/notion/fingerprint.js';
import { normalizeDataSource } from '../../src/notion/normalize.js';
import type { NotionClient } from '../../src/notion/types.js';
import { createPlan } from '../../src/pipeline/create-plan.js';
import { renderJson } from '../../src/render/plan-json.js';
import { desiredFrom, tempLock } from '../apply/converge-helpers.js';

/**
 * A plan that is only shown skips hashing its data sources (`fingerprints: false`), and so can
 * never be saved; the same plan made for saving carries the real fingerprints.
 */
let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator();
  client = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000 });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

const schema = (parent: string, extra: string) => `version: 1
databases:
  db:
    title: Shown
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: Main
        properties:
          Name: { type: title }
          Kind: { type: select, options: [{ name: A }, { name: B }] }${extra}
`;

describe('a plan that is only shown', () => {
  it('has the same steps as the saved one, holds no fingerprint of a data source, and cannot be written', async () => {
    const parent = randomUUID();
    await emu.ensurePage(parent, 'parent');
    const lockPath = tempLock();
    const first = await createPlan({ client, desired: desiredFrom(schema(parent, '')), lockPath, toolVersion: 'test' });
    expect((await applyPlan(first.plan, { client, lockPath, journalDir: null })).ok).toBe(true);

    const desired = desiredFrom(schema(parent, '\n          Notes: { type: rich_text }'));
    const saved = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
    const shown = await createPlan({ client, desired, lockPath, toolVersion: 'test', fingerprints: false });
    expect(shown.plan.steps).toEqual(saved.plan.steps);
    expect(shown.plan.requests).toEqual(saved.plan.requests);
    expect(shown.errors).toEqual([]);

    const dsEntry = (p: typeof saved.plan) => p.basis.find((b) => b.kind === 'data_source');
    const liveDs = normalizeDataSource(await client.request({ method: 'GET', path: `/v1/data_sources/${dsEntry(saved.plan)?.id}` }));
    const { fingerprint: fp, ...base } = liveDs;
    expect(dsEntry(saved.plan)?.fingerprint).toBe(fingerprint(base));
    expect(fp).toBe(fingerprint(base));
    expect(dsEntry(shown.plan)?.fingerprint).toBe('');
    // Databases are still fingerprinted (one per database: cheap).
    expect(shown.plan.basis.find((b) => b.kind === 'database')?.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    expect(() => renderJson(shown.plan)).toThrow(/without live fingerprints/);
    expect(JSON.parse(renderJson(saved.plan)).basis).toEqual(saved.plan.basis);
  });
});
