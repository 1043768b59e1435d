/**
 * `notion-schema.lock.json`: logical keys → Notion ids. Sits beside the schema
 * file, is committed to git, and is always written atomically (temp file + rename),
 * with keys sorted so diffs are stable.
 */
export interface LockFile {
  readonly version: 1;
  readonly databases: Readonly<Record<string, LockDatabase>>;
  /**
   * Managed property ids (and option ids), by data source ref `db.ds`, then by property name as
   * declared: written by `apply` and `pull`, read by `plan` to tell a rename made in Notion from a
   * drop-and-add. Optional (older lock files have none); keys of unbound data sources are pruned.
   */
  readonly properties?: Readonly<Record<string, Readonly<Record<string, LockProperty>>>>;
  /**
   * Managed view ids, by data source ref, then by view name as declared: written by `apply` and
   * `pull`, read by `plan` to tell a view renamed in Notion (drift) from a new one. Optional.
   */
  readonly views?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The last apply that ended with the workspace matching the schema file (applied and verified,
   * or nothing to change): the file's `schema_hash` then and when. `requires:` of another
   * environment checks it (promotion); `status` shows it. Optional (absent: never recorded).
   */
  readonly last_applied?: LastApplied;
}

/** See `LockFile.last_applied`. Invariant: `schema_hash` is 64 lowercase hex digits; `at` is ISO 8601 UTC. */
export interface LastApplied {
  readonly schema_hash: string;
  readonly at: string;
}

/** One recorded property: its API id and, for select/multi-select/status, option name → option id. */
export interface LockProperty {
  readonly id: string;
  readonly options?: Readonly<Record<string, string>>;
}

export interface LockDatabase {
  readonly id: string;
  /** Data source key → data source id. */
  readonly data_sources: Readonly<Record<string, string>>;
}
