import { isAbsolute, resolve } from 'node:path';
import { Option } from 'commander';
import { loadSchemaFile } from '../../config/index.js';
import { UserInputError } from '../../errors.js';
import { migrateLegacyLock } from '../../pipeline/legacy-lock.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../exit-codes.js';

/**
 * `notion-schema migrate-lock [FILE] --env NAME`: moves the single lock file of a project from
 * before environments (`notion-schema.lock.json`) into environment NAME
 * (`notion-schema.NAME.lock.json`), with the local workspace's state for a `local: true` one.
 * Offline: renames files, reads nothing from Notion.
 */
export const migrateLockCommand: CommandModule = {
  register(program, run) {
    program
      .command('migrate-lock')
      .description('move the single lock file (from before environments:) into one environment\'s lock file')
      .argument('[file]', 'schema file (the lock file sits beside it)', 'notion.schema.yaml')
      .addOption(new Option('--env <name>', 'the environment whose workspace the single lock file\'s ids belong to').makeOptionMandatory())
      .addHelpText('after', `
After declaring environments: in the schema file, the ids in notion-schema.lock.json belong to the one
workspace the project used so far. This names it: the file becomes notion-schema.<env>.lock.json; the
other environments start with their own (empty) lock files. Commit the rename.

Examples:
  $ notion-schema migrate-lock --env production
  $ notion-schema migrate-lock schema/crm.yaml --env staging`)
      .action((file: string, flags: { env: string }) => run(async (ctx) => {
        const path = isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
        const loaded = await loadSchemaFile(path, { env: ctx.io.env, displayName: file, environment: flags.env });
        const selected = loaded.environments?.selection?.selected;
        if (selected === undefined) {
          const why = loaded.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('env-') || d.code.startsWith('file-'));
          throw new UserInputError(`nothing was moved: ${file} must declare environment ${flags.env} under environments:`, why);
        }
        const { moved } = await migrateLegacyLock(path, selected.name, selected.local);
        for (const m of moved) ctx.io.stdout(`Moved ${m.from} → ${m.to}\n`);
        ctx.io.stdout(`Environment ${selected.name} now uses ${moved[0]?.to ?? ''}; commit the rename. Other environments start with their own lock files.\n`);
        return EXIT.ok;
      }));
  },
};
