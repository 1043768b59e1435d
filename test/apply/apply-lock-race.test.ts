import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const lockModule = pathToFileURL(path.resolve('dist/apply/apply-lock.js')).href;

/** A contender: waits for the shared start instant, tries the guard, holds it a moment, releases. */
const contender = `
const { acquireApplyLock } = await import(process.argv[1]);
const [dir, at] = [process.argv[2], Number(process.argv[3])];
while (Date.now() < at) { /* spin to the same instant */ }
try {
  const release = acquireApplyLock(dir);
  console.log('got');
  await new Promise((r) => setTimeout(r, Number(process.argv[4] ?? 400)));
  release();
} catch (err) {
  console.log(/another apply is running/.test(err.message) ? 'refused ' + err.message : 'error ' + err.message);
}
`;

function run(dir: string, at: number, holdMs = 400, onGot?: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', contender, lockModule, dir, String(at), String(holdMs)]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('got')) onGot?.();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out.trim()));
  });
}

/** The pid of a process that has exited: a guard left by a killed apply. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

describe('the apply guard under a race (issue 15 case 6)', () => {
  it('of several processes starting at once against a stale guard, exactly one holds it; the others are refused', async () => {
    for (let round = 0; round < 4; round++) {
      const dir = mkdtempSync(path.join(tmpdir(), 'ns-race-'));
      writeFileSync(path.join(dir, 'apply.pid'), `${deadPid()} 1 2026-01-01T00:00:00.000Z\n`);
      const at = Date.now() + 700;
      const results = await Promise.all(Array.from({ length: 6 }, () => run(dir, at)));
      expect(results.filter((r) => r === 'got'), results.join(',')).toHaveLength(1);
      expect(results.filter((r) => r.startsWith('refused '))).toHaveLength(5);
      expect(existsSync(path.join(dir, 'apply.pid'))).toBe(false);
      expect(existsSync(path.join(dir, 'apply.pid.takeover'))).toBe(false);
    }
  }, 30_000);

  it('a refusal names the holder pid and since when', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ns-race-'));
    // The second contender starts only once the first holds the guard (however loaded the machine).
    let b: Promise<string> | undefined;
    let holder: Promise<string> | undefined;
    await new Promise<void>((resolve) => {
      holder = run(dir, 0, 3000, () => {
        b ??= run(dir, 0);
        resolve();
      });
    });
    expect(await holder).toBe('got');
    expect(await b).toMatch(/^refused another apply is running for this project \(pid \d+, since \d{4}-\d\d-\d\dT[\d:.]+Z/);
  }, 30_000);
});
