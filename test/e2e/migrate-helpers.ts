import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import type { NotionClient } from '../../src/notion/types.js';
import { BIN } from '../helpers/cli.js';
import { createPages } from '../migrate/helpers.js';
import { cli, freshParent, projectDir, taskSchema, TOKEN } from './apply-helpers.js';

type Loose = Record<string, unknown>;

/** A project applied from `props` (YAML of `tasks.main`), with `n` pages made from `values(i)`; returns its dir, data source id and page ids. */
export async function seededProject(
  emu: EmulatorHandle, client: NotionClient, props: string, n: number, values: (i: number) => Loose, title: string,
): Promise<{ dir: string; parent: string; dsId: string; ids: string[] }> {
  const parent = await freshParent(emu);
  const dir = projectDir(taskSchema(parent, props, title));
  const applied = await cli(dir, emu.url, ['apply', '--yes']);
  if (applied.code !== 0) throw new Error(`seeding apply failed: ${applied.stderr}`);
  const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: { tasks: { data_sources: { main: string } } } };
  const dsId = lock.databases.tasks.data_sources.main;
  const ids = await createPages(client, dsId, Array.from({ length: n }, (_, i) => values(i)));
  return { dir, parent, dsId, ids };
}

/** Rewrites the project's schema file with new properties for `tasks.main`. */
export function rewriteSchema(dir: string, parent: string, props: string, title: string): void {
  writeFileSync(path.join(dir, 'notion.schema.yaml'), taskSchema(parent, props, title));
}

/** Page writes (PATCH /v1/pages/…) the emulator has answered since `start`, successful or not. */
export function pagePatches(emu: EmulatorHandle, start: number): number {
  let n = 0;
  for (const r of emu.requests.slice(start)) if (r.method === 'PATCH' && r.path.startsWith('/v1/pages/')) n++;
  return n;
}

/**
 * Runs the real CLI (`apply --yes --migrate-data` at `rate` requests/s) and SIGKILLs it once
 * the emulator has answered `killAfter` page writes. Resolves with the signal (null: it finished first).
 */
export function applyAndKill(emu: EmulatorHandle, dir: string, rate: number, killAfter: number): Promise<NodeJS.Signals | null> {
  const start = emu.requests.length;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--api-url', emu.url, '--rate-limit', String(rate), 'apply', '--yes', '--migrate-data'], {
      cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1', NOTION_TOKEN: TOKEN },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setInterval(() => {
      if (pagePatches(emu, start) >= killAfter) child.kill('SIGKILL');
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      if (signal === null && code !== 0) reject(new Error(`apply failed (${String(code)}): ${stderr}`));
      else resolve(signal);
    });
  });
}
