import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notionEngine } from '../../src/action/notion-engine.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { freshParent, projectDir, taskSchema, TOKEN } from '../e2e/apply-helpers.js';
import { runInProcess } from './in-process.js';

/** The Action applies through the same use case as the CLI: one apply per project, and crash recovery. */
let emu: EmulatorHandle;
let holder: ChildProcess | undefined;
beforeAll(async () => { emu = await startEmulator({ tokens: [TOKEN] }); });
afterAll(async () => { holder?.kill(); await emu.close(); });

const pushEvent = { repository: { full_name: 'acme/site', default_branch: 'main' } };
const applyRun = (dir: string) => runInProcess(notionEngine, {
  eventName: 'push', event: pushEvent, ref: 'refs/heads/main', cwd: dir,
  inputs: { 'notion-token': TOKEN, 'api-url': emu.url, 'rate-limit': '1000', command: 'apply', comment: 'false', 'require-reviewed-plan': 'false' },
});

describe('the Action apply (real engine, emulator)', () => {
  it('is refused while another apply (e.g. the CLI) holds the project guard, with no write', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }', 'Guarded'));
    holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    mkdirSync(path.join(dir, '.notion-schema'), { recursive: true });
    writeFileSync(path.join(dir, '.notion-schema', 'apply.pid'), `${holder.pid}\n`);
    const writes = () => emu.requests.filter((r) => r.method === 'PATCH' || (r.method === 'POST' && !r.path.includes('/query') && r.path !== '/v1/search')).length;
    const before = writes();
    const r = await applyRun(dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/another apply is running for this project \(pid \d+/);
    expect(writes()).toBe(before);
    expect(emu.listDatabases().filter((d) => d.title === 'Guarded')).toHaveLength(0);
    holder.kill();
  });

  it('after a killed apply, recovers what it created from the journal instead of creating it again', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }', 'Recovered'));
    // A killed apply: its create reached Notion, its lock-file write did not; the journal says "create sent".
    const created = await new Client({ auth: TOKEN, baseUrl: emu.url }).databases.create({
      parent: { type: 'page_id', page_id: parent }, title: [{ type: 'text', text: { content: 'Recovered' } }],
      initial_data_source: { properties: { Name: { title: {} } } },
    }) as { id: string; data_sources: { id: string }[] };
    const journalDir = path.join(dir, '.notion-schema', 'journal');
    mkdirSync(journalDir, { recursive: true });
    writeFileSync(path.join(journalDir, '2026-01-01T00-00-00-000Z-999999999.jsonl'), [
      { type: 'start' },
      { type: 'create-sent', request: 'r1', kind: 'database', creates: { kind: 'database', database: 'tasks', data_source: 'tasks.main' },
        parent: { type: 'page_id', page_id: parent }, title: [{ type: 'text', text: { content: 'Recovered' } }] },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await applyRun(dir);
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.exitCode).toBe(0);
    expect(emu.listDatabases().filter((d) => d.title === 'Recovered')).toHaveLength(1);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: { tasks: { id: string } } };
    expect(lock.databases.tasks.id).toBe(created.id);
  });
});
