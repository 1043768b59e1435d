import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { loadStateFile, Store } from '../../src/emulator/store.js';
import { emptyState } from '../../src/emulator/store.js';

const quiet = { logLevel: 'error' as never };

describe('incremental state file (snapshot + journal)', () => {
  it('a write appends the changed objects to the journal, not the whole state; a restart reads both', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emu-journal-')), 's.json');
    const emu = await startEmulator({ stateFile: file });
    const client = new Client({ auth: 't', baseUrl: emu.url, ...quiet });
    const db = await client.databases.create({
      parent: { type: 'page_id', page_id: emu.rootPageId }, title: [{ text: { content: 'J' } }],
      initial_data_source: { properties: { Name: { title: {} }, N: { number: {} } } },
    } as never) as unknown as { data_sources: { id: string }[] };
    const dsId = db.data_sources[0]!.id;
    await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: [{ text: { content: 'first' } }] } } } as never);
    const snapshot = statSync(file);
    const journalBefore = statSync(`${file}.journal`).size;
    for (let i = 0; i < 20; i++) {
      await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: [{ text: { content: `r${i}` } }] }, N: { number: i } } } as never);
    }
    await client.dataSources.update({ data_source_id: dsId, properties: { Extra: { rich_text: {} } } } as never);
    // The snapshot was not rewritten; the journal grew by about one line per write.
    expect(statSync(file).mtimeMs).toBe(snapshot.mtimeMs);
    const grown = statSync(`${file}.journal`).size - journalBefore;
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThan(21 * 2000);
    await emu.close();
    const state = loadStateFile(file)!;
    const rows = Object.values(state.pages).filter((p) => p.parent.type === 'data_source_id' && p.parent.data_source_id === dsId);
    expect(rows).toHaveLength(21);
    expect(Object.values(state.data_sources[dsId]!.properties).map((p) => p.name).sort()).toEqual(['Extra', 'N', 'Name']);
    const again = await startEmulator({ stateFile: file });
    try {
      const c2 = new Client({ auth: 't', baseUrl: again.url, ...quiet });
      const q = await c2.dataSources.query({ data_source_id: dsId, page_size: 100 } as never) as unknown as { results: unknown[] };
      expect(q.results).toHaveLength(21);
    } finally {
      await again.close();
    }
  });

  it('a torn last journal line (a kill mid-append) is ignored; a journal of another snapshot is ignored', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emu-journal-')), 's.json');
    const store = new Store(emptyState(new Date().toISOString()), file);
    await store.flush();
    store.markDirty();
    await store.flush();
    const root = store.state.root_page_id;
    store.state.workspace_name = 'kept';
    store.state.pages[root]!.values = { title: [] };
    store.markDirty('pages', root);
    await store.flush();
    appendFileSync(`${file}.journal`, '{"k":"pages","id":"x","v":{"id":"x"');
    const loaded = loadStateFile(file)!;
    expect(loaded.pages[root]!.values).toEqual({ title: [] });
    expect(loaded.pages.x).toBeUndefined();
    // The snapshot replaced (another token): the old journal no longer applies.
    const snap = JSON.parse(readFileSync(file, 'utf8')) as { journal: string };
    writeFileSync(file, JSON.stringify({ ...snap, journal: 'other' }));
    expect(loadStateFile(file)!.pages[root]!.values).not.toEqual({ title: [] });
  });
});
