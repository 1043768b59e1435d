import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCli } from '../helpers/cli.js';
import { main } from '../../src/cli/main.js';
import { colorEnabled } from '../../src/cli/io.js';

describe('CLI skeleton', () => {
  it('prints help with examples and exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: notion-schema');
    expect(r.stdout).toContain('Examples:');
    for (const cmd of ['validate', 'plan', 'apply', 'pull', 'codegen', 'emulator']) expect(r.stdout).toContain(cmd);
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('every command has --help with examples', async () => {
    for (const cmd of ['validate', 'plan', 'apply', 'pull', 'codegen', 'emulator']) {
      let out = '';
      const code = await main(['node', 'notion-schema', cmd, '--help'], { stdout: (s) => (out += s), stderr: () => {} });
      expect(code, cmd).toBe(0);
      expect(out, cmd).toContain(`Usage: notion-schema ${cmd}`);
      expect(out, cmd).toContain('Examples:');
    }
  });

  it('an unknown command exits 1 with a hint', async () => {
    let err = '';
    const code = await main(['node', 'notion-schema', 'frobnicate'], { stdout: () => {}, stderr: (s) => (err += s) });
    expect(code).toBe(1);
    expect(err).toMatch(/unknown command/);
  });

  it('honours --no-color and NO_COLOR', () => {
    expect(colorEnabled(undefined, {}, true)).toBe(true);
    expect(colorEnabled(false, {}, true)).toBe(false);
    expect(colorEnabled(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled(undefined, {}, false)).toBe(false);
  });

  it('stops quietly when the reader closes the pipe early (no EPIPE stack trace)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-epipe-'));
    const errFile = join(dir, 'stderr.txt');
    // `true` exits without reading, so the CLI's writes meet a closed pipe.
    execFileSync('bash', ['-c', `"${process.execPath}" "${BIN}" plan --help 2>"${errFile}" | true`]);
    expect(readFileSync(errFile, 'utf8')).toBe('');
  });
});
