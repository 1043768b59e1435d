import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The apply journal: `.notion-schema/journal/<timestamp>.jsonl`, one JSON object per line,
 * appended synchronously so that a crash leaves every line written before it.
 * It records what was done, for the report; re-planning (not the journal) drives convergence.
 */
export interface Journal {
  /** Absolute path, or null when journaling is off. */
  readonly path: string | null;
  write(entry: Readonly<Record<string, unknown>>): void;
}

/** Opens a new journal file under `dir` (created if missing). */
export function openJournal(dir: string, now: Date = new Date()): Journal {
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = path.resolve(dir, `${stamp}-${process.pid}.jsonl`);
  return {
    path: file,
    write(entry) {
      appendFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...entry }) + '\n');
    },
  };
}

/** A journal that records nothing. */
export const NO_JOURNAL: Journal = { path: null, write() {} };

/** `.notion-schema/journal` beside the schema file (or the lock file), else under cwd. */
export function defaultJournalDir(anchorFile: string | null, cwd: string): string {
  const base = anchorFile !== null ? path.dirname(path.resolve(cwd, anchorFile)) : cwd;
  return path.join(base, '.notion-schema', 'journal');
}
