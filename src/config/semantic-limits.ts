/**
 * Rules for what Notion would reject mid-apply (docs/schema-format.md, "Validation rules"): each
 * reports a diagnostic with its file position and a hint. Pure; each linear in what it checks.
 */
import type { SourceLocation } from '../model/common.js';
import type { DiagnosticSink } from './diagnostics.js';
import { FORMULA_FUNCTIONS, parseFormula } from './formula-parse.js';
import type { Path, RawFile, RawOption } from './raw.js';
import type { StringCheck } from './env.js';
import { estimateSchemaBytes } from './schema-size.js';
import type { SourceMap } from './source-map.js';
import { closest } from './suggest.js';
import { isUuid, normalizeUuid } from './uuid.js';

/** Most options one select, multi-select or status property may have (notion-api.md §2.3). */
export const MAX_OPTIONS = 100;
/** Longest content of one rich text item, in UTF-16 units (notion-api.md §5.2). */
export const RICH_TEXT_ITEM_LIMIT = 2000;
/** Most items of one rich text array (notion-api.md §5.2: any array holds at most 100). */
export const RICH_TEXT_ITEMS_LIMIT = 100;
/** Largest request body Notion accepts, in bytes (notion-api.md §5.2: 500 KB, counted here as 500,000). */
export const REQUEST_BODY_LIMIT = 500_000;

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const codePoint = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** More than MAX_OPTIONS options: reported at the first option past the limit. */
export function checkOptionCount(options: readonly RawOption[], path: Path, name: string, map: SourceMap, sink: DiagnosticSink): void {
  if (options.length <= MAX_OPTIONS) return;
  sink.error('too-many-options', `property "${name}" has ${options.length} options; Notion allows at most ${MAX_OPTIONS}`,
    map.at([...path, MAX_OPTIONS, 'name']), `remove ${options.length - MAX_OPTIONS} option${options.length - MAX_OPTIONS === 1 ? '' : 's'}, or split them over two properties`);
}

/** A formula Notion cannot parse: the first syntax error, at its position inside the expression. */
export function checkFormulaSyntax(expression: string, path: Path, name: string, map: SourceMap, sink: DiagnosticSink): boolean {
  const parsed = parseFormula(expression);
  const inside = (index: number): SourceLocation => map.within?.(path, index) ?? map.at(path);
  if (parsed.error !== null) {
    sink.error('formula-syntax', `formula of "${name}" cannot be parsed: ${parsed.error.message} (at character ${parsed.error.index + 1})`,
      inside(parsed.error.index), 'check brackets, quotes and operators; property references are written prop("Name")');
  }
  for (const f of parsed.unknownFunctions) {
    const mean = closest(f.name, [...FORMULA_FUNCTIONS]);
    sink.warn('formula-unknown-function', `formula of "${name}" calls ${f.name}(), which is not a Notion formula function`,
      inside(f.index), mean !== undefined ? `did you mean ${mean}()?` : 'see Notion\'s list of formula functions');
  }
  return parsed.error === null;
}

/** The UTF-8 bytes of `text` as a rich text request array (items of 2,000 units, each with its JSON wrapper). */
function richTextBytes(text: string): number {
  const items = Math.ceil(text.length / RICH_TEXT_ITEM_LIMIT);
  return Buffer.byteLength(JSON.stringify(text), 'utf8') + items * '{"type":"text","text":{"content":},'.length;
}

interface TextField { readonly path: Path; readonly what: string; readonly text: string | undefined }

/**
 * Titles and descriptions go out as rich text arrays of items of 2,000 characters, at most 100
 * items; a create request (title, description and, for a data source, its properties) must stay
 * within 500 KB.
 */
export function checkRequestSizes(file: RawFile, map: SourceMap, sink: DiagnosticSink): void {
  const maxChars = RICH_TEXT_ITEM_LIMIT * RICH_TEXT_ITEMS_LIMIT;
  const check = (fields: readonly TextField[], objectPath: Path, label: string, extraBytes: number): void => {
    let bytes = extraBytes;
    for (const f of fields) {
      if (f.text === undefined) continue;
      bytes += richTextBytes(f.text);
      if (f.text.length > maxChars) {
        sink.error('rich-text-too-long', `the ${f.what} of ${label} is ${f.text.length.toLocaleString('en-US')} characters; Notion takes at most ${RICH_TEXT_ITEMS_LIMIT} rich text items of ${RICH_TEXT_ITEM_LIMIT.toLocaleString('en-US')} characters (${maxChars.toLocaleString('en-US')})`,
          map.at(f.path), `shorten the ${f.what}`);
      }
    }
    if (bytes > REQUEST_BODY_LIMIT) {
      sink.error('request-too-large', `creating ${label} would send about ${(bytes / 1000).toFixed(0)} KB; Notion refuses request bodies over 500 KB`,
        map.at(objectPath, 'key'), 'shorten its title and description');
    }
  };
  for (const [dbKey, db] of Object.entries(file.databases)) {
    const dbPath: Path = ['databases', dbKey];
    check([{ path: [...dbPath, 'title'], what: 'title', text: db.title }, { path: [...dbPath, 'description'], what: 'description', text: db.description }],
      dbPath, `database "${dbKey}"`, 0);
    for (const [dsKey, ds] of Object.entries(db.data_sources)) {
      const p: Path = [...dbPath, 'data_sources', dsKey];
      check([{ path: [...p, 'title'], what: 'title', text: ds.title }, { path: [...p, 'description'], what: 'description', text: ds.description }],
        p, `data source "${dbKey}.${dsKey}"`, typeof ds.properties === 'object' ? estimateSchemaBytes(ds.properties) : 0);
    }
  }
}

/** Two databases, or two data sources, bound to the same Notion id: the second is reported, naming the first. */
export function checkDuplicateIds(file: RawFile, map: SourceMap, sink: DiagnosticSink): void {
  const seen = new Map<string, { readonly label: string; readonly path: Path }>();
  const claim = (id: string | undefined, kind: 'database' | 'data source', label: string, path: Path): void => {
    if (id === undefined || !isUuid(id)) return;
    const key = `${kind}:${normalizeUuid(id)}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { label, path });
      return;
    }
    const at = map.at(first.path);
    sink.error('duplicate-id', `${kind} "${label}" has the same id as ${kind} "${first.label}" (line ${at.line}, col ${at.col})`,
      map.at(path), `one Notion ${kind} can be declared once; remove one of them, or correct the id`);
  };
  for (const [dbKey, db] of Object.entries(file.databases)) {
    claim(db.id, 'database', dbKey, ['databases', dbKey, 'id']);
    for (const [dsKey, ds] of Object.entries(db.data_sources)) claim(ds.id, 'data source', `${dbKey}.${dsKey}`, ['databases', dbKey, 'data_sources', dsKey, 'id']);
  }
}

/**
 * False when no value read from `text` can hold a control character: the text has none, and no
 * backslash (the YAML escapes, such as `"\0"`, are the only way to write one otherwise).
 * `printable`: the reader already checked the text for control characters (YamlRead).
 */
export function mayHoldControlCharacters(text: string, printable = false): boolean {
  return text.includes('\\') || (!printable && CONTROL.test(text));
}

/**
 * A control character (NUL, other C0 characters but tab and line breaks, DEL) in any key or
 * string value, e.g. from a `"\0"` escape or a `${VAR}`: Notion refuses or silently drops them.
 * `check` finds them during another walk (expandEnv's); `walk` looks through a value that walk
 * skips (at `prefix`); `report` then adds one diagnostic per hit, in the order they were found.
 */
export function controlCharacters(): StringCheck & { walk(value: unknown, prefix: Path): void; report(map: SourceMap, sink: DiagnosticSink): void } {
  const hits: { readonly s: string; readonly path: Path; readonly target: 'key' | 'value' }[] = [];
  const found = (s: string, path: readonly (string | number)[], target: 'key' | 'value'): void => {
    hits.push({ s, path: [...path], target });
  };
  return {
    pattern: CONTROL,
    found,
    walk(value, prefix) {
      const path: (string | number)[] = [...prefix];
      const walk = (v: unknown): void => {
        if (typeof v === 'string') {
          if (CONTROL.test(v)) found(v, path, 'value');
        } else if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            path.push(i);
            walk(v[i]);
            path.pop();
          }
        } else if (v !== null && typeof v === 'object') {
          for (const k in v) {
            if (!Object.hasOwn(v, k)) continue;
            path.push(k);
            if (CONTROL.test(k)) found(k, path, 'key');
            walk((v as Record<string, unknown>)[k]);
            path.pop();
          }
        }
      };
      walk(value);
    },
    report(map, sink) {
      for (const { s, path, target } of hits) {
        const c = CONTROL.exec(s)?.[0] ?? '';
        const where = target === 'key' ? 'the key' : 'the value';
        sink.error('control-character', `${where} ${JSON.stringify(s)} contains the control character ${codePoint(c)}`,
          map.at(path, target), 'remove it; control characters (other than tab and line breaks) are not allowed in names, titles or descriptions');
      }
    },
  };
}
