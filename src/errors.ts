import type { Diagnostic } from './model/common.js';

/**
 * The few typed errors that cross module boundaries. `cli/` catches them once
 * and maps them to a message and an exit code; everything else is a bug (exit 1 with a stack under --verbose).
 * Messages must never contain a token.
 */

/** Bad user input (schema file, plan file, flags). Carries every problem found. Exit 1. */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  constructor(message: string, readonly diagnostics: readonly Diagnostic[] = []) {
    super(message);
  }
}

/** An error answer from the Notion API (or the emulator), after retries. Exit 1. */
export class NotionApiError extends Error {
  override readonly name = 'NotionApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly request_id: string | null,
    /** What the user should do about it, e.g. "share the database … with the integration". */
    readonly hint?: string,
    readonly additional_data?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** A network-level failure (reset, timeout) after retries. Exit 1. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(message: string, readonly cause_code?: string, readonly timed_out = false) {
    super(message);
  }
}

/** Refused by a safety rule (destructive without --allow-destructive, manual steps, stale plan, no --yes). Exit 3. */
export class BlockedError extends Error {
  override readonly name: string = 'BlockedError';
  constructor(message: string, readonly details: readonly string[] = []) {
    super(message);
  }
}

/** The plan no longer matches the live state or the schema file. Exit 3. */
export class StalePlanError extends BlockedError {
  override readonly name = 'StalePlanError';
}
