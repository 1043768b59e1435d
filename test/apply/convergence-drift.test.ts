import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { StoredOption } from '../../src/emulator/state-types.js';
import type { LockFile } from '../../src/model/lock.js';
import { createNotionClient } from '../../src/notion/client.js';
import type { NotionClient } from '../../src/notion/types.js';
import { desiredFrom, planAndApply, remainingSteps, schemaArb, schemaYaml, tempLock, type GenSchema } from './converge-helpers.js';

/**
 * The convergence property with the whole truth (issue 13): the desired state may drop data sources and a
 * whole database, and between the applies someone edits Notion (renames a property, renames an option).
 * After one apply the next plan is empty, nothing is duplicated, what was dropped is in the trash, and no
 * page value of a property that survives is lost.
 */
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

/** Values a page can hold that no schema change of the generator may lose (no options: removing one is destructive by design). */
const SAMPLE: Record<string, unknown> = {
  Notes: { rich_text: [{ text: { content: 'kept' } }] },
  Amount: { number: 7 },
  Done: { checkbox: true },
  Due: { date: { start: '2026-01-02' } },
  Link: { url: 'https://example.com/kept' },
};

const lockOf = (path: string): LockFile => JSON.parse(readFileSync(path, 'utf8')) as LockFile;

/** One page per data source of `db`, holding a sample value in every property that has one. */
async function seedPages(schema: GenSchema, lock: LockFile): Promise<void> {
  for (const ds of schema.dataSources) {
    const id = lock.databases['db']?.data_sources[ds.key];
    if (id === undefined) throw new Error(`no lock entry for db.${ds.key}`);
    const properties: Record<string, unknown> = { Name: { title: [{ text: { content: `row of ${ds.key}` } }] } };
    for (const p of ds.props) if (SAMPLE[p.name] !== undefined) properties[p.name] = SAMPLE[p.name];
    await client.request({ method: 'POST', path: '/v1/pages', body: { parent: { data_source_id: id }, properties } });
  }
}

/** Page values by data source id → property id, from the emulator's own state. */
function valuesOf(dsIds: readonly string[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const page of Object.values(emu.state.pages)) {
    if (page.in_trash || page.parent.type !== 'data_source_id' || !dsIds.includes(page.parent.data_source_id)) continue;
    out.set(page.parent.data_source_id, structuredClone(page.values));
  }
  return out;
}

/** Renames, as a person in the Notion app would, the first sample-holding property of db.main and/or the first option of Stage. */
async function editInNotion(schema: GenSchema, lock: LockFile, edit: { property: boolean; option: boolean }): Promise<void> {
  const dsId = lock.databases['db']?.data_sources['main'];
  const stored = dsId === undefined ? undefined : emu.state.data_sources[dsId];
  if (stored === undefined) return;
  const main = schema.dataSources.find((d) => d.key === 'main');
  const target = main?.props.find((p) => SAMPLE[p.name] !== undefined);
  const prop = target === undefined ? undefined : Object.values(stored.properties).find((p) => p.name === target.name);
  if (edit.property && prop !== undefined) {
    await client.request({ method: 'PATCH', path: `/v1/data_sources/${dsId}`, body: { properties: { [prop.id]: { name: `${prop.name} (edited)` } } } });
  }
  const stage = Object.values(stored.properties).find((p) => p.name === 'Stage');
  const options = stage?.config['options'] as StoredOption[] | undefined;
  const first = options?.[0];
  // The API renames no option; the app does. The emulator's state is edited as the app would (same id).
  if (edit.option && first !== undefined) first.name = `${first.name} (edited)`;
}

const liveDatabases = (parent: string) => Object.values(emu.state.databases).filter((d) =>
  !d.in_trash && d.parent.type === 'page_id' && d.parent.page_id.replace(/-/g, '') === parent.replace(/-/g, ''));

describe('convergence with removals and edits made in Notion (property)', () => {
  it('drops, in-Notion renames → one apply → empty plan, no duplicate, no lost value', async () => {
    const editArb = fc.record({ property: fc.boolean(), option: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(schemaArb, schemaArb, fc.constantFrom(1, 2), editArb, async (before, after, copies, edit) => {
        const parent = randomUUID();
        await emu.ensurePage(parent, 'parent');
        const lockPath = tempLock();
        const first = await planAndApply(client, desiredFrom(schemaYaml(before, parent, 'Drift DB', 2)), lockPath);
        expect(first.result.steps.filter((s) => s.status === 'failed')).toEqual([]);
        const lock = lockOf(lockPath);
        await seedPages(before, lock);
        const beforeIds = before.dataSources.map((d) => lock.databases['db']?.data_sources[d.key] ?? '');
        const seeded = valuesOf(beforeIds);
        await editInNotion(before, lock, edit);

        const target = desiredFrom(schemaYaml(after, parent, 'Drift DB', copies));
        const second = await planAndApply(client, target, lockPath);
        expect(second.result.steps.filter((s) => s.status === 'failed')).toEqual([]);
        expect(second.result.verification).toEqual([]);
        expect(await remainingSteps(client, target, lockPath)).toEqual([]);

        // Exactly the declared databases are live (a dropped one is in the trash), each once.
        expect(liveDatabases(parent).map((d) => d.title.map((t) => t.plain_text).join('')).sort())
          .toEqual(copies === 2 ? ['Drift DB', 'Drift DB 2'] : ['Drift DB']);
        const db = liveDatabases(parent).find((d) => d.title.map((t) => t.plain_text).join('') === 'Drift DB');
        const liveSources = (db?.data_source_ids ?? []).filter((id) => emu.state.data_sources[id]?.in_trash === false);
        expect(liveSources).toHaveLength(after.dataSources.length);
        const after2 = lockOf(lockPath);
        expect(Object.keys(after2.databases).sort()).toEqual(copies === 2 ? ['db', 'db2'] : ['db']);

        // No value of a surviving property is lost: same data source, same property id, same value.
        const now = valuesOf(beforeIds);
        for (const ds of before.dataSources) {
          const kept = after.dataSources.find((d) => d.key === ds.key);
          const id = lock.databases['db']?.data_sources[ds.key] ?? '';
          if (kept === undefined) continue;
          const stored = emu.state.data_sources[id];
          for (const p of ds.props) {
            if (SAMPLE[p.name] === undefined || !kept.props.some((q) => q.name === p.name)) continue;
            const prop = Object.values(stored?.properties ?? {}).find((q) => q.name === p.name);
            expect(prop, `${ds.key}.${p.name} survives`).toBeDefined();
            expect(now.get(id)?.[prop?.id ?? ''], `${ds.key}.${p.name} keeps its value`).toEqual(seeded.get(id)?.[prop?.id ?? '']);
          }
        }
      }),
      { numRuns: LONG ? 60 : 20, seed: LONG ? undefined : 11 },
    );
  }, LONG ? 600_000 : 90_000);
});
