import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { runMain } from '../helpers/cli.js';

export const TOKEN = 'ntn_TrustBoundaryToken7c1e2d3f4a5b6c7d8e9f';

/** A temp project holding `notion.schema.yaml`. */
export function project(yaml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-trust-'));
  writeFileSync(path.join(dir, 'notion.schema.yaml'), yaml);
  return dir;
}

/** Runs the CLI in-process against the emulator at `url`. */
export function run(dir: string, url: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(['--api-url', url, '--rate-limit', '1000', ...args], { cwd: dir, env: { NOTION_TOKEN: TOKEN, ...env } });
}

/** Requests that change something (every POST/PATCH/DELETE except search and queries). */
export function writes(emu: EmulatorHandle): string[] {
  return emu.requests
    .filter((r) => r.method !== 'GET' && !/\/search$|\/query$/.test(r.path))
    .map((r) => `${r.method} ${r.path}`);
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, JSON.stringify(value, null, 2));
}

/** A one-database schema titled `title` under `parent`, with the given property YAML lines. */
export function schema(parent: string, title: string, props: readonly string[], extra = ''): string {
  return [
    'version: 1',
    'databases:',
    '  tasks:',
    `    title: ${title}`,
    `    parent: { page_id: "${parent}" }`,
    '    data_sources:',
    '      main:',
    '        title: Tasks',
    '        properties:',
    ...props.map((p) => `          ${p}`),
    extra,
  ].join('\n');
}
