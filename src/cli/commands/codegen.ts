// PLACEHOLDER: replaced by the issue that owns the `codegen` command.
import type { CommandModule } from '../command.js';

export const codegenCommand: CommandModule = {
  register(program, run) {
    program
      .command('codegen')
      .description('(not implemented yet)')
      .action(() => run(async (ctx) => {
        ctx.io.stderr('codegen: not implemented yet\n');
        return 1;
      }));
  },
};
