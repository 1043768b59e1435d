import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, collectPaginatedAPI } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { openLocalWorkspace, startEmulator } from '../../src/emulator/index.js';
import { loadStateFile } from '../../src/emulator/store.js';
import { createDb, raw, rt, type Any } from './helpers.js';

const quiet = { logLevel: 'error' as never };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'emu-'));

describe('persistence', () => {
  it('keeps state across restarts (plan → apply → plan across processes)', async () => {
    const file = join(tmp(), 'state.json');
    const a = await startEmulator({ stateFile: file });
    const ca = new Client({ auth: 't', baseUrl: a.url, ...quiet });
    const { dsId } = await createDb(ca, a, { Name: { title: {} }, N: { number: {} } });
    await ca.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt('kept') }, N: { number: 3 } } } as never);
    await a.close();
    const b = await startEmulator({ stateFile: file });
    try {
      expect(b.rootPageId).toBe(a.rootPageId);
      const cb = new Client({ auth: 't', baseUrl: b.url, ...quiet });
      const q: Any = await cb.dataSources.query({ data_source_id: dsId });
      expect(q.results[0].properties.N.number).toBe(3);
    } finally {
      await b.close();
    }
    expect(JSON.stringify(readFileSync(file, 'utf8'))).not.toContain('"t"');
  });

  it('refuses a state file that is not one, with a clear message', async () => {
    const file = join(tmp(), 'bad.json');
    await import('node:fs').then((fs) => fs.writeFileSync(file, '{"hello":1}'));
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(/not an emulator state file/);
  });

  it('openLocalWorkspace persists, ensures parent pages, and starts fast', async () => {
    const file = join(tmp(), '.notion-schema', 'local-workspace.json');
    const ws = await openLocalWorkspace({ stateFile: file });
    const pageId = '5d1b6e3a-0000-4000-8000-000000000001';
    await ws.ensurePage(pageId.replace(/-/g, ''), 'Parent');
    const c = new Client({ auth: 'local', baseUrl: ws.url, ...quiet });
    const db: Any = await c.databases.create({ parent: { type: 'page_id', page_id: pageId }, title: rt('Local'), initial_data_source: { properties: { Name: { title: {} } } } } as never);
    await ws.close();
    const ws2 = await openLocalWorkspace({ stateFile: file });
    try {
      const c2 = new Client({ auth: 'other', baseUrl: ws2.url, ...quiet });
      const got: Any = await c2.databases.retrieve({ database_id: db.id });
      expect(got.parent.page_id).toBe(pageId);
    } finally {
      await ws2.close();
    }
  });
});

describe('load check', () => {
  it(`${process.env.LONG ? 10_000 : 800} requests complete with no lost or corrupted state`, async () => {
    const total = process.env.LONG ? 10_000 : 800;
    const file = join(tmp(), 'load.json');
    const emu = await startEmulator({ stateFile: file });
    const client = new Client({ auth: 'load', baseUrl: emu.url, ...quiet });
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, N: { number: {} }, ID: { unique_id: { prefix: 'L' } }, S: { select: { options: [{ name: 'a' }] } } });
    emu.clearRequests();
    const created: { id: string; n: number }[] = [];
    let next = 0;
    // Raw HTTP (the SDK is covered by the conformance tests; this keeps the check fast).
    const call = async (method: string, path: string, body?: unknown): Promise<Any> => {
      const r = await raw(emu.url, method, path, body, { authorization: 'Bearer load' });
      if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    };
    const worker = async (): Promise<void> => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const kind = i % 5;
        if (kind < 2 || created.length === 0) {
          const p: Any = await call('POST', '/v1/pages', { parent: { data_source_id: dsId }, properties: { Name: { title: rt(`row ${i}`) }, N: { number: i } } });
          created.push({ id: p.id, n: i });
        } else if (kind === 2) {
          const target = created[i % created.length]!;
          target.n = i + 0.5;
          await call('PATCH', `/v1/pages/${target.id}`, { properties: { N: { number: target.n }, S: { select: { name: 'a' } } } });
        } else if (kind === 3) {
          const target = created[i % created.length]!;
          await call('GET', `/v1/pages/${target.id}`);
        } else {
          await call('POST', `/v1/data_sources/${dsId}/query`, { page_size: 5 });
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(emu.requests).toHaveLength(total);
    expect(emu.requests.every((r) => r.status === 200)).toBe(true);
    await emu.close();
    const state = loadStateFile(file);
    expect(state).not.toBeNull();
    const again = await startEmulator({ stateFile: file });
    try {
      const c2 = new Client({ auth: 'load', baseUrl: again.url, ...quiet });
      const rows = await collectPaginatedAPI(c2.dataSources.query, { data_source_id: dsId } as never) as Any[];
      expect(rows).toHaveLength(created.length);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const c of created) expect(byId.get(c.id)?.properties.N.number).toBe(c.n);
      const numbers = rows.map((r) => r.properties.ID.unique_id.number).sort((a: number, b: number) => a - b);
      expect(numbers).toEqual(Array.from({ length: created.length }, (_, k) => k + 1));
    } finally {
      await again.close();
    }
  });

  it('the state file survives a kill mid-write (atomic rename)', async () => {
    const dir = tmp();
    const file = join(dir, 'kill.json');
    const child = fileURLToPath(new URL('./fixtures/writer-child.ts', import.meta.url));
    for (let round = 0; round < 3; round++) {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      // Wait until the child has written a few rows (not a fixed time: a loaded machine may be slow
      // to start it), then kill it at a varying moment while it keeps writing.
      let out = '';
      await new Promise<void>((resolve, reject) => {
        proc.stdout.on('data', (d: Buffer) => { out += d.toString(); if (/^row 2$/m.test(out)) resolve(); });
        proc.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      await new Promise((r) => setTimeout(r, 20 + round * 60));
      const exited = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGKILL');
      await exited;
      const text = readFileSync(file, 'utf8');
      const parsed = JSON.parse(text) as Any;
      expect(parsed.format).toBe(1);
      expect(loadStateFile(file)?.root_page_id).toBe(parsed.root_page_id);
    }
    const s = loadStateFile(file)!;
    expect(Object.keys(s.pages).length).toBeGreaterThan(3);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')).length).toBeLessThanOrEqual(3);
    // A new emulator on the file removes temporary files of dead writers.
    const emu = await startEmulator({ stateFile: file });
    await emu.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('two processes on one state file', () => {
  it('an emulator picks up changes another one wrote to the same file', async () => {
    const file = join(tmp(), 'shared.json');
    const a = await startEmulator({ stateFile: file });
    const b = await startEmulator({ stateFile: file });
    try {
      const ca = new Client({ auth: 't', baseUrl: a.url, ...quiet });
      const cb = new Client({ auth: 't', baseUrl: b.url, ...quiet });
      const one = await createDb(ca, a, { Name: { title: {} } }, 'From A');
      await new Promise((r) => setTimeout(r, 20));
      const got: Any = await cb.dataSources.retrieve({ data_source_id: one.dsId });
      expect(got.title[0].plain_text).toBe('From A');
      const two = await createDb(cb, b, { Name: { title: {} } }, 'From B');
      await new Promise((r) => setTimeout(r, 20));
      const both: Any = await ca.search({ filter: { property: 'object', value: 'data_source' } } as never);
      expect(both.results.map((r: Any) => r.id).sort()).toEqual([one.dsId, two.dsId].sort());
    } finally {
      await a.close();
      await b.close();
    }
  });
});
