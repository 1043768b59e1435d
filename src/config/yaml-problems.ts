import type { Document, YAMLError } from 'yaml';
import { yamlLib } from './lazy-yaml.js';

/** Hints for the YAML parser's error codes; the rest get a generic hint. */
const HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  BAD_INDENT: 'align the entries of a mapping or list at the same column',
  MISSING_CHAR: 'a quote or bracket is not closed; check the line above too',
  BLOCK_AS_IMPLICIT_KEY: 'a value containing ": " must be quoted, e.g. title: "Time: start"',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; quote it or check the indentation',
  UNEXPECTED_TOKEN: 'check the punctuation here; quote values that start with a special character (@, `, %, *, &, !)',
  BAD_ALIAS: 'an alias (*name) must refer to an anchor (&name) defined earlier in the file',
  DUPLICATE_KEY: 'each key may appear only once in a mapping; remove or merge the duplicate',
};

/** The parser's message without its trailing " at line L, column C:" and code excerpt. */
export function yamlMessage(e: YAMLError): string {
  const first = e.message.split('\n')[0] ?? e.code;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

export function yamlHint(e: YAMLError): string {
  return HINTS[e.code] ?? 'fix the YAML syntax at this position';
}

/** A repeated key: its text, and the offsets of the repeat and of the first occurrence. */
export interface DuplicateKey {
  readonly key: string;
  readonly at: number;
  readonly first: number;
}

/** Every repeated scalar key in every mapping of `doc`, keyed by the repeat's offset. */
export function duplicateKeys(doc: Document): Map<number, DuplicateKey> {
  const { isMap, isScalar, visit } = yamlLib();
  const out = new Map<number, DuplicateKey>();
  visit(doc, {
    Map(_, node) {
      if (!isMap(node)) return;
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, pair.key.range[0]);
        else out.set(pair.key.range[0], { key, at: pair.key.range[0], first });
      }
    },
  });
  return out;
}
