import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The migration journal: `.notion-schema/migrations/<id>.jsonl`, append-only, one JSON object per
 * line, each line fsync'd before the run goes on. It records every page rewritten (per pass), so
 * a resumed run reports honest counts; correctness does not depend on it (a resumed run re-reads
 * the live state and skips pages that already hold the new value).
 *
 * A line cut short by a crash is ignored when read.
 */
export type JournalEntry =
  | { readonly t: 'start'; readonly id: string; readonly spec: unknown; readonly at: string; readonly info?: Readonly<Record<string, string>> }
  | { readonly t: 'pass'; readonly pass: number; readonly label: string; readonly at: string }
  | { readonly t: 'page'; readonly pass: number; readonly page: string }
  | { readonly t: 'round'; readonly pass: number; readonly round: number; readonly found: number; readonly toWrite: number }
  | { readonly t: 'schema'; readonly action: string; readonly at: string }
  | { readonly t: 'done'; readonly at: string };

/** `.notion-schema/migrations/<id>.jsonl` under a state directory (`.notion-schema` beside the schema file). */
export function migrationJournalPath(stateDir: string, id: string): string {
  return path.join(stateDir, 'migrations', `${id}.jsonl`);
}

/** Reads a journal (missing file: no entries). */
export function readJournal(file: string): JournalEntry[] {
  if (!existsSync(file)) return [];
  const out: JournalEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as JournalEntry);
    } catch {
      // a torn last line from a crash
    }
  }
  return out;
}

/** Pages recorded per pass. */
export function pagesByPass(entries: readonly JournalEntry[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const e of entries) {
    if (e.t !== 'page') continue;
    const set = out.get(e.pass) ?? new Set<string>();
    set.add(e.page);
    out.set(e.pass, set);
  }
  return out;
}

export interface JournalWriter {
  readonly path: string;
  append(entry: JournalEntry): void;
  close(): void;
}

/** Opens (creating if needed) a journal for appending. A torn last line is terminated first. */
export function openJournalWriter(file: string): JournalWriter {
  mkdirSync(path.dirname(file), { recursive: true });
  const torn = existsSync(file) && (() => {
    const text = readFileSync(file, 'utf8');
    return text !== '' && !text.endsWith('\n');
  })();
  const fd = openSync(file, 'a');
  if (torn) writeSync(fd, '\n');
  return {
    path: file,
    append(entry) {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    },
    close() {
      closeSync(fd);
    },
  };
}
