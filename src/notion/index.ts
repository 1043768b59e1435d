/** The Notion HTTP layer and live-state reader (see docs/architecture.md). */
export { createNotionClient, DEFAULT_BASE_URL, DEFAULT_NOTION_VERSION, DEFAULT_RATE_LIMIT } from './client.js';
export type { ClientOptions, ClientStats, NotionClient, NotionRequest } from './types.js';
export { normalizeDatabase, normalizeDataSource, normalizeDataSourceDetailed, normalizeIcon, normalizeParent } from './normalize.js';
export { normalizeProperty, normalizePropertyConfig } from './normalize-property.js';
export { fingerprint, canonicalJson } from './fingerprint.js';
export { fetchDatabase, fetchDataSource } from './fetch.js';
export * from './endpoints.js';
export { readLiveState, bindDataSources, type ReadLiveStateOptions, type ReadLiveStateResult } from './read-live-state.js';
export { findDatabaseToAdopt, sameParent } from './adopt.js';
export {
  EMPTY_LOCK, LOCK_FILE_NAME, lockPathFor, parseLockFile, readLockFile, removeDatabase, removeDataSource,
  serializeLockFile, setDatabaseId, setDataSourceId, writeLockFile,
} from './lock-file.js';
export { redact, REDACTED } from './redact.js';
export { toDashedId, sameId } from './ids.js';
export { createRateLimiter, type RateLimiter } from './rate-limiter.js';
