// PLACEHOLDER: replaced by the issue that owns the `pull` command.
import type { CommandModule } from '../command.js';

export const pullCommand: CommandModule = {
  register(program, run) {
    program
      .command('pull')
      .description('(not implemented yet)')
      .action(() => run(async (ctx) => {
        ctx.io.stderr('pull: not implemented yet\n');
        return 1;
      }));
  },
};
