import type { ApplyResult } from '../model/apply.js';
import type { Diagnostic } from '../model/common.js';
import type { Plan } from '../model/plan.js';

/** What the Action needs to connect to Notion. The token is never part of any output. */
export interface EngineOptions {
  readonly schemaPath: string;
  readonly token: string;
  readonly apiUrl: string;
  readonly rateLimit: number;
  /** The environment to use ('' or absent: the file's default, when it declares environments). */
  readonly environment?: string;
  /** True: `apiUrl` was given explicitly and wins over the environment's `api_url`. */
  readonly apiUrlGiven?: boolean;
}

/** A computed plan and its markdown. */
export interface PlanOutcome {
  /** Null when `errors` is non-empty and no plan could be made. */
  readonly plan: Plan | null;
  /** `renderMarkdown(plan)`. */
  readonly markdown: string;
  /** `renderMarkdown(plan)` within a character budget (collapsing the largest sections first); absent: cut `markdown`. */
  readonly fitMarkdown?: (limit: number, fullPlanAt: string) => string;
  readonly warnings: readonly Diagnostic[];
  readonly errors: readonly Diagnostic[];
  /** Path of the lock file beside the schema. */
  readonly lockPath: string;
  /** True when the plan compares two schema files (fork pull requests, no token): never applied, no digest recorded. */
  readonly schemaDiff?: boolean;
}

/** How an Action apply proceeds; the engine calls `show` exactly once, then `confirm` only when there is something to apply. */
export interface ApplyOptions {
  readonly allowDestructive: boolean;
  readonly skipManual: boolean;
  /** Reports the plan (outputs, summary, comment); called once, also for no changes or plan errors. */
  readonly show: (outcome: PlanOutcome) => Promise<void>;
  /** After the safety rules pass: true to apply. */
  readonly confirm: (plan: Plan) => Promise<boolean>;
}

/** One connection to Notion for one Action run. */
export interface EngineSession {
  /** Path of the lock file beside the schema (the environment's own with environments). */
  readonly lockPath: string;
  /** The environment chosen; null or absent when the schema file declares none. */
  readonly environment?: string | null;
  /** The API base URL the session talks to (absent: the `api-url` input's). */
  readonly apiUrl?: string;
  plan(): Promise<PlanOutcome>;
  /**
   * The whole apply use case (`--yes` semantics): the one-apply-at-a-time guard, recovery from an
   * interrupted apply, plan, `show`, safety rules, `confirm`, execute, verify. Resolves null when
   * nothing was applied (no changes, plan errors, not confirmed). Throws BlockedError when a safety rule refuses.
   */
  apply(opts: ApplyOptions): Promise<ApplyResult | null>;
  close(): Promise<void>;
}

/** Opens a session; the real implementation is `notionEngine` (notion-engine.ts). */
export type Engine = (opts: EngineOptions) => Promise<EngineSession>;
