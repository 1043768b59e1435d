// PLACEHOLDER: replaced by the issue that owns the `plan` command.
import type { CommandModule } from '../command.js';

export const planCommand: CommandModule = {
  register(program, run) {
    program
      .command('plan')
      .description('(not implemented yet)')
      .action(() => run(async (ctx) => {
        ctx.io.stderr('plan: not implemented yet\n');
        return 1;
      }));
  },
};
