import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.js';
import { runMain } from '../helpers/cli.js';

/** The top-level help lists every command from COMMANDS' summaries without loading their modules (issue 17: help in under 2 s). */
describe('command summaries', () => {
  it.each(Object.keys(COMMANDS))('%s: the summary and arguments equal what its module registers', async (name) => {
    const entry = COMMANDS[name];
    const program = new Command('notion-schema');
    (await entry!.load()).register(program, async () => {});
    const cmd = program.commands.find((c) => c.name() === name);
    expect(cmd?.description()).toBe(entry!.summary);
    expect(cmd?.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(' ')).toBe(entry!.args);
  });

  it('--help lists every command with its summary', async () => {
    const r = await runMain(['--help'], { cwd: process.cwd(), env: {} });
    expect(r.code).toBe(0);
    for (const [name, e] of Object.entries(COMMANDS)) expect(r.stdout.replace(/\s+/g, ' ')).toContain(`${name}${e.args === '' ? '' : ` ${e.args}`} ${e.summary}`);
  });

  it('help CMD shows that command\'s own options', async () => {
    const r = await runMain(['help', 'apply'], { cwd: process.cwd(), env: {} });
    expect(r.stdout).toContain('--allow-destructive');
  });
});
