// PLACEHOLDER: replaced by the issue that owns the `validate` command.
import type { CommandModule } from '../command.js';

export const validateCommand: CommandModule = {
  register(program, run) {
    program
      .command('validate')
      .description('(not implemented yet)')
      .action(() => run(async (ctx) => {
        ctx.io.stderr('validate: not implemented yet\n');
        return 1;
      }));
  },
};
