/**
 * `notion-schema.lock.json`: logical keys → Notion ids. Sits beside the schema
 * file, is committed to git, and is always written atomically (temp file + rename),
 * with keys sorted so diffs are stable.
 */
export interface LockFile {
  readonly version: 1;
  readonly databases: Readonly<Record<string, LockDatabase>>;
}

export interface LockDatabase {
  readonly id: string;
  /** Data source key → data source id. */
  readonly data_sources: Readonly<Record<string, string>>;
}
