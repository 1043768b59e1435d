import { createHash } from 'node:crypto';
import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import { DiagnosticSink, sortDiagnostics } from './diagnostics.js';
import { expandEnv } from './env.js';
import { normalize } from './normalize.js';
import { pruneForSemantics } from './prune.js';
import type { RawFile } from './raw.js';
import { checkSemantics } from './semantic.js';
import { checkControlCharacters } from './semantic-limits.js';
import { MAX_ALIAS_COUNT, readYaml } from './read-yaml.js';
import { checkStructure } from './structural.js';
import { mergeFiles, type ReadFile } from './multi-file.js';
import { sourcesHash } from './source-hash.js';
import type { SourceMap } from './source-map.js';

/** Files larger than this are refused before parsing. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export { MAX_ALIAS_COUNT };

/** Options for parsing a schema file. */
export interface ParseOptions {
  /** Variables for `${VAR}` expansion; default: none (pure). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The outcome of parsing: the desired state when there is no error, and every diagnostic, sorted by position. */
export interface ParseResult {
  /** Null when any diagnostic is an error. */
  readonly desired: DesiredState | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** The result for a file over MAX_FILE_BYTES, which is refused unread. */
export function fileTooLarge(file: string, bytes: number): ParseResult {
  return {
    desired: null,
    diagnostics: [{
      severity: 'error', code: 'file-too-large',
      message: `the file is ${(bytes / 1048576).toFixed(1)} MB; schema files are limited to ${MAX_FILE_BYTES / 1048576} MB`,
      hint: 'a schema file this large is almost certainly a mistake; split or trim it',
      location: { file, line: 1, col: 1 },
    }],
  };
}

/**
 * Parses, validates and normalises a schema file's text. Sync and pure (no I/O; env is passed in).
 * Every problem is reported: structural (JSON Schema) ones, and the semantic rules on every part
 * of the file that is structurally sound (a property with a structural error is skipped by the
 * rules that need its settings).
 */
export function parseSchemaText(text: string, file: string, opts: ParseOptions = {}): ParseResult {
  const sink = new DiagnosticSink();
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) return fileTooLarge(file, bytes);

  const read = readYaml(text, file, sink);
  if (read === null) return finish(sink);
  const { value, map } = read;
  if (value === null || value === undefined) {
    sink.error('empty-file', 'the file is empty', { file, line: 1, col: 1 }, 'start with `databases:`; see examples/notion.schema.yaml');
    return finish(sink);
  }
  return parseValue(value, map, { file, hash: () => createHash('sha256').update(text, 'utf8').digest('hex') }, opts, sink);
}

/** One file of a directory schema: its name as reported in diagnostics, and its text. */
export interface SchemaSource {
  readonly file: string;
  readonly text: string;
}

/**
 * Parses the files of a directory schema (given sorted by name) as one schema: see mergeFiles
 * for how they combine. Every diagnostic names its own file; `DesiredState.file` is `name`
 * (the directory) and its hash is `sourcesHash` of the files.
 */
export function parseSchemaSources(sources: readonly SchemaSource[], name: string, opts: ParseOptions = {}): ParseResult {
  const sink = new DiagnosticSink();
  if (sources.length === 0) {
    sink.error('empty-directory', `${name} has no *.yaml or *.yml file`, undefined,
      'a schema directory holds the schema as *.yaml / *.yml files (not in subdirectories); or pass a schema file');
    return finish(sink);
  }
  const reads: ReadFile[] = [];
  for (const s of sources) {
    const bytes = Buffer.byteLength(s.text, 'utf8');
    if (bytes > MAX_FILE_BYTES) return fileTooLarge(s.file, bytes);
    const read = readYaml(s.text, s.file, sink);
    if (read !== null) reads.push({ file: s.file, ...read });
  }
  if (reads.length < sources.length) return finish(sink);
  const merged = mergeFiles(reads, sink);
  const hash = (): string => sourcesHash(sources.map((s) => ({ name: baseName(s.file), bytes: Buffer.from(s.text, 'utf8') })));
  return parseValue(merged.value, merged.map, { file: name, hash }, opts, sink);
}

const baseName = (file: string): string => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);

const finish = (sink: DiagnosticSink, desired: DesiredState | null = null): ParseResult =>
  ({ desired, diagnostics: sortDiagnostics(sink.items) });

/** Validation and normalisation of a read value (one file, or the merged files of a directory). */
function parseValue(
  value: unknown, map: SourceMap, meta: { readonly file: string; readonly hash: () => string }, opts: ParseOptions, sink: DiagnosticSink,
): ParseResult {
  const expanded = expandEnv(value, opts.env ?? {});
  for (const p of expanded.problems) sink.error(p.code, p.message, map.at(p.path), p.hint);
  checkControlCharacters(expanded.value, map, sink);
  const envPaths = expanded.problems.map((p) => p.path);
  const structural = checkStructure(expanded.value, map, envPaths);
  sink.items.push(...structural.diagnostics);
  if (sink.hasErrors) {
    // Still apply the semantic rules to the sound parts, so every problem shows at once.
    const pruned = pruneForSemantics(expanded.value, [...structural.paths, ...envPaths]);
    if (pruned) checkSemantics(pruned.file, map, sink, pruned);
    return finish(sink);
  }

  const raw = expanded.value as RawFile;
  checkSemantics(raw, map, sink);
  if (sink.hasErrors) return finish(sink);
  return finish(sink, normalize(raw, { file: meta.file, hash: meta.hash() }, map));
}
