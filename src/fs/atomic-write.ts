import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to `path` atomically: a uniquely named temp file in the same directory, then a
 * rename over the target, so a reader (or a crash) sees the old file or the new one, never half.
 * Creates the directory unless `createDir` is false (a path the user typed: a missing directory is
 * then an ENOENT, as for any write); removes the temp file on failure and rethrows the error.
 */
export async function writeFileAtomic(path: string, text: string, opts: { readonly createDir?: boolean } = {}): Promise<void> {
  if (opts.createDir !== false) await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
