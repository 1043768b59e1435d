/** Process exit codes (cli-contract.md). */
export const EXIT = {
  ok: 0,
  error: 1,
  /** plan --detailed-exitcode: changes present; codegen --check: out of date. */
  changes: 2,
  /** Refused by a safety rule. */
  blocked: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
