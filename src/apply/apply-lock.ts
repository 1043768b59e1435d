import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../errors.js';
import { isOtherLiveProcess, processStart } from './process-identity.js';

/**
 * One apply at a time per project: `<dir>/apply.pid` holds the pid of the running apply.
 * Two applies at once would both create what the lock file lacks (duplicates) and overwrite
 * each other's lock file updates. The file is created exclusively (`wx`) and holds `pid start` (the
 * process start time, so a reused pid is not mistaken for the owner). A file left by a killed apply
 * (its process is gone) is taken over.
 * Throws UserInputError (exit 1) while another apply runs. Returns the release function.
 */
export function acquireApplyLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'apply.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid} ${processStart(process.pid) ?? ''}`.trimEnd() + '\n', { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw err;
      let owner = NaN;
      let start: string | null = null;
      try {
        const [pid, started] = readFileSync(file, 'utf8').trim().split(/\s+/);
        owner = Number(pid);
        start = started ?? null;
      } catch {
        // Removed meanwhile: try again.
      }
      if (isOtherLiveProcess(owner, start)) {
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
      if (readFileSync(file, 'utf8').trim().split(/\s+/)[0] === String(process.pid)) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
}
