import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, resolveToken } from '../../src/cli/target.js';
import { colorsFor, type CliIO } from '../../src/cli/io.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { UserInputError } from '../../src/errors.js';
import type { GlobalOptions } from '../../src/cli/context.js';

const TOKEN = 'ntn_TargetTestToken0123456789';
let dir: string;
let emu: EmulatorHandle;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-target-'));
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

function fakeIO(env: Record<string, string> = {}): CliIO & { err: string[] } {
  const err: string[] = [];
  return {
    err,
    stdout: () => undefined,
    stderr: (s) => void err.push(s),
    env,
    cwd: dir,
    isTTY: false,
    stdinIsTTY: false,
    confirm: async () => false,
  };
}
const c = colorsFor(false);

describe('resolveToken', () => {
  it('reads and trims --token-file, which wins over NOTION_TOKEN', async () => {
    await writeFile(join(dir, 'tok'), `  ${TOKEN}\n`);
    expect(await resolveToken(fakeIO({ NOTION_TOKEN: 'ntn_env' }), { tokenFile: 'tok' })).toBe(TOKEN);
    expect(await resolveToken(fakeIO({ NOTION_TOKEN: ' ntn_env ' }), {})).toBe('ntn_env');
    // Set but empty (issue 18): an error, never a silent switch to the local workspace.
    await expect(resolveToken(fakeIO({ NOTION_TOKEN: '  ' }), {})).rejects.toThrow(/NOTION_TOKEN is set but empty/);
    expect(await resolveToken(fakeIO({}), {})).toBeNull();
  });

  it('rejects a missing or empty token file with a clear error', async () => {
    await writeFile(join(dir, 'empty'), '\n');
    await expect(resolveToken(fakeIO(), { tokenFile: 'nope' })).rejects.toThrow(/--token-file nope: cannot read/);
    const err = await resolveToken(fakeIO(), { tokenFile: 'empty' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as Error).message).toMatch(/empty/);
  });
});

describe('openTarget', () => {
  it('targets the API URL with a token, prints the banner, and traces redacted lines under --verbose', async () => {
    const io = fakeIO({ NOTION_TOKEN: TOKEN });
    const globals: GlobalOptions = { apiUrl: emu.url, verbose: true, notionVersion: '2025-09-03' };
    const target = await openTarget(io, c, globals);
    try {
      expect(target.local).toBe(false);
      expect(io.err[0]).toBe(`notion-schema: target ${emu.url} (Notion-Version 2025-09-03)\n`);
      await target.client.request({ method: 'GET', path: '/v1/users/me' });
      await target.ensureParentPage('11111111-2222-4333-8444-555555555555');
      expect(emu.store.state.pages['11111111-2222-4333-8444-555555555555']).toBeUndefined();
    } finally {
      await target.close();
    }
    expect(io.err.some((l) => /notion-schema: http GET \/v1\/users\/me 200 \d+ms request_id=/.test(l))).toBe(true);
    expect(io.err.join('')).not.toContain(TOKEN);
  });

  it('uses NOTION_API_URL when --api-url is absent, and rejects a non-http URL', async () => {
    const io = fakeIO({ NOTION_TOKEN: TOKEN, NOTION_API_URL: emu.url });
    const t = await openTarget(io, c, {});
    expect(t.client.target).toBe(emu.url);
    await t.close();
    await expect(openTarget(fakeIO({ NOTION_TOKEN: TOKEN }), c, { apiUrl: 'ftp://x' })).rejects.toBeInstanceOf(UserInputError);
  });

  it('falls back to the embedded local workspace without a token (or with --local), creating parent pages there', async () => {
    const cases = [
      [{}, {}, 'set NOTION_TOKEN to target Notion'],
      [{ NOTION_TOKEN: TOKEN }, { local: true }, 'drop --local (with NOTION_TOKEN set) to target Notion'],
    ] as const;
    for (const [env, globals, how] of cases) {
      const io = fakeIO(env);
      const target = await openTarget(io, c, globals);
      try {
        expect(target.local).toBe(true);
        expect(target.client.target).toBe('local');
        expect(io.err[0]).toBe(`notion-schema: using the embedded local workspace (.notion-schema/local-workspace.json); ${how}\n`);
        const page = '11111111-2222-4333-8444-555555555555';
        await target.ensureParentPage(page);
        await expect(target.client.request({ method: 'GET', path: `/v1/pages/${page}` })).resolves.toMatchObject({ object: 'page' });
      } finally {
        await target.close();
      }
    }
  });
});
