import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EmulatorState } from './state-types.js';

/**
 * The state file is a snapshot (`FILE`, the whole state as JSON) plus a journal beside it
 * (`FILE.journal`): a header line naming the snapshot it continues (`{"journal": token}`, the
 * token also stored in the snapshot), then one line per changed object, its whole new value
 * (`{"k": "pages", "id": …, "v": {…} | null}`). Invariants, so a kill at any moment leaves a
 * readable state holding every acknowledged write:
 * - the snapshot and the journal header are replaced only by rename (temp file first);
 * - a journal whose header does not name the snapshot's token is ignored (the snapshot was
 *   replaced after it, and holds everything it said);
 * - lines are replayed in order up to the first incomplete one (a torn append was never acknowledged).
 */
export const JOURNAL_SUFFIX = '.journal';

/** The object maps of the state a journal line may change. */
export type JournalKind = 'databases' | 'data_sources' | 'pages' | 'users' | 'bots' | 'views';
export const JOURNAL_KINDS: readonly JournalKind[] = ['databases', 'data_sources', 'pages', 'users', 'bots', 'views'];

/** Applies the journal beside `file` to `state` (loaded from `file`), in place. */
export function replayJournal(state: EmulatorState, file: string): void {
  const jf = file + JOURNAL_SUFFIX;
  if (state.journal === undefined || !existsSync(jf)) return;
  const text = readFileSync(jf, 'utf8');
  let at = text.indexOf('\n');
  if (at < 0) return;
  try {
    if ((JSON.parse(text.slice(0, at)) as { journal?: unknown }).journal !== state.journal) return;
  } catch {
    return;
  }
  state.views ??= {};
  const maps = state as unknown as Record<JournalKind, Record<string, unknown>>;
  for (let end = text.indexOf('\n', at + 1); end >= 0; at = end, end = text.indexOf('\n', at + 1)) {
    let line: { k?: unknown; id?: unknown; v?: unknown };
    try {
      line = JSON.parse(text.slice(at + 1, end)) as typeof line;
    } catch {
      return;
    }
    if (typeof line.id !== 'string' || !JOURNAL_KINDS.includes(line.k as JournalKind)) return;
    const map = maps[line.k as JournalKind];
    if (line.v === null) delete map[line.id];
    else map[line.id] = line.v;
  }
}

/** Writes `text` to `file` atomically: a temp file (named so removeStaleTempFiles finds it), then rename. */
async function replaceFile(file: string, text: string, tmpName: string): Promise<void> {
  await writeFile(tmpName, text);
  await rename(tmpName, file);
}

/**
 * Writes a fresh snapshot of `state` (with a new token) and an empty journal continuing it.
 * Returns the byte sizes written. `tmp(name)` names a temp file for `name`.
 */
export async function writeSnapshot(state: EmulatorState, file: string, tmp: (name: string) => string): Promise<{ snapshot: number; journal: number }> {
  await mkdir(dirname(file), { recursive: true });
  const token = randomUUID();
  state.journal = token;
  const text = JSON.stringify(state);
  await replaceFile(file, text, tmp(file));
  const header = `${JSON.stringify({ journal: token })}\n`;
  await replaceFile(file + JOURNAL_SUFFIX, header, tmp(file + JOURNAL_SUFFIX));
  return { snapshot: Buffer.byteLength(text), journal: Buffer.byteLength(header) };
}

/** The journal lines of the changed objects (their values now), for `appendJournal`. */
export function journalLines(state: EmulatorState, changed: ReadonlyMap<JournalKind, ReadonlySet<string>>): string {
  state.views ??= {};
  const maps = state as unknown as Record<JournalKind, Record<string, unknown>>;
  let out = '';
  for (const [k, ids] of changed) {
    for (const id of ids) out += `${JSON.stringify({ k, id, v: maps[k][id] ?? null })}\n`;
  }
  return out;
}

/** Appends lines to the journal of `file`. */
export async function appendJournal(file: string, lines: string): Promise<void> {
  await appendFile(file + JOURNAL_SUFFIX, lines);
}
