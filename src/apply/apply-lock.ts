import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../errors.js';
import { isOtherLiveProcess, processStart } from './process-identity.js';

/** What a guard file says: who holds it, since when. */
interface Holder {
  readonly pid: number;
  /** The holder's process start time (processStart), or null where the OS gives none. */
  readonly start: string | null;
  readonly since: string | null;
  /** The file's raw text, to check that a stale holder is still the one seen. */
  readonly raw: string;
}

function readHolder(file: string): Holder | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const [pid, start, since] = raw.trim().split(/\s+/);
  return { pid: Number(pid), start: start === undefined || start === '-' ? null : start, since: since ?? null, raw };
}

/**
 * Creates `file` holding this process's identity, atomically: the text is written to a private temporary
 * file first and then hard-linked into place, which fails when `file` exists. So no reader ever sees an
 * empty or half-written guard, and of two processes only one can create it. Returns false when it exists.
 */
function createExclusive(file: string): boolean {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, `${process.pid} ${processStart(process.pid) ?? '-'} ${new Date().toISOString()}\n`, { flag: 'wx' });
  try {
    linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(temp);
  }
}

const removeIfSame = (file: string, raw: string): void => {
  try {
    if (readFileSync(file, 'utf8') === raw) unlinkSync(file);
  } catch {
    // Already gone.
  }
};

/**
 * Takes over a guard whose holder is provably gone. Only one process may do so at a time: it first
 * creates `<file>.takeover` exclusively, re-reads the guard and removes it only if it is still the stale
 * one it saw. A takeover file left by a process that died mid-takeover is itself removed when its process is gone.
 */
function takeOver(file: string, stale: Holder): void {
  const takeover = `${file}.takeover`;
  if (!createExclusive(takeover)) {
    const other = readHolder(takeover);
    if (other !== null && !isOtherLiveProcess(other.pid, other.start)) removeIfSame(takeover, other.raw);
    return;
  }
  try {
    removeIfSame(file, stale.raw);
  } finally {
    unlinkSync(takeover);
  }
}

/**
 * One apply at a time per project: `<dir>/apply.pid` holds `pid start since` of the running apply (start: the
 * process start time, so a reused pid is not mistaken for the holder). Two applies at once would both create
 * what the lock file lacks (duplicates) and overwrite each other's lock file updates. The guard is created
 * atomically (never seen empty), and a guard left by a killed apply is taken over only when its process is
 * gone, by one process at a time. Throws UserInputError (exit 1) naming the holder while another apply runs.
 * Returns the release function.
 */
export function acquireApplyLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'apply.pid');
  for (let attempt = 0; !createExclusive(file); attempt++) {
    const holder = readHolder(file);
    if (holder === null) continue; // Removed meanwhile: try again.
    if (isOtherLiveProcess(holder.pid, holder.start) || attempt >= 5) {
      throw new UserInputError(
        `another apply is running for this project (pid ${holder.pid}${holder.since !== null ? `, since ${holder.since}` : ''}, see ${file}); ` +
        'wait for it to finish. If no apply is running, delete that file and run apply again',
      );
    }
    takeOver(file, holder);
  }
  return () => releaseOwnApplyLock(dir);
}

/** Removes `<dir>/apply.pid` if (and only if) this process holds it: also on a forced exit after a signal. */
export function releaseOwnApplyLock(dir: string): void {
  const file = path.join(dir, 'apply.pid');
  const holder = readHolder(file);
  if (holder !== null && holder.pid === process.pid) removeIfSame(file, holder.raw);
}
