/**
 * config/: reads `notion.schema.yaml` into the immutable desired state.
 * - `parseSchemaText`: sync and pure (text in, desired state + diagnostics out);
 * - `loadSchemaFile`: reads the file, then `parseSchemaText`;
 * - `loadDesiredState`: as `loadSchemaFile`, but throws `UserInputError` (with every diagnostic) on any error.
 */
// Synchronous reads: node:fs is loaded at start, node:fs/promises would cost a cold `validate` several
// milliseconds to load, and a CLI reading its one schema has nothing to overlap with the reads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import type { EnvironmentSelection } from '../model/environment.js';
import { invalidUtf8 } from './utf8.js';
import { fileTooLarge, MAX_FILE_BYTES, parseSchemaBytes, parseSchemaSources, type ParseOptions, type ParseResult, type SchemaSource } from './parse.js';
import { fileHash, sourcesHash } from './source-hash.js';

export { parseSchemaSources, type SchemaSource } from './parse.js';
export { parseSchemaText, MAX_FILE_BYTES, MAX_ALIAS_COUNT, type ParseOptions, type ParseResult } from './parse.js';
export { buildJsonSchema, SCHEMA_ID } from './json-schema.js';
export { isUuid, normalizeUuid } from './uuid.js';
export { estimateSchemaBytes, SCHEMA_SIZE_LIMIT, SCHEMA_SIZE_WARNING } from './schema-size.js';
export { selectEnvironment } from './environments.js';
export { DEFAULT_STATUS_OPTIONS } from './normalize.js';

/** Options for loading a schema file from disk. */
export interface LoadOptions extends ParseOptions {
  /**
   * The name to report the file by (in messages, diagnostic locations and `DesiredState.file`),
   * typically the path as the user typed it; default: `path`.
   */
  readonly displayName?: string;
}

/** Reads and parses a schema file. A missing or unreadable file is reported as a diagnostic, not thrown. */
export async function loadSchemaFile(path: string, opts: LoadOptions = {}): Promise<ParseResult> {
  const shown = opts.displayName ?? path;
  const fail = (code: string, message: string, hint: string): ParseResult =>
    ({ desired: null, diagnostics: [{ severity: 'error', code, message, hint }] });
  try {
    const s = statSync(path);
    if (s.isDirectory()) return await loadSchemaDirectory(path, shown, opts);
    if (!s.isFile()) return fail('file-unreadable', `${shown} is not a file`, 'pass the path of a notion.schema.yaml file, or of a directory of *.yaml files');
    if (s.size > MAX_FILE_BYTES) {
      return fileTooLarge(shown, s.size);
    }
    const bytes = readFileSync(path);
    // One clear error (not U+FFFD in the text): and the plan's schema_hash, of the decoded text,
    // is then always the hash of the file's bytes, which `apply --plan` checks.
    const bad = invalidUtf8(bytes, shown);
    if (bad !== null) return { desired: null, diagnostics: [bad] };
    return parseSchemaBytes(bytes, shown, parseOptions(opts));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return fail('file-not-found', `schema file ${shown} not found`,
        'pass the schema file path (default: notion.schema.yaml in the current directory); see examples/notion.schema.yaml');
    }
    const reason = err instanceof Error ? err.message.replaceAll(path, shown) : String(err);
    return fail('file-unreadable', `cannot read ${shown}: ${reason}`, 'check the path and its permissions');
  }
}

/** The schema files of a directory: its *.yaml and *.yml files (not in subdirectories), sorted by name. */
export async function schemaFilesIn(dir: string): Promise<string[]> {
  const entries = readdirSync(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How a file of a directory is named in diagnostics: `<dir as shown>/<name>`. */
const inDir = (shown: string, name: string): string => `${shown.replace(/[\\/]+$/, '')}/${name}`;

/** Reads every schema file of a directory and parses them as one schema (parseSchemaSources). */
async function loadSchemaDirectory(dir: string, shown: string, opts: LoadOptions): Promise<ParseResult> {
  const sources: SchemaSource[] = [];
  for (const name of await schemaFilesIn(dir)) {
    const file = inDir(shown, name);
    const full = join(dir, name);
    const size = statSync(full).size;
    if (size > MAX_FILE_BYTES) return fileTooLarge(file, size);
    const bytes = readFileSync(full);
    const bad = invalidUtf8(bytes, file);
    if (bad !== null) return { desired: null, diagnostics: [bad] };
    sources.push({ file, text: bytes.toString('utf8') });
  }
  return parseSchemaSources(sources, shown, parseOptions(opts));
}

/** The parse options of a load: the same for one file and for a directory (its --env included). */
function parseOptions(opts: LoadOptions): ParseOptions {
  return {
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.environment !== undefined ? { environment: opts.environment } : {}),
    ...(opts.requireEnvironment !== undefined ? { requireEnvironment: opts.requireEnvironment } : {}),
    ...(opts.hash !== undefined ? { hash: opts.hash } : {}),
  };
}

/**
 * The schema hash of what is at `path` now (a file, or a directory of files), as the plan's
 * `schema_hash` records it; null when there is nothing there.
 */
export async function schemaHashOf(path: string): Promise<string | null> {
  try {
    const s = statSync(path);
    if (!s.isDirectory()) return fileHash(readFileSync(path));
    const names = await schemaFilesIn(path);
    return sourcesHash(await Promise.all(names.map(async (name) => ({ name, bytes: readFileSync(join(path, name)) }))));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Loads the desired state for a command. Throws `UserInputError` carrying every diagnostic
 * (errors and warnings) when the file has any error; otherwise returns the warnings.
 */
export async function loadDesiredState(
  path: string,
  opts: LoadOptions = {},
): Promise<{ readonly desired: DesiredState; readonly warnings: readonly Diagnostic[]; readonly environment: EnvironmentSelection | null }> {
  const { desired, diagnostics, environments } = await loadSchemaFile(path, opts);
  if (desired === null) {
    const shown = opts.displayName ?? path;
    const errors = diagnostics.filter((d) => d.severity === 'error');
    // A file that could not be read at all: its one diagnostic already says why.
    if (errors.every((d) => d.location === undefined)) throw new UserInputError(`cannot load ${shown}`, diagnostics);
    const n = errors.length;
    throw new UserInputError(`${shown} is invalid (${n} error${n === 1 ? '' : 's'} above); fix ${n === 1 ? 'it' : 'them'}, and check with \`notion-schema validate ${shown}\``, diagnostics);
  }
  return { desired, warnings: diagnostics.filter((d) => d.severity === 'warning'), environment: environments?.selection ?? null };
}
