import { writeFileAtomic } from '../../fs/atomic-write.js';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { Option } from 'commander';
import type { CommandModule } from '../command.js';
import type { CommandContext, TargetOverrides } from '../context.js';
import { envOption, projectContext } from '../environment.js';
import { loadDesiredState } from '../../config/index.js';
import type { CodegenIds } from '../../codegen/index.js';
import type { DesiredState } from '../../model/desired.js';
import type { LockFile } from '../../model/lock.js';
import { readLockFile } from '../../notion/lock-file.js';
import { readLiveState } from '../../notion/read-live-state.js';
import { UserInputError } from '../../errors.js';
import { TOOL_VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticText } from '../../render/diagnostic.js';

interface CodegenFlags {
  readonly out?: string;
  readonly check?: boolean;
  readonly fromLive?: boolean;
  readonly env?: string;
}

/** Data source ids from the lock file, keyed by ref. */
export function idsFromLock(lock: LockFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [dbKey, db] of Object.entries(lock.databases)) {
    for (const [dsKey, id] of Object.entries(db.data_sources)) out[`${dbKey}.${dsKey}`] = id;
  }
  return out;
}

/** Adds live data source and property ids (matched by name, then by `renamed_from`). */
async function idsFromLive(ctx: CommandContext, overrides: TargetOverrides, desired: DesiredState, lock: LockFile, ids: { dataSources: Record<string, string | null>; properties: Record<string, Record<string, string>> }): Promise<void> {
  const target = await ctx.openTarget(overrides);
  try {
    const { live, warnings } = await readLiveState(target.client, desired, lock, { fingerprints: false });
    for (const w of warnings) ctx.io.stderr(diagnosticText(w, ctx.colors) + '\n');
    for (const db of desired.databases) {
      for (const ds of db.data_sources) {
        const bound = live.data_sources.get(ds.ref);
        if (!bound) {
          ctx.io.stderr(`${ctx.colors.yellow('warning')}: data source ${ds.ref} does not exist yet (run notion-schema apply); its properties are addressed by name\n`);
          continue;
        }
        ids.dataSources[ds.ref] = bound.live.id;
        const byName = new Map(bound.live.properties.map((p) => [p.name, p.id]));
        // Null prototype: a property named "__proto__" stays an own key.
        const props: Record<string, string> = Object.create(null) as Record<string, string>;
        for (const p of ds.properties) {
          const id = [p.name, ...p.renamed_from].map((n) => byName.get(n)).find((x) => x !== undefined);
          if (id !== undefined) props[p.name] = id;
        }
        ids.properties[ds.ref] = props;
      }
    }
  } finally {
    await target.close();
  }
}

/**
 * `notion-schema codegen [FILE] --out FILE.ts [--check] [--from-live]`: writes typed rows,
 * id constants, `parse*` and `*ToProperties` for every data source. `--check` exits 2 when the
 * file on disk is out of date (for CI).
 */
export const codegenCommand: CommandModule = {
  register(program, run) {
    program
      .command('codegen')
      .description('generate TypeScript row types, id constants, parse and toProperties helpers from the schema file')
      .argument('[file]', 'schema file, or a directory of *.yaml files', 'notion.schema.yaml')
      .addOption(new Option('--out <file.ts>', 'the TypeScript file to write (or to compare with --check)'))
      .addOption(new Option('--check', 'do not write: exit 2 if the file on disk is out of date'))
      .addOption(envOption())
      .addOption(new Option('--from-live', 'also embed property ids read from Notion (otherwise data source ids come from the lock file only)'))
      .addHelpText('after', `
The output needs no runtime dependency: it imports only types from @notionhq/client.
Data source ids come from notion-schema.lock.json beside the schema file; --from-live adds property ids,
so the generated code addresses properties by id and survives renames made in Notion.

Examples:
  $ notion-schema codegen --out src/notion-schema.ts
  $ notion-schema codegen examples/notion.schema.yaml --out src/generated/notion.ts --from-live
  $ notion-schema codegen --out src/notion-schema.ts --check   # in CI

Exit codes: 0 written or up to date, 1 error, 2 out of date (--check).`)
      .action((file: string, flags: CodegenFlags) => run(async (ctx) => {
        if (!flags.out) {
          throw new UserInputError('codegen needs --out FILE.ts: the TypeScript file to write (or to compare with --check)');
        }
        const schemaPath = isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
        const outPath = isAbsolute(flags.out) ? flags.out : resolve(ctx.io.cwd, flags.out);
        const { desired, warnings, environment } = await loadDesiredState(schemaPath, {
          env: ctx.io.env, displayName: file, ...(flags.env !== undefined ? { environment: flags.env } : {}),
        });
        for (const w of warnings) ctx.io.stderr(diagnosticText(w, ctx.colors) + '\n');
        const project = projectContext(schemaPath, file, environment);
        const lock = await readLockFile(project.layout.lockPath);
        const ids: CodegenIds & { dataSources: Record<string, string | null>; properties: Record<string, Record<string, string>> } = {
          dataSources: idsFromLock(lock),
          properties: {},
        };
        const current = await readFile(outPath, 'utf8').catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return null;
          throw new UserInputError(`cannot read ${flags.out}: ${e.message}`);
        });
        // Loaded lazily: json-schema-to-typescript is heavy, and every other command would pay for it.
        const { generateCode, FROM_LIVE_HEADER } = await import('../../codegen/index.js');
        // `--check` of a file made with --from-live compares with ids read from the workspace again.
        const fromLive = flags.fromLive === true || (flags.check === true && current !== null && current.includes(`\n${FROM_LIVE_HEADER}\n`));
        if (fromLive) await idsFromLive(ctx, project.overrides, desired, lock, ids);
        const code = await generateCode(desired, { toolVersion: TOOL_VERSION, ids, fromLive });
        const count = desired.databases.reduce((n, db) => n + db.data_sources.length, 0);
        if (flags.check) {
          if (current === code) {
            ctx.io.stdout(`${ctx.colors.green('✓')} ${flags.out} is up to date (${count} data source${count === 1 ? '' : 's'})\n`);
            return EXIT.ok;
          }
          ctx.io.stderr(`${ctx.colors.red('✗')} ${flags.out} is ${current === null ? 'missing' : 'out of date'}: `
            + `run \`notion-schema codegen ${file} --out ${flags.out}${fromLive ? ' --from-live' : ''}\` and commit the result\n`);
          return EXIT.changes;
        }
        if (current !== code) {
          try {
            await writeFileAtomic(outPath, code);
          } catch (e) {
            const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
            throw new UserInputError(`--out ${flags.out}: cannot write the generated file (${why}); pass a path in a writable directory`);
          }
        }
        ctx.io.stdout(`${ctx.colors.green('✓')} ${current === code ? 'unchanged' : 'wrote'} ${flags.out} (${count} data source${count === 1 ? '' : 's'})\n`);
        return EXIT.ok;
      }));
  },
};
