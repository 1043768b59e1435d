import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@notionhq/client';
import { createPlan } from '../../src/pipeline/create-plan.js';
import { parseSchemaText } from '../../src/config/index.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { Plan } from '../../src/model/index.js';
import { createNotionClient } from '../../src/notion/client.js';
import { writeLockFile } from '../../src/notion/lock-file.js';
import type { NotionClient } from '../../src/notion/types.js';
import { pullWorkspace, type PullResult } from '../../src/pull/index.js';
import { renderText, PLAIN_STYLE } from '../../src/plan/index.js';
import { materialize, type WorkspaceDef } from './workspace-spec.js';

export const EMIT = { date: '2026-01-02T03:04:05Z', toolVersion: '0.1.0', schemaRef: '../schemas/notion-schema.schema.json', source: 'the emulator' } as const;

export interface Bed {
  readonly emu: EmulatorHandle;
  readonly client: NotionClient;
  readonly ids: { databases: string[]; dataSources: string[] };
  close(): Promise<void>;
}

/** Starts a fresh emulator and builds `ws` in it through the official SDK. */
export async function buildBed(ws: WorkspaceDef): Promise<Bed> {
  const emu = await startEmulator();
  try {
    const sdk = new Client({ auth: 'test-token', baseUrl: emu.url, logger: () => {} });
    const ids = await materialize(sdk, emu, ws);
    const client = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000, burst: 1000 });
    return { emu, client, ids, close: async () => { await client.close(); await emu.close(); } };
  } catch (e) {
    await emu.close();
    throw e;
  }
}

/** Parses pulled YAML (must be error-free), writes its lock beside it, and plans against the same emulator. */
export async function planAfterPull(client: NotionClient, pulled: PullResult): Promise<{ plan: Plan; text: string; errors: string[] }> {
  const parsed = parseSchemaText(pulled.yaml, 'pulled.yaml', { env: {} });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location?.line}: ${d.message}`);
  if (parsed.desired === null) throw new Error(`pulled YAML does not parse:\n${errors.join('\n')}\n${pulled.yaml}`);
  const dir = await mkdtemp(join(tmpdir(), 'pull-rt-'));
  try {
    const lockPath = join(dir, 'notion-schema.lock.json');
    await writeLockFile(lockPath, pulled.lock);
    const { plan, errors: planErrors } = await createPlan({ client, desired: parsed.desired, lockPath, toolVersion: '0.1.0' });
    return { plan, text: renderText(plan, PLAIN_STYLE), errors: [...errors, ...planErrors.map((d) => d.message)] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function pullAll(client: NotionClient): Promise<PullResult> {
  return pullWorkspace(client, { databases: [], all: true, emit: EMIT });
}

/** Replaces every UUID by `<id N>` in order of first appearance, so goldens do not depend on random ids. */
export function maskIds(text: string): string {
  const seen = new Map<string, number>();
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!seen.has(id)) seen.set(id, seen.size + 1);
    return `<id ${seen.get(id)}>`;
  });
}
