import { sha256 } from '../fs/sha256.js';

/** One file's part of a schema hash: its base name and its bytes. */
export interface HashPart {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * The schema hash of a plan (`schema_hash`), which `apply --plan` recomputes from disk.
 * Invariant: a single file hashes as the SHA-256 of its bytes (as before directories); a
 * directory's files, sorted by name, hash as SHA-256 over each name, its length and its bytes,
 * so adding, removing, renaming or editing any file changes it.
 */
export function sourcesHash(parts: readonly HashPart[]): string {
  const h = sha256();
  h.update('notion-schema directory\0');
  for (const p of parts) {
    h.update(`${p.name}\0${p.bytes.byteLength}\0`);
    h.update(p.bytes);
  }
  return h.digest('hex');
}

/** The hash of one schema file's bytes. */
export function fileHash(bytes: Uint8Array): string {
  return sha256().update(bytes).digest('hex');
}
