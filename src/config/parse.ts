import { isAscii } from 'node:buffer';
import { sha256 } from '../fs/sha256.js';
import { byteTextOf } from './byte-text.js';
import type { Diagnostic } from '../model/common.js';
import type { DesiredState } from '../model/desired.js';
import { DiagnosticSink, sortDiagnostics } from './diagnostics.js';
import { expandEnv } from './env.js';
import { readEnvironments, selectEnvironment } from './environments.js';
import type { EnvironmentSelection, EnvironmentSpec } from '../model/environment.js';
import type { SourceMap } from './source-map.js';
import { normalize } from './normalize.js';
import { pruneForSemantics } from './prune.js';
import type { RawFile } from './raw.js';
import { checkSemantics } from './semantic.js';
import { controlCharacters, mayHoldControlCharacters } from './semantic-limits.js';
import { MAX_ALIAS_COUNT, readYaml, type YamlRead } from './read-yaml.js';
import { checkStructure } from './structural.js';
import { mergeFiles, type ReadFile } from './multi-file.js';
import { sourcesHash } from './source-hash.js';

/** Files larger than this are refused before parsing. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export { MAX_ALIAS_COUNT };

/** Options for parsing a schema file. */
export interface ParseOptions {
  /** Variables for `${VAR}` expansion; default: none (pure). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The environment to use (`--env NAME`) when the file declares `environments:`; its `vars`
   * are read before `env`. Default: the file's `default: true` one, or its only one.
   */
  readonly environment?: string;
  /** False: no error when no environment can be chosen (validate checks each in turn). Default true. */
  readonly requireEnvironment?: boolean;
  /** False: `DesiredState.hash` is `''` and the file is not hashed (validate, which never uses it). Default true. */
  readonly hash?: boolean;
}

/** The outcome of parsing: the desired state when there is no error, and every diagnostic, sorted by position. */
export interface ParseResult {
  /** Null when any diagnostic is an error. */
  readonly desired: DesiredState | null;
  readonly diagnostics: readonly Diagnostic[];
  /** The environments the file declares (empty: none) and the one chosen (null: none declared, or none chosen). */
  readonly environments?: { readonly declared: readonly EnvironmentSpec[]; readonly selection: EnvironmentSelection | null };
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

  return parseRead(readYaml(text, file, sink), { file, hash: () => sha256().update(text, 'utf8').digest('hex'), text }, opts, sink);
}

/** The rest of parsing one file once its YAML is read (null: unusable, reported). */
function parseRead(read: YamlRead, meta: { readonly file: string; readonly hash: () => string; readonly text: string }, opts: ParseOptions, sink: DiagnosticSink): ParseResult {
  if (read === null) return finish(sink);
  const { value, map } = read;
  if (value === null || value === undefined) {
    sink.error('empty-file', 'the file is empty', { file: meta.file, line: 1, col: 1 }, 'start with `databases:`; see examples/notion.schema.yaml');
    return finish(sink);
  }
  return parseValue(value, map, { file: meta.file, hash: meta.hash, texts: [{ text: meta.text, printable: read.printable }] }, opts, sink);
}

/**
 * parseSchemaText of a file's bytes (valid UTF-8: the caller checks), without decoding them: an
 * ASCII file is its own text, read as latin1 (a copy); any other is read as its bytes
 * (byte-text.ts), so that its strings are not all two bytes per character, and decoded only if
 * the YAML leaves the fast path or a diagnostic points inside a scalar. The hash is of the bytes,
 * which are the text's UTF-8: the same as parseSchemaText's.
 */
export function parseSchemaBytes(bytes: Buffer, file: string, opts: ParseOptions = {}): ParseResult {
  if (bytes.length > MAX_FILE_BYTES) return fileTooLarge(file, bytes.length);
  const sink = new DiagnosticSink();
  if (isAscii(bytes)) {
    const text = bytes.toString('latin1');
    return parseRead(readYaml(text, file, sink, null), { file, hash: () => sha256().update(bytes).digest('hex'), text }, opts, sink);
  }
  const asBytes = byteTextOf(bytes);
  let decoded: string | undefined;
  const read = readYaml(() => (decoded ??= bytes.toString('utf8')), file, sink, asBytes);
  // `$`, backslashes and C0 control characters are ASCII: the byte text holds them where the text does.
  return parseRead(read, { file, hash: () => sha256().update(bytes).digest('hex'), text: asBytes.s }, opts, sink);
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
  return parseValue(merged.value, merged.map, { file: name, hash, texts: sources.map((s, i) => ({ text: s.text, printable: reads[i]?.printable === true })) }, opts, sink);
}

const baseName = (file: string): string => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);

const finish = (sink: DiagnosticSink, desired: DesiredState | null = null, environments?: ParseResult['environments']): ParseResult =>
  ({ desired, diagnostics: sortDiagnostics(sink.items), ...(environments !== undefined ? { environments } : {}) });

/** Validation and normalisation of a read value (one file, or the merged files of a directory). */
function parseValue(
  value: unknown, map: SourceMap, meta: { readonly file: string; readonly hash: () => string; readonly texts: readonly { readonly text: string; readonly printable: boolean }[] }, opts: ParseOptions, sink: DiagnosticSink,
): ParseResult {
  const top = { file: meta.file, line: 1, col: 1 };
  // The environments section is never expanded (token_env names a variable; vars are the values).
  const rawEnvs = isObject(value) && Object.hasOwn(value, 'environments') ? value['environments'] : undefined;
  const vars = varsOf(rawEnvs, opts.environment);
  // One walk expands variables and finds control characters (in the expanded values; the
  // environments section, which is not expanded, is looked through after the rest). Every string
  // of the value is made of its texts' characters but for escapes: without a `$`, a backslash or
  // a control character in the texts, the walk would find nothing, and is skipped.
  const dollar = meta.texts.some((t) => t.text.includes('$'));
  const controls = meta.texts.some((t) => mayHoldControlCharacters(t.text, t.printable));
  const control = controlCharacters();
  const expanded = dollar || controls ? expandEnv(withoutEnvironments(value), { ...(opts.env ?? {}), ...vars }, control) : { value: withoutEnvironments(value), problems: [] };
  const whole = rawEnvs === undefined ? expanded.value : { ...(expanded.value as Record<string, unknown>), environments: rawEnvs };
  for (const p of expanded.problems) sink.error(p.code, p.message, map.at(p.path), p.hint);
  if (rawEnvs !== undefined && controls) control.walk(rawEnvs, ['environments']);
  control.report(map, sink);
  const envPaths = expanded.problems.map((p) => p.path);
  const structural = checkStructure(whole, map, envPaths);
  for (const d of structural.diagnostics) sink.items.push(d);
  const environments = structural.paths.some((p) => p[0] === 'environments') ? undefined : chooseEnvironment(rawEnvs, map, sink, opts, top);
  if (sink.hasErrors) {
    // Still apply the semantic rules to the sound parts, so every problem shows at once.
    const pruned = pruneForSemantics(expanded.value, [...structural.paths, ...envPaths]);
    if (pruned) checkSemantics(pruned.file, map, sink, pruned);
    return finish(sink, null, environments);
  }

  const raw = expanded.value as RawFile;
  checkSemantics(raw, map, sink);
  if (sink.hasErrors) return finish(sink, null, environments);
  return finish(sink, normalize(raw, { file: meta.file, hash: opts.hash === false ? '' : meta.hash() }, map), environments);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function withoutEnvironments(value: unknown): unknown {
  if (!isObject(value) || !Object.hasOwn(value, 'environments')) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k !== 'environments') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The string `vars` of the environment that will be chosen (read leniently: structure is checked later). */
function varsOf(rawEnvs: unknown, requested: string | undefined): Record<string, string> {
  if (!isObject(rawEnvs)) return {};
  const entries = Object.entries(rawEnvs).filter((e): e is [string, Record<string, unknown>] => isObject(e[1]));
  const chosen = requested !== undefined
    ? entries.find(([name]) => name === requested)
    : entries.find(([, e]) => e['default'] === true) ?? (Object.keys(rawEnvs).length === 1 ? entries[0] : undefined);
  const vars = chosen?.[1]['vars'];
  if (!isObject(vars)) return {};
  return Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function chooseEnvironment(
  rawEnvs: unknown, map: SourceMap, sink: DiagnosticSink, opts: ParseOptions, top: { file: string; line: number; col: number },
): ParseResult['environments'] {
  const declared = readEnvironments(rawEnvs, map, sink);
  if (declared === null) {
    if (opts.environment !== undefined) {
      sink.error('env-unknown', `--env ${opts.environment}: the file declares no environments`, top,
        'declare it at the top of the file: `environments: { staging: { token_env: NOTION_TOKEN_STAGING } }` (docs/schema-format.md), or drop --env');
    }
    return { declared: [], selection: null };
  }
  const chosen = selectEnvironment(declared, opts.environment);
  if ('problem' in chosen) {
    if (opts.requireEnvironment !== false || opts.environment !== undefined) sink.error('env-unknown', chosen.problem, map.at(['environments'], 'key'), chosen.hint);
    return { declared, selection: null };
  }
  return { declared, selection: chosen };
}
