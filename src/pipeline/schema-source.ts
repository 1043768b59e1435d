import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseSchemaText } from '../config/index.js';
import { UserInputError } from '../errors.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';

const run = promisify(execFile);
const DEFAULT_NAME = 'notion.schema.yaml';

/** A schema file's text and the name it is reported by. */
interface SchemaText {
  readonly text: string;
  readonly name: string;
}

/** `git:REF:PATH` → the file at PATH (relative to the repository root, as `git show` reads it) in REF; a directory means its notion.schema.yaml. */
async function fromGit(spec: string, cwd: string): Promise<SchemaText> {
  const body = spec.slice('git:'.length);
  const colon = body.indexOf(':');
  if (colon <= 0 || colon === body.length - 1) {
    throw new UserInputError(`${spec}: expected git:REF:PATH, e.g. git:main:notion.schema.yaml or git:HEAD~1:schema/`);
  }
  const ref = body.slice(0, colon);
  let path = body.slice(colon + 1).replace(/\/+$/, '');
  const git = async (...args: string[]): Promise<string> => (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
  try {
    const type = (await git('cat-file', '-t', `${ref}:${path}`)).trim();
    if (type === 'tree') path = `${path}/${DEFAULT_NAME}`;
    return { text: await git('show', `${ref}:${path}`), name: `git:${ref}:${path}` };
  } catch (err) {
    const why = ((err as { stderr?: string }).stderr ?? String(err)).trim().split('\n')[0] ?? '';
    throw new UserInputError(`${spec}: cannot read ${path} at ${ref} with git show (${why}); check the ref and that PATH is relative to the repository root`);
  }
}

/** Reads one side of `diff` (or the file of `graph`): a file, a directory (its notion.schema.yaml) or `git:REF:PATH`. */
export async function readSchemaSource(spec: string, cwd: string): Promise<SchemaText> {
  if (spec.startsWith('git:')) return fromGit(spec, cwd);
  let path = isAbsolute(spec) ? spec : resolve(cwd, spec);
  let name = spec;
  try {
    if ((await stat(path)).isDirectory()) { path = join(path, DEFAULT_NAME); name = join(spec, DEFAULT_NAME); }
    return { text: await readFile(path, 'utf8'), name };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserInputError(`${name}: cannot read the schema file (${code}); pass a file, a directory holding ${DEFAULT_NAME}, or git:REF:PATH`);
  }
}

/** Reads and parses one schema; throws UserInputError with every diagnostic when it is invalid. */
export async function loadSchemaSource(spec: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ desired: DesiredState; warnings: readonly Diagnostic[] }> {
  const { text, name } = await readSchemaSource(spec, cwd);
  const parsed = parseSchemaText(text, name, { env });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (parsed.desired === null || errors.length > 0) {
    throw new UserInputError(`${name} is invalid (${errors.length} error${errors.length === 1 ? '' : 's'})`, parsed.diagnostics);
  }
  return { desired: parsed.desired, warnings: parsed.diagnostics.filter((d) => d.severity === 'warning') };
}

/** True when `ref` names a commit of the repository at `cwd`. */
export async function commitExists(ref: string, cwd: string): Promise<boolean> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd });
    return true;
  } catch {
    return false;
  }
}
