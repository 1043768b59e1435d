// PLACEHOLDER: replaced by the issue that owns the `apply` command.
import type { CommandModule } from '../command.js';

export const applyCommand: CommandModule = {
  register(program, run) {
    program
      .command('apply')
      .description('(not implemented yet)')
      .action(() => run(async (ctx) => {
        ctx.io.stderr('apply: not implemented yet\n');
        return 1;
      }));
  },
};
