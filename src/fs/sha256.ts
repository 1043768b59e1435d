import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';

type Crypto = typeof NodeCrypto;
let crypto: Crypto | undefined;

/**
 * node:crypto, loaded on first use: loading it takes several milliseconds of a cold start, and
 * `validate` never hashes anything.
 */
export function lazyCrypto(): Crypto {
  return (crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto);
}

/** A SHA-256 hash object (node:crypto's, loaded on first use). */
export const sha256 = (): ReturnType<Crypto['createHash']> => lazyCrypto().createHash('sha256');
