import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { runCli, runMain } from '../helpers/cli.js';

/** Issue 15 case 5: `${NOTION_TOKEN}` in a schema put the token into every rendering. */
const TOKEN = 'ntn_SecretSchemaScan0a1b2c3d4e5f60718293';
const API_KEY = 'sk-live-0123456789abcdefABCDEF';

let dir: string;
let emu: EmulatorHandle;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-secret-schema-'));
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

function schemaText(title: string, description: string): string {
  return [
    'version: 1',
    'databases:',
    '  crm:',
    `    title: "${title}"`,
    `    description: "${description}"`,
    `    parent: { page_id: "${emu.rootPageId}" }`,
    '    data_sources:',
    '      contacts:',
    '        title: Contacts',
    '        properties:',
    '          Name: { type: title }',
    '',
  ].join('\n');
}

/** Every file under `root`, recursively, as text. */
async function allFiles(root: string): Promise<string> {
  let out = '';
  for (const name of await readdir(root)) {
    const p = join(root, name);
    out += (await stat(p)).isDirectory() ? await allFiles(p) : await readFile(p, 'utf8');
  }
  return out;
}

describe('secret-looking variables are never expanded into a schema', () => {
  it('refuses ${NOTION_TOKEN} and ${..._KEY} with file:line:col errors, on every command, and no output or file holds a secret', async () => {
    const file = join(dir, 'secret.yaml');
    await writeFile(file, schemaText('CRM ${NOTION_TOKEN}', 'key ${STRIPE_API_KEY:-none}'));
    const env = { NOTION_TOKEN: TOKEN, STRIPE_API_KEY: API_KEY };
    const runs = [
      ['validate', file],
      ['plan', file, '--api-url', emu.url, '--verbose'],
      ['plan', file, '--api-url', emu.url, '--json', '--out', join(dir, 'plan.json')],
      ['plan', file, '--api-url', emu.url, '--markdown'],
      ['apply', file, '--api-url', emu.url, '--yes', '--verbose'],
      ['codegen', file, '--out', join(dir, 'types.ts')],
    ];
    for (const args of runs) {
      const r = await runCli(args, { env, cwd: dir });
      const all = r.stdout + r.stderr;
      expect(r.code, `${args.join(' ')}\n${all}`).toBe(1);
      expect(all).toMatch(/secret\.yaml:4:\d+.*\$\{NOTION_TOKEN\} names a secret/);
      expect(all).toMatch(/secret\.yaml:5:\d+.*\$\{STRIPE_API_KEY\} names a secret/);
      expect(all).toMatch(/TOKEN, SECRET, KEY or PASSWORD/);
      expect(all).not.toContain(TOKEN);
      expect(all).not.toContain(API_KEY);
    }
    const files = await allFiles(dir);
    expect(files).not.toContain(TOKEN);
    expect(files).not.toContain(API_KEY);
    expect(emu.listDatabases().filter((d) => d.title.startsWith('CRM'))).toHaveLength(0);
  }, 120_000);

  it('a token pasted into the schema as text is redacted in every rendering (the last line of defence)', async () => {
    const work = await mkdtemp(join(tmpdir(), 'ns-secret-pasted-'));
    const file = join(work, 'pasted.yaml');
    await writeFile(file, schemaText(`Pasted ${API_KEY}`, 'oops'));
    const env = { NOTION_TOKEN: TOKEN, STRIPE_API_KEY: API_KEY, NOTION_API_URL: emu.url };
    for (const args of [['plan', file], ['plan', file, '--markdown'], ['plan', file, '--json', '--out', join(work, 'plan.json')]]) {
      const r = await runMain(args, { cwd: work, env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(API_KEY);
      expect(r.stdout + r.stderr).toContain('[REDACTED]');
    }
    expect(await readFile(join(work, 'plan.json'), 'utf8')).not.toContain(API_KEY);
  }, 60_000);
});
