import type { CliIO, Colors } from './io.js';
import type { NotionClient } from '../notion/types.js';
import type { EnvironmentSpec } from '../model/environment.js';

/** The global options every command accepts (cli-contract.md). */
export interface GlobalOptions {
  readonly tokenFile?: string;
  readonly apiUrl?: string;
  readonly notionVersion?: string;
  readonly rateLimit?: number;
  readonly local?: boolean;
  readonly color?: boolean;
  readonly verbose?: boolean;
}

/** A connected target: the real API or the embedded local workspace. */
export interface Target {
  readonly client: NotionClient;
  /** True for the embedded local workspace. */
  readonly local: boolean;
  /** What the banner names: `local (<state file>)` or the API base URL. Never a token. */
  readonly label: string;
  /**
   * Local mode only: makes sure a parent page exists (created on first use), so a schema's
   * `parent.page_id` works against a fresh local workspace. No-op against the real API.
   */
  ensureParentPage(pageId: string): Promise<void>;
  close(): Promise<void>;
}

/** Per-command adjustments to the target named by the global options. */
export interface TargetOverrides {
  readonly rateLimit?: number;
  /**
   * Where the embedded local workspace lives: `<baseDir>/.notion-schema/local-workspace.json`.
   * Commands pass the schema file's directory, so the workspace sits beside the lock file that
   * refers to it whatever the current directory. Default: the current directory.
   */
  readonly baseDir?: string;
  /**
   * The declared environment to connect to: its token comes from its `token_env` (or
   * `--token-file`), its URL and rate limit from the file unless flags say otherwise; a
   * `local: true` one uses `<baseDir>/.notion-schema/env/<name>/local-workspace.json`.
   */
  readonly environment?: EnvironmentSpec;
}

/** Passed to every command handler. */
export interface CommandContext {
  readonly io: CliIO;
  readonly colors: Colors;
  readonly globals: GlobalOptions;
  /** Connects to the API or the local workspace (printing the banner on stderr). Lazy: only commands that need it call it. */
  openTarget(overrides?: TargetOverrides): Promise<Target>;
}
