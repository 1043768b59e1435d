// PLACEHOLDER: replaced by the issue that owns the `emulator` command.
import type { CommandModule } from '../command.js';

export const emulatorCommand: CommandModule = {
  register(program, run) {
    program
      .command('emulator')
      .description('(not implemented yet)')
      .action(() => run(async (ctx) => {
        ctx.io.stderr('emulator: not implemented yet\n');
        return 1;
      }));
  },
};
