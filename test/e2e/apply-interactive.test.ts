import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { projectDir, taskSchema, TOKEN } from './apply-helpers.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

/** Runs `main` in-process as on a terminal, answering the confirmation with `answer`. */
async function onTerminal(dir: string, args: string[], answer: boolean, stderrIsTTY = true) {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const code = await main(['node', 'notion-schema', '--api-url', emu.url, '--rate-limit', '1000', ...args], {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    env: { NOTION_TOKEN: TOKEN, NO_COLOR: '1' },
    cwd: dir,
    isTTY: true,
    stderrIsTTY,
    stdinIsTTY: true,
    confirm: async (q) => { questions.push(q); return answer; },
  });
  return { code, stdout, stderr, questions };
}

describe('apply on a terminal', () => {
  it('shows the plan, asks, and does nothing when the answer is no', async () => {
    const parent = randomUUID();
    await emu.ensurePage(parent);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }', 'Interactive no'));
    const run = await onTerminal(dir, ['apply'], false);
    expect(run.questions).toHaveLength(1);
    expect(run.questions[0]).toMatch(/^Apply these changes \(\d+ to create/);
    expect(run.stdout).toMatch(/Create database "Interactive no"/);
    expect(run.stderr).toContain('Apply cancelled');
    expect(run.code).toBe(1);
    expect(emu.listDatabases().some((d) => d.title === 'Interactive no')).toBe(false);
  });

  it('applies on yes, drawing a progress bar with step names and an ETA', async () => {
    const parent = randomUUID();
    await emu.ensurePage(parent);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }\nDue: { type: date }', 'Interactive yes'));
    const run = await onTerminal(dir, ['apply'], true);
    expect(run.code).toBe(0);
    // Redrawn in place: every frame returns to column 1 and clears the rest of the line.
    // eslint-disable-next-line no-control-regex -- matching the terminal escape codes is the point
    expect(run.stderr.match(/\u001b\[1G[█░]+ \d+\/\d+ ETA \d+s [^\n]*?\u001b\[0K/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(run.stderr).toMatch(/████████████████████████ (\d+)\/\1 ETA 0s/);
    expect(run.stderr).toMatch(/[█░]+ \d+\/\d+ ETA \d+s r1 POST s1 create_database/);
    expect(run.stdout).toMatch(/Apply complete: \d+ applied, 0 skipped, 0 failed; \d+ requests? in [\d.]+ s\./);
    expect(emu.listDatabases().filter((d) => d.title === 'Interactive yes')).toHaveLength(1);
  });

  it('writes plain lines, not bar control codes, when stderr is redirected (apply 2>log)', async () => {
    const parent = randomUUID();
    await emu.ensurePage(parent);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }', 'Interactive log'));
    const run = await onTerminal(dir, ['apply', '--yes'], true, false);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('\u001b[');
    expect(run.stderr).toMatch(/\[1\/\d+\] r1 POST s1 create_database/);
  });
});

