import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import type { LockFile } from '../../src/model/lock.js';

/** The project's lock file, parsed. */
export function readLock(dir: string): LockFile {
  return JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as LockFile;
}

/** Rewrites the project's schema file. */
export function writeSchema(dir: string, yaml: string): void {
  writeFileSync(path.join(dir, 'notion.schema.yaml'), yaml);
}

/** Writes (PATCH, POST, DELETE) the emulator served since request number `start`. */
export function writesSince(emu: EmulatorHandle, start: number): number {
  return emu.requests.slice(start).filter((r) => r.method !== 'GET' && !(r.method === 'POST' && /\/(search|query)$/.test(r.path))).length;
}

/** A CRM schema under `parent` with the named data sources (each a title and `extra` YAML lines). */
export function crmSchema(parent: string, title: string, sources: Record<string, string>, extraDbs = ''): string {
  const ds = Object.entries(sources).map(([key, props]) => `      ${key}:
        title: ${key[0]?.toUpperCase()}${key.slice(1)}
        properties:
          Name: { type: title }
${props.trim() === '' ? '' : props.trim().split('\n').map((l) => `          ${l}`).join('\n') + '\n'}`).join('');
  return `version: 1
databases:
  crm:
    title: ${title}
    parent: { page_id: "${parent}" }
    data_sources:
${ds}${extraDbs}`;
}
