import { Client } from '@notionhq/client';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../src/emulator/index.js';

/** Rich text request helper. */
export function rt(content: string): { type: 'text'; text: { content: string } }[] {
  return [{ type: 'text', text: { content } }];
}

/** An emulator plus an SDK client pointed at it (SDK retries off unless asked). */
export async function setup(opts: EmulatorOptions = {}, clientOpts: Record<string, unknown> = {}): Promise<{ emu: EmulatorHandle; client: Client }> {
  const emu = await startEmulator(opts);
  const client = new Client({ auth: 'test-token', baseUrl: emu.url, retry: false, logLevel: 'error' as never, ...clientOpts });
  return { emu, client };
}

/** Creates a database under the root page and returns its first data source id. */
export async function createDb(client: Client, emu: EmulatorHandle, properties: Record<string, unknown>, title = 'Tasks'): Promise<{ dbId: string; dsId: string }> {
  const db = await client.databases.create({
    parent: { type: 'page_id', page_id: emu.rootPageId }, title: rt(title),
    initial_data_source: { properties },
  } as never) as unknown as { id: string; data_sources: { id: string }[] };
  return { dbId: db.id, dsId: db.data_sources[0]!.id };
}

/** Any-typed view of a response, for terse assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

/** Raw fetch against the emulator. */
export async function raw(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Any; headers: Headers }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: 'Bearer test-token', 'notion-version': '2025-09-03', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? null : JSON.parse(text), headers: res.headers };
}
