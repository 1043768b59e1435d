import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';

const TOKEN = 'ntn_CliScanToken4f1d2c3b4a59687766554433';
const MISSING = '99999999-8888-4777-8666-555555555555';

let dir: string;
let emu: EmulatorHandle;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-cli-redact-'));
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

async function schema(name: string, dbId?: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, [
    'version: 1',
    'databases:',
    '  crm:',
    ...(dbId ? [`    id: ${dbId}`] : []),
    '    title: CRM',
    `    parent: { page_id: "${emu.rootPageId}" }`,
    '    data_sources:',
    '      contacts:',
    '        title: Contacts',
    '        properties:',
    '          Name: { type: title }',
    '',
  ].join('\n'));
  return path;
}

describe('the token never appears in the output of a failing CLI run', () => {
  it('401 (wrong token) with --verbose: no token, a hint to check it, exit 1', async () => {
    const file = await schema('a.yaml');
    const wrong = 'ntn_WrongTokenButStillSecret99999999';
    const r = await runCli(['plan', file, '--verbose', '--api-url', emu.url], { env: { NOTION_TOKEN: wrong }, cwd: dir });
    const all = r.stdout + r.stderr;
    expect(r.code).toBe(1);
    expect(all).not.toContain(wrong);
    expect(all).toMatch(/401/);
    expect(all).toMatch(/NOTION_TOKEN|--token-file/);
    expect(all).toMatch(/notion-schema: http POST \/v1\/search 401/);
  });

  it('404 (database not shared) with --verbose and --token-file: no token, the share hint names the id', async () => {
    const file = await schema('b.yaml', MISSING);
    await writeFile(join(dir, 'token.txt'), `${TOKEN}\n`);
    const r = await runCli(['plan', file, '--verbose', '--api-url', emu.url, '--token-file', join(dir, 'token.txt')], { cwd: dir });
    const all = r.stdout + r.stderr;
    expect(r.code).toBe(1);
    expect(all).not.toContain(TOKEN);
    expect(all).toContain(`share the page or database ${MISSING}`);
    expect(all).toMatch(new RegExp(`notion-schema: http GET /v1/databases/${MISSING} 404`));
  });
});
