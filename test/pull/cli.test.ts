import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, runMain } from '../helpers/cli.js';
import { HANDMADE } from './handmade-workspaces.js';
import { buildBed, type Bed } from './round-trip-helpers.js';

const TOKEN = 'test-token';
let bed: Bed;
let dir: string;

beforeAll(async () => {
  bed = await buildBed(HANDMADE['crm']!);
  dir = await mkdtemp(join(tmpdir(), 'pull-cli-'));
});
afterAll(async () => {
  await bed.close();
  await rm(dir, { recursive: true, force: true });
});

const globals = (): string[] => ['--api-url', bed.emu.url, '--rate-limit', '1000'];

/** The real bin in a child process (used for the main path). */
const pullBin = (args: readonly string[]): ReturnType<typeof runCli> =>
  runCli([...globals(), 'pull', ...args], { cwd: dir, env: { NOTION_TOKEN: TOKEN } });

/** `main()` in-process with a captured io: the same code path, without a process spawn. */
function pull(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain([...globals(), 'pull', ...args], { cwd: dir, env: { NOTION_TOKEN: TOKEN } });
}

describe('notion-schema pull (CLI)', () => {
  it('writes the schema file and the lock file, and refuses to overwrite without --merge or --force', async () => {
    const first = await pullBin(['--all']);
    expect(first.stderr).toContain('Wrote notion.schema.yaml: 1 database, 2 data sources');
    expect(first.code).toBe(0);
    const yaml = await readFile(join(dir, 'notion.schema.yaml'), 'utf8');
    expect(yaml.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+schemas\/notion-schema\.schema\.json$/);
    expect(yaml).toMatch(/^# Pulled from http:\/\/127\.0\.0\.1:\d+ on \d{4}-\d\d-\d\dT\S+Z by notion-schema \d/m);
    const lock = JSON.parse(await readFile(join(dir, 'notion-schema.lock.json'), 'utf8'));
    expect(lock.databases.crm.id).toBe(bed.ids.databases[0]);
    expect(lock.databases.crm.data_sources).toEqual({ companies: bed.ids.dataSources[1], contacts: bed.ids.dataSources[0] });
    expect(first.stdout).toBe('');
    expect(first.stderr).not.toContain(TOKEN);

    const again = await pull(['--all']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/notion.schema.yaml already exists/);
    expect(again.stderr).toMatch(/--merge/);

    const forced = await pull(['--all', '--force']);
    expect(forced.code).toBe(0);
  });

  it('--merge keeps the user\'s comments', async () => {
    const file = join(dir, 'notion.schema.yaml');
    const original = await readFile(file, 'utf8');
    const commented = original
      .replace('  crm:\n', '  # The one database sales lives in.\n  crm:\n')
      .replace('Email: { type: email, description: Work email }', 'Email: { type: email, description: Work email } # never personal');
    await writeFile(file, commented);
    const merged = await pull(['--all', '--merge']);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toContain('Updated notion.schema.yaml');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('  # The one database sales lives in.\n  crm:\n');
    expect(text).toContain('# never personal');
  });

  it('--out - prints to stdout, --database takes a Notion URL', async () => {
    const url = `https://www.notion.so/acme/CRM-${(bed.ids.databases[0] ?? '').replace(/-/g, '')}?v=abc`;
    const r = await pull(['--database', url, '--out', '-']);
    expect(r.code).toBe(0);
    expect(Object.keys(parse(r.stdout).databases)).toEqual(['crm']);
  });

  it('explains a bad --database and a missing selection', async () => {
    const bad = await pull(['--database', 'not-an-id', '--out', '-']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not a database id or a Notion URL/);
    // Said once, with its hint, then one concluding line.
    expect(bad.stderr.match(/is not a database id/g)).toHaveLength(1);
    expect(bad.stderr).toMatch(/hint: give a UUID/);
    expect(bad.stderr).not.toMatch(/notion-schema: (using|target)/); // rejected before a target is opened (no banner)
    const none = await pull(['--out', '-']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/--database ID\|URL .*or --all/);
    expect(none.stderr.match(/or --all/g)).toHaveLength(1);
  });

  it('shows examples in --help', async () => {
    const r = await runCli(['pull', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--merge');
    expect(r.stdout).toContain('--force');
  });
});
