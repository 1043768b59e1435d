import type { DiagnosticSink } from './diagnostics.js';
import { fastLoad, fastLoadBytes, MAX_DEPTH, type FastLoad } from './fast-load.js';
import type { SourceLocation } from '../model/common.js';
import { byteLineIndex, type ByteText } from './byte-text.js';
import { lineIndex } from './line-index.js';
import { createIndexedSourceMap, maxAliasExpansions } from './source-index.js';
import { yamlLib } from './lazy-yaml.js';
import { scalarOffset } from './scalar-offset.js';
import { createSourceMap, type SourceMap } from './source-map.js';
import { documentAliasExpansions } from './yaml-aliases.js';
import { duplicateKeys, yamlHint, yamlMessage, type DuplicateKey } from './yaml-problems.js';

/**
 * How often one anchored mapping or list may be expanded by aliases (guards against alias
 * bombs): at most this many times, expansions inside expansions included.
 */
export const MAX_ALIAS_COUNT = 100;

/** The parsed value and where each of its parts is in the file; null when the YAML is unusable (reported). */
/** `printable`: the text was checked to hold no control character but tab and line breaks. */
export type YamlRead = { readonly value: unknown; readonly map: SourceMap; readonly printable: boolean } | null;

const ALIAS_HINT = 'anchors and aliases are limited to guard against alias bombs; write the repeated parts out';

/**
 * Reads the YAML: the fast path (fast-load.ts: a hand-written reader for the usual subset, else
 * js-yaml with a position index), linear in the text; anything
 * that path does not describe exactly, and every syntax error, is read by the `yaml` package
 * instead, which reports it exactly as before (message, code, position).
 */
export function readYaml(text: string | (() => string), file: string, sink: DiagnosticSink, bytes?: ByteText | null): YamlRead {
  const top = { file, line: 1, col: 1 };
  const whole = typeof text === 'string' ? () => text : text;
  // Directives (`%YAML 1.1`) change how `yaml` reads a file: leave them to it.
  const fast = /^%/m.test(bytes?.s ?? whole()) ? { kind: 'fallback' as const, reason: 'directive' }
    : bytes === undefined || bytes === null ? fastLoad(whole(), bytes) : fastLoadBytes(bytes, whole);
  if (fast.kind === 'too-deep') {
    sink.error('too-deep', `the YAML nests deeper than ${MAX_DEPTH} levels`, lineIndex(whole(), file)(fast.offset),
      `a schema file needs about 10 levels; nesting this deep is refused to guard against resource exhaustion`);
    return null;
  }
  if (fast.kind === 'fallback') return readWithYaml(whole(), file, sink);
  const map = fastSourceMap(fast, whole, file);
  const expansions = fast.index.aliases === 0 ? 0 : maxAliasExpansions(fast.value, fast.index);
  if (expansions > MAX_ALIAS_COUNT) {
    sink.error('too-many-aliases', `too many alias expansions (more than ${MAX_ALIAS_COUNT})`, top, ALIAS_HINT);
    return null;
  }
  return { value: fast.value, map: withScalarPositions(map, whole), printable: fast.printable === true };
}

/** The source map of a fast read of `text`: locations in the text's lines and UTF-16 columns. */
export function fastSourceMap(fast: Extract<FastLoad, { kind: 'ok' }>, text: string | (() => string), file: string): SourceMap {
  let textLines: ((offset: number) => SourceLocation) | undefined;
  // The text's own lines only when asked (a byte read may never decode the text).
  const lines = (offset: number): SourceLocation => (textLines ??= lineIndex(typeof text === 'string' ? text : text(), file))(offset);
  // Read as bytes: the index's offsets are byte offsets, located in the text's UTF-16 columns.
  const at = fast.bytes === undefined ? lines : byteLineIndex(fast.bytes, file, lineIndex(fast.bytes.s, file));
  return createIndexedSourceMap(fast.value, fast.index, at, lines);
}

/** The `yaml` Document path: positions of every node, all syntax errors and warnings. */
function readWithYaml(text: string, file: string, sink: DiagnosticSink): YamlRead {
  const top = { file, line: 1, col: 1 };
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
  const map = createSourceMap(doc, lineCounter, file);
  let syntaxBroken = false;
  const duplicates = doc.errors.some((e) => e.code === 'DUPLICATE_KEY') ? duplicateKeys(doc) : new Map<number, DuplicateKey>();
  for (const e of doc.errors) {
    const loc = map.offset(e.pos[0]);
    const dup = e.code === 'DUPLICATE_KEY' ? duplicates.get(e.pos[0]) : undefined;
    if (e.code === 'DUPLICATE_KEY') {
      const where = dup ? ` (first on line ${map.offset(dup.first).line})` : '';
      sink.error('duplicate-key', `duplicate key "${dup?.key ?? text.slice(e.pos[0], e.pos[1])}"${where}`, loc, yamlHint(e));
    } else {
      syntaxBroken = true;
      sink.error('yaml-syntax', `YAML syntax error: ${yamlMessage(e)}`, loc, yamlHint(e));
    }
  }
  for (const w of doc.warnings) sink.warn('yaml-warning', w.message.split('\n')[0] ?? w.code, map.offset(w.pos[0]));
  if (syntaxBroken) return null;
  // Counted as on the fast path (100 expansions allowed, the 101st refused), then expanded in full.
  if (documentAliasExpansions(doc) > MAX_ALIAS_COUNT) {
    sink.error('too-many-aliases', `too many alias expansions (more than ${MAX_ALIAS_COUNT})`, top, ALIAS_HINT);
    return null;
  }
  try {
    return { value: doc.toJS({ maxAliasCount: -1 }), map: withScalarPositions(map, () => text), printable: false };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    sink.error('yaml-syntax', `cannot read the YAML: ${message}`, top, 'check the file with a YAML linter');
    return null;
  }
}

/** Adds `within` (a position inside a scalar, e.g. of a formula error) to a source map. */
function withScalarPositions(map: SourceMap, whole: () => string): SourceMap {
  const offsetOf = (text: string, line: number, col: number): number => {
    let i = 0;
    for (let l = 1; l < line && i >= 0; l++) i = text.indexOf('\n', i) + 1;
    return i + col - 1;
  };
  return {
    at: (path, target) => map.at(path, target),
    offset: (pos) => map.offset(pos),
    entries: (obj, path) => map.entries(obj, path),
    within(path, index) {
      const loc = map.at(path);
      const text = whole();
      return map.offset(scalarOffset(text, offsetOf(text, loc.line, loc.col), index));
    },
  };
}
