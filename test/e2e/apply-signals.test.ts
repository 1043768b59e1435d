import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { BIN } from '../helpers/cli.js';
import { cli, freshParent, projectDir, TOKEN } from './apply-helpers.js';

/** Issue 15 case 7: a signal ended apply at once with no message, leaving apply.pid and an unfinished journal. */
let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

/** Twelve one-data-source databases: twelve creates, paced at 8 requests a second, so about two seconds of writes. */
function schema(parent: string, tag: string): string {
  const dbs = Array.from({ length: 12 }, (_, i) => `  db${i}:
    title: ${tag} ${i}
    parent: { page_id: "${parent}" }
    data_sources:
      main:
        title: Main
        properties:
          Name: { type: title }
          Notes: { type: rich_text }`);
  return `version: 1\ndatabases:\n${dbs.join('\n')}\n`;
}

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs `apply --yes` paced at 8 r/s and sends `signals` (one per entry) once `afterCreates` databases exist. */
function applyAndSignal(dir: string, tag: string, afterCreates: number, signals: NodeJS.Signals[], gapMs = 0): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--api-url', emu.url, '--rate-limit', '8', 'apply', '--yes'], {
      cwd: dir, env: { PATH: process.env['PATH'] ?? '', NOTION_TOKEN: TOKEN, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let sent = false;
    const timer = setInterval(() => {
      if (sent || emu.listDatabases().filter((d) => d.title.startsWith(tag)).length < afterCreates) return;
      sent = true;
      signals.forEach((s, i) => setTimeout(() => child.kill(s), i * gapMs));
    }, 5);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function journalLines(dir: string): Record<string, unknown>[] {
  const jdir = path.join(dir, '.notion-schema', 'journal');
  const files = readdirSync(jdir).sort();
  const text = readFileSync(path.join(jdir, files[files.length - 1] ?? ''), 'utf8');
  return text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function expectConverges(dir: string, tag: string): Promise<void> {
  const again = await cli(dir, emu.url, ['apply', '--yes']);
  expect(again.code, again.stderr).toBe(0);
  expect((await cli(dir, emu.url, ['plan', '--detailed-exitcode'])).code).toBe(0);
  const titles = emu.listDatabases().filter((d) => d.title.startsWith(tag) && d.in_trash !== true).map((d) => d.title).sort();
  expect(titles).toEqual(Array.from({ length: 12 }, (_, i) => `${tag} ${i}`).sort());
}

describe('signals during apply', () => {
  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s: stops launching, finishes in flight, ends the journal, releases the guard, says how to resume, exits %i', async (sig, code) => {
    const tag = `Sig ${sig}`;
    const dir = projectDir(schema(await freshParent(emu), tag));
    const r = await applyAndSignal(dir, tag, 3, [sig]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain(`${sig} received: no new request is started`);
    expect(r.stdout).toMatch(/Apply interrupted: \d+ applied, \d+ skipped, 0 failed/);
    expect(r.stderr).toContain(`Interrupted by ${sig}`);
    expect(r.stderr).toContain('Run `notion-schema apply` again to finish');
    expect(existsSync(path.join(dir, '.notion-schema', 'apply.pid'))).toBe(false);
    const lines = journalLines(dir);
    const end = lines[lines.length - 1];
    expect(end).toMatchObject({ type: 'end', ok: false, interrupted: true });
    const skipped = lines.filter((l) => l['type'] === 'request' && l['status'] === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.some((l) => l['message'] === 'not started: apply was interrupted')).toBe(true);
    // Every other skipped request waited on one the signal stopped; none failed.
    expect(skipped.filter((l) => l['message'] !== 'not started: apply was interrupted').every((l) => /^dependency \S+ did not succeed$/.test(String(l['message'])))).toBe(true);
    expect(lines.some((l) => l['type'] === 'request' && l['status'] === 'failed')).toBe(false);
    const made = emu.listDatabases().filter((d) => d.title.startsWith(tag)).length;
    expect(made).toBeLessThan(12);
    await expectConverges(dir, tag);
  }, 60_000);

  it('a second signal exits at once (130), still releasing the guard', async () => {
    const tag = 'Sig twice';
    const dir = projectDir(schema(await freshParent(emu), tag));
    const r = await applyAndSignal(dir, tag, 2, ['SIGINT', 'SIGINT'], 30);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('exiting on SIGINT (second signal)');
    expect(existsSync(path.join(dir, '.notion-schema', 'apply.pid'))).toBe(false);
    await expectConverges(dir, tag);
  }, 60_000);

  it('plan: a signal ends it at once and says nothing was changed', async () => {
    const tag = 'Sig plan';
    const dir = projectDir(schema(await freshParent(emu), tag));
    const r = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [BIN, '--api-url', emu.url, '--rate-limit', '0.5', 'plan'], {
        cwd: dir, env: { PATH: process.env['PATH'] ?? '', NOTION_TOKEN: TOKEN, NO_COLOR: '1' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('target')) setTimeout(() => child.kill('SIGTERM'), 300);
      });
      child.on('close', (c, s) => resolve({ code: c, signal: s, stdout: '', stderr }));
    });
    expect(r.code).toBe(143);
    expect(r.stderr).toContain('interrupted by SIGTERM; plan makes no changes, nothing was changed');
  }, 30_000);
});
