import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The migration journal: `.notion-schema/migrations/<id>.jsonl`, append-only, one JSON object per
 * line, each written before the run goes on (so a killed process loses none: the kernel holds it).
 * Every line but a page's is fsync'd at once; page lines, one per page rewritten, are fsync'd in
 * groups (at most PAGE_SYNC_MS apart, and on close), so a power loss can lose only the last few
 * page lines, never a schema step. It records every page rewritten (per pass), so
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
  | { readonly t: 'schema'; readonly action: string; readonly at: string; /** The property this step added (a conversion's temporary one): found by id on resume. */ readonly property?: string }
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

/** The longest a written page line waits for its fsync (group commit: one fsync per ~250 ms of rewrites, not one per page). */
export const PAGE_SYNC_MS = 250;

/** Opens (creating if needed) a journal for appending. A torn last line is terminated first. */
export function openJournalWriter(file: string): JournalWriter {
  mkdirSync(path.dirname(file), { recursive: true });
  const torn = existsSync(file) && (() => {
    const text = readFileSync(file, 'utf8');
    return text !== '' && !text.endsWith('\n');
  })();
  const fd = openSync(file, 'a');
  if (torn) writeSync(fd, '\n');
  let lastSync = 0;
  let unsynced = false;
  return {
    path: file,
    append(entry) {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      const now = performance.now();
      if (entry.t === 'page' && now - lastSync < PAGE_SYNC_MS) {
        unsynced = true;
        return;
      }
      fsyncSync(fd);
      lastSync = now;
      unsynced = false;
    },
    close() {
      if (unsynced) fsyncSync(fd);
      closeSync(fd);
    },
  };
}
