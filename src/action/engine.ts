import type { ApplyResult } from '../model/apply.js';
import type { Diagnostic } from '../model/common.js';
import type { Plan } from '../model/plan.js';

/** What the Action needs to connect to Notion. The token is never part of any output. */
export interface EngineOptions {
  readonly schemaPath: string;
  readonly token: string;
  readonly apiUrl: string;
  readonly rateLimit: number;
}

/** A computed plan and its markdown. */
export interface PlanOutcome {
  /** Null when `errors` is non-empty and no plan could be made. */
  readonly plan: Plan | null;
  /** `renderMarkdown(plan)`. */
  readonly markdown: string;
  readonly warnings: readonly Diagnostic[];
  readonly errors: readonly Diagnostic[];
  /** Path of the lock file beside the schema. */
  readonly lockPath: string;
}

/** One connection to Notion for one Action run. */
export interface EngineSession {
  plan(): Promise<PlanOutcome>;
  /** Applies the plan just made (`--yes` semantics: no prompt). Throws BlockedError when a safety rule refuses. */
  apply(plan: Plan, opts: { readonly allowDestructive: boolean; readonly skipManual: boolean }): Promise<ApplyResult>;
  close(): Promise<void>;
}

/** Opens a session; the real implementation is `notionEngine` (notion-engine.ts). */
export type Engine = (opts: EngineOptions) => Promise<EngineSession>;
