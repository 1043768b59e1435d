import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { BIN } from '../helpers/cli.js';
import { cli, countByTitle, freshParent, projectDir, TOKEN } from './apply-helpers.js';

/**
 * Issue 15 case 8: two directories applying the same schema to the same workspace at the same
 * moment duplicated databases. A pre-create look-up (the parent page's child databases, which are
 * immediately consistent) now refuses a create whose object appeared since the plan was made.
 */
let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

function schema(parent: string, tag: string): string {
  const dbs = [1, 2, 3].map((i) => `  db${i}:
    title: ${tag} ${i}
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: Main
        properties:
          Name: { type: title }`);
  return `version: 1\ndatabases:\n${dbs.join('\n')}\n`;
}

interface Run { code: number | null; stdout: string; stderr: string }

/**
 * Runs A's `apply --yes` one request a second, one at a time; once its first database exists, stops
 * the process (SIGSTOP), awaits `meanwhile` (the other directory's whole apply), then lets it go on.
 */
function slowApplyInterrupted(dir: string, tag: string, meanwhile: () => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--api-url', emu.url, '--rate-limit', '1', 'apply', '--yes', '--concurrency', '1'], {
      cwd: dir, env: { PATH: process.env['PATH'] ?? '', NOTION_TOKEN: TOKEN, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let paused = false;
    const timer = setInterval(() => {
      if (paused || countByTitle(emu, `${tag} 1`) < 1) return;
      paused = true;
      child.kill('SIGSTOP');
      void meanwhile().finally(() => child.kill('SIGCONT'));
    }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('two directories applying the same schema at the same moment', () => {
  it('the slower one refuses the creates the other made meanwhile; nothing is duplicated; a re-run converges', async () => {
    const parent = await freshParent(emu);
    const tag = `Race ${Date.now()}`;
    const a = projectDir(schema(parent, tag));
    const b = projectDir(schema(parent, tag));
    let bRun: Run | undefined;
    const aRun = await slowApplyInterrupted(a, tag, async () => {
      bRun = await cli(b, emu.url, ['apply', '--yes']);
    });
    // B adopted A's first database by title and created the other two.
    expect(bRun?.code, bRun?.stderr).toBe(0);
    // A's next create found B's database by the look-up and was refused.
    expect(aRun.code, aRun.stdout + aRun.stderr).toBe(1);
    expect(aRun.stdout + aRun.stderr).toMatch(new RegExp(`titled "${tag} 2" .* appeared in that place since the plan was made`));
    for (const i of [1, 2, 3]) expect(countByTitle(emu, `${tag} ${i}`), `${tag} ${i}`).toBe(1);
    // Running A again adopts what B made; both directories then plan nothing.
    const again = await cli(a, emu.url, ['apply', '--yes']);
    expect(again.code, again.stderr).toBe(0);
    for (const dir of [a, b]) expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
    for (const i of [1, 2, 3]) expect(countByTitle(emu, `${tag} ${i}`)).toBe(1);
  }, 60_000);
});
