import { createTwoFilesPatch } from 'diff';

/** A change of the lock file made by `apply`. */
export interface LockChange {
  readonly changed: boolean;
  /** A unified diff (empty when unchanged). */
  readonly diff: string;
}

/** Compares the lock file text before and after apply (null = the file did not exist). */
export function lockChange(path: string, before: string | null, after: string | null): LockChange {
  if ((before ?? '') === (after ?? '')) return { changed: false, diff: '' };
  const diff = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${path}`,
    after === null ? '/dev/null' : `b/${path}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  // Drop the "Index:"/"=====" header lines createTwoFilesPatch prepends, keep ---/+++ and hunks.
  const lines = diff.split('\n');
  const start = lines.findIndex((l) => l.startsWith('--- '));
  return { changed: true, diff: (start >= 0 ? lines.slice(start) : lines).join('\n').trimEnd() + '\n' };
}
