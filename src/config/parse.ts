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
  const done = (desired: DesiredState | null = null): ParseResult => ({ desired, diagnostics: sortDiagnostics(sink.items) });
  const top = { file, line: 1, col: 1 };

  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) return fileTooLarge(file, bytes);

  const read = readYaml(text, file, sink);
  if (read === null) return done();
  const { value, map } = read;
  if (value === null || value === undefined) {
    sink.error('empty-file', 'the file is empty', top, 'start with `databases:`; see examples/notion.schema.yaml');
    return done();
  }

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
    return done();
  }

  const raw = expanded.value as RawFile;
  checkSemantics(raw, map, sink);
  if (sink.hasErrors) return done();
  const hash = createHash('sha256').update(text, 'utf8').digest('hex');
  return done(normalize(raw, { file, hash }, map));
}
