import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireApplyLock } from '../../src/apply/apply-lock.js';
import { isOtherLiveProcess, processStart } from '../../src/apply/process-identity.js';

const linux = process.platform === 'linux';

describe('the one-apply-at-a-time guard', () => {
  it('records pid and process start time, and releases only its own file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ns-lock-'));
    const release = acquireApplyLock(dir);
    const [pid, start] = readFileSync(path.join(dir, 'apply.pid'), 'utf8').trim().split(' ');
    expect(Number(pid)).toBe(process.pid);
    if (linux) expect(start).toBe(processStart(process.pid));
    release();
    expect(existsSync(path.join(dir, 'apply.pid'))).toBe(false);
  });

  it('refuses while a live process holds it with its own start time', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ns-lock-'));
    const parent = process.ppid;
    writeFileSync(path.join(dir, 'apply.pid'), `${parent} ${processStart(parent) ?? ''}\n`);
    expect(() => acquireApplyLock(dir)).toThrow(/another apply is running for this project \(pid \d+/);
  });

  it.runIf(linux)('takes over a file whose pid is alive but was reused by another process (start time differs)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ns-lock-'));
    const parent = process.ppid;
    expect(isOtherLiveProcess(parent)).toBe(true);
    writeFileSync(path.join(dir, 'apply.pid'), `${parent} 1\n`);
    expect(isOtherLiveProcess(parent, '1')).toBe(false);
    const release = acquireApplyLock(dir);
    expect(readFileSync(path.join(dir, 'apply.pid'), 'utf8').startsWith(`${process.pid} `)).toBe(true);
    release();
  });
});
