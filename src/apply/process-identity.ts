import { readFileSync } from 'node:fs';

/**
 * The start time of process `pid` as the kernel records it (Linux: field 22 of `/proc/<pid>/stat`,
 * clock ticks since boot), or null where it cannot be read (another OS, no such process).
 * Invariant: stable for the life of a process and different for a later process that reuses the pid,
 * so `pid + start` names one process even after pid reuse.
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * True when `pid` is a live process other than this one, and, when `start` is given and readable,
 * the same process that recorded it (a reused pid with another start time is not the recorder).
 */
export function isOtherLiveProcess(pid: number, start?: string | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (start === undefined || start === null) return true;
  const now = processStart(pid);
  return now === null || now === start;
}
