/**
 * One environment declared under `environments:` in the schema file: a workspace the one schema
 * is applied to (staging, production…), with its own lock file and its own `${NAME}` variables.
 * Invariants: `name` matches [A-Za-z0-9_-]+; exactly one of `tokenEnv` and `local` says how to
 * connect (`local` true ⇒ no `tokenEnv`, no `apiUrl`); `requires`, when set, names another declared
 * environment; at most one environment of a file has `isDefault`. `tokenEnv` is the NAME of a
 * variable, never a token.
 */
export interface EnvironmentSpec {
  readonly name: string;
  /** The environment variable holding this environment's Notion token (absent when `local`). */
  readonly tokenEnv?: string;
  /** Notion API base URL (default: --api-url, NOTION_API_URL, https://api.notion.com). */
  readonly apiUrl?: string;
  /** Requests per second (default: --rate-limit, else 3). */
  readonly rateLimit?: number;
  /** True: the embedded local workspace, kept in `.notion-schema/env/<name>/local-workspace.json`. */
  readonly local: boolean;
  /** Variables `${NAME}` expansion reads before the process environment. */
  readonly vars: Readonly<Record<string, string>>;
  /** An environment whose last successful apply must be of the same schema hash before this one applies. */
  readonly requires?: string;
  /** The environment used when no `--env` is given. */
  readonly isDefault: boolean;
  /** Free text for people reading the file. */
  readonly description?: string;
}

/**
 * The environments of a schema file and the one a command runs against. Invariant: `selected` is
 * one of `declared` (the same object); `declared` is in file order and never empty.
 */
export interface EnvironmentSelection {
  readonly declared: readonly EnvironmentSpec[];
  readonly selected: EnvironmentSpec;
}
