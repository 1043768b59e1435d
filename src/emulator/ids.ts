import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { ApiError } from './errors.js';

/** A fresh dashed, lower-case UUID (the form every object id takes in responses). */
export function newObjectId(): string {
  return randomUUID();
}

const HEX32 = /^[0-9a-f]{32}$/;

/** Dashed lower-case UUID from an id given with or without dashes, or null when it is not a UUID. */
export function normalizeId(raw: string): string | null {
  const hex = raw.trim().toLowerCase().replace(/-/g, '');
  if (!HEX32.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Like `normalizeId` but answers 400 validation_error naming `where` (e.g. `path.database_id`). */
export function requireId(raw: unknown, where: string): string {
  if (typeof raw !== 'string') throw ApiError.validation(`${where} should be a string, instead was \`${JSON.stringify(raw)}\`.`);
  const id = normalizeId(raw);
  if (id === null) throw ApiError.validation(`${where} should be a valid uuid, instead was \`${JSON.stringify(raw)}\`.`);
  return id;
}

/**
 * Characters a raw property id is drawn from: letters, digits and the punctuation Notion uses
 * (so ids are returned URL-encoded, e.g. `f%5C%3Ap`).
 */
const PROPERTY_ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:;<=>?@[]^_`{|}~!';

/** Random bytes drawn 4 KB at a time: one `randomBytes` call per id cost a millisecond per data source. */
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomByte(): number {
  if (poolAt >= pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  return pool[poolAt++] as number;
}

/** A new raw (decoded) 4-character property id not in `taken` and never `title`. */
export function newPropertyId(taken: ReadonlySet<string>): string {
  for (;;) {
    let id = '';
    for (let i = 0; i < 4; i++) id += PROPERTY_ID_CHARS[randomByte() % PROPERTY_ID_CHARS.length];
    if (id !== 'title' && !taken.has(id)) return id;
  }
}

/** The wire form of a raw property id (URL-encoded, as Notion returns them). */
export function encodePropertyId(raw: string): string {
  return raw === 'title' ? 'title' : encodeURIComponent(raw);
}

/** Decodes a property id as received from a client (encoded or raw); returns the input when it is not valid encoding. */
export function decodePropertyId(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** A short one-way digest of a token, so tokens are never stored in the state file. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

/** A request id in Notion's shape (a UUID). */
export function newRequestId(): string {
  return randomUUID();
}
