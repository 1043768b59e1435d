import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { runCli, type CliRun } from '../helpers/cli.js';

export const TOKEN = 'test-token';

/** A temp project dir holding `notion.schema.yaml` with `yaml`. */
export function projectDir(yaml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-apply-e2e-'));
  writeFileSync(path.join(dir, 'notion.schema.yaml'), yaml);
  return dir;
}

/** Runs the real CLI against the emulator at `url`, in `dir`, fast (no client-side pacing). */
export function cli(dir: string, url: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['--api-url', url, '--rate-limit', '1000', ...args], { cwd: dir, env: { NOTION_TOKEN: TOKEN, ...env } });
}

/** A one-database schema (titled `title`: tests sharing a parent need distinct titles, else the reader adopts) under `parent`. `props` is YAML for the properties of data source `tasks.main`. */
export function taskSchema(parent: string, props: string, title = 'Tasks'): string {
  return `version: 1
databases:
  tasks:
    title: ${title}
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: Tasks
        properties:
${props.trim().split('\n').map((l) => `          ${l}`).join('\n')}
`;
}

/** A new parent page per test, so no test adopts another's same-titled database. */
export async function freshParent(emu: EmulatorHandle): Promise<string> {
  const id = randomUUID();
  await emu.ensurePage(id, 'Test parent');
  return id;
}

/** How many databases of the emulator carry this title (duplicates show up as > 1). */
export function countByTitle(emu: EmulatorHandle, title: string): number {
  return emu.listDatabases().filter((d) => d.title === title).length;
}
