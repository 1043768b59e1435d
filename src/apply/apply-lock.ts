import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../errors.js';

/** True when `pid` is a live process other than this one. */
function isOtherLiveProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One apply at a time per project: `<dir>/apply.pid` holds the pid of the running apply.
 * Two applies at once would both create what the lock file lacks (duplicates) and overwrite
 * each other's lock file updates. A file left by a killed apply (its pid is gone) is taken over.
 * Throws UserInputError (exit 1) while another apply runs. Returns the release function.
 */
export function acquireApplyLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'apply.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(file, 'utf8').trim());
      } catch {
        // Removed meanwhile: try again.
      }
      if (isOtherLiveProcess(owner)) {
        throw new UserInputError(
          `another apply is running for this project (pid ${owner}, see ${file}); wait for it to finish. ` +
          'If no apply is running, delete that file and run apply again',
        );
      }
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    }
  }
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
}
