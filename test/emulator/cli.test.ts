import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli } from '../helpers/cli.js';
import type { Any } from './helpers.js';

/** Starts `notion-schema emulator ARGS` and resolves once it printed its url and root page id. */
function startCli(args: string[]): Promise<{ url: string; root: string; stop: (signal: NodeJS.Signals) => Promise<number | null>; stdout: () => string }> {
  const child = spawn(process.execPath, [BIN, 'emulator', ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /^url=(\S+)$/m.exec(out)?.[1];
      const root = /^root_page_id=(\S+)$/m.exec(out)?.[1];
      if (url !== undefined && root !== undefined) {
        resolve({
          url, root, stdout: () => out,
          stop: (signal) => new Promise((r) => { child.on('exit', (code) => r(code)); child.kill(signal); }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${err}`)));
  });
}

describe('notion-schema emulator', () => {
  it('prints url= and root_page_id=, serves the API, persists, and stops cleanly on SIGTERM and SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));
    const state = join(dir, 'state.json');
    const log = join(dir, 'requests.jsonl');
    const a = await startCli(['--port', '0', '--state', state, '--request-log', log, '--rate-limit', '100']);
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.root).toMatch(/^[0-9a-f-]{36}$/);
    const client = new Client({ auth: 'cli', baseUrl: a.url, logLevel: 'error' as never });
    const db: Any = await client.databases.create({ parent: { type: 'page_id', page_id: a.root }, title: [{ text: { content: 'X' } }], initial_data_source: { properties: { Name: { title: {} } } } } as never);
    expect(await a.stop('SIGTERM')).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Any);
    expect(lines[0]).toMatchObject({ method: 'POST', path: '/v1/databases', status: 200 });
    const b = await startCli(['--state', state]);
    expect(b.root).toBe(a.root);
    const c2 = new Client({ auth: 'cli', baseUrl: b.url, logLevel: 'error' as never });
    expect(((await c2.databases.retrieve({ database_id: db.id })) as Any).id).toBe(db.id);
    expect(await b.stop('SIGINT')).toBe(0);
  });

  it('restricts tokens with --token and applies the default rate limit', async () => {
    const a = await startCli(['--token', 'one', '--token', 'two', '--burst', '1']);
    try {
      const ok = await fetch(`${a.url}/v1/users/me`, { headers: { authorization: 'Bearer two', 'notion-version': '2025-09-03' } });
      expect(ok.status).toBe(200);
      const limited = await fetch(`${a.url}/v1/users/me`, { headers: { authorization: 'Bearer two', 'notion-version': '2025-09-03' } });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      const bad = await fetch(`${a.url}/v1/users/me`, { headers: { authorization: 'Bearer three', 'notion-version': '2025-09-03' } });
      expect(bad.status).toBe(401);
    } finally {
      await a.stop('SIGTERM');
    }
  });

  it('rejects a bad fault spec with a clear message and exit 1', async () => {
    const r = await runCli(['emulator', '--faults', '418=0.5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unknown fault "418"/);
  });

  it('documents itself with examples', async () => {
    const r = await runCli(['emulator', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--faults/);
    expect(r.stdout).toMatch(/Examples:/);
  });
});
