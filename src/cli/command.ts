import type { Command } from 'commander';
import type { CommandContext } from './context.js';

/**
 * One CLI command. `register` adds it to the program; its action must call
 * `run(handler)` so that errors and exit codes flow through `main`.
 */
export interface CommandModule {
  register(program: Command, run: (handler: (ctx: CommandContext) => Promise<number>) => Promise<void>): void;
}
