import { digestLine } from './reviewed-plan.js';
import { fitMarkdown, GITHUB_COMMENT_LIMIT } from './truncate.js';

/** What the pull-request comment (and the job summary) is made from. */
export interface CommentInput {
  /** The hidden marker line, `commentMarker(schemaPath)`. */
  readonly marker: string;
  readonly schemaPath: string;
  /** `renderMarkdown(plan)`: summary line first, banners, one collapsible section per database, the diagram. */
  readonly planMarkdown: string;
  readonly hasChanges: boolean;
  /** Link to the workflow run (its job summary holds the full plan), or null outside GitHub. */
  readonly runUrl: string | null;
  /** The commit the plan was made for, or null. */
  readonly sha: string | null;
  readonly toolVersion: string;
  /** `planDigest(plan)`, recorded as a hidden line so the merge can apply exactly this plan; null when not recorded. */
  readonly planDigest?: string | null;
  /** The environment planned (schema files with `environments:`): named at the top and in the footer. */
  readonly environment?: string | null;
  /**
   * Renders the plan markdown within a character budget (`renderMarkdown(plan, { limit })`: the largest
   * sections collapse first, no sentence is cut). Absent: `planMarkdown` is cut at a line boundary.
   */
  readonly fitPlan?: (budget: number, fullPlanAt: string) => string;
}

/** A rendered comment. */
export interface CommentBody {
  readonly body: string;
  readonly truncated: boolean;
  /** Length of the untruncated body. */
  readonly fullLength: number;
}

/** The text of a plan without changes. Tests and users look for "No changes". */
export function noChangesMarkdown(schemaPath: string): string {
  return `✅ **No changes.** The Notion workspace already matches \`${schemaPath}\`.\n`;
}

function footer(input: CommentInput): string {
  const parts = [`notion-schema ${input.toolVersion}`, `\`${input.schemaPath}\``];
  if (input.environment) parts.push(`environment **${input.environment}**`);
  if (input.sha) parts.push(`commit ${input.sha.slice(0, 7)}`);
  if (input.runUrl) parts.push(`[workflow run](${input.runUrl})`);
  return `<sub>${parts.join(' · ')}</sub>\n`;
}

/** The plan markdown; a plan without changes always says "No changes". */
function mainMarkdown(input: CommentInput): string {
  return input.environment ? `**Environment: ${input.environment}**\n\n${planPart(input)}` : planPart(input);
}

function planPart(input: CommentInput): string {
  const md = input.planMarkdown.trim();
  if (input.hasChanges) return `${md}\n`;
  if (/no changes/i.test(md)) return `${md}\n`;
  return md === '' ? noChangesMarkdown(input.schemaPath) : `${noChangesMarkdown(input.schemaPath)}\n${md}\n`;
}

/**
 * The job-summary markdown: the plan markdown (or "No changes") and a footer.
 * It has no marker and no limit of its own beyond the step-summary size.
 */
export function summaryMarkdown(input: CommentInput): string {
  const main = mainMarkdown(input);
  return `${main}\n${footer(input)}`;
}

/**
 * The pull-request comment: the marker on the first line, the plan digest on the second (both
 * hidden), then the same markdown as the job summary. Over GitHub's 65,536-character limit the
 * largest per-database sections collapse first (`fitPlan`); only if that is not enough is the plan
 * cut at a line boundary, open `<details>`/code fences closed, and a notice links to the full plan.
 *
 * Invariant: `body.length <= GITHUB_COMMENT_LIMIT` and `body` starts with the marker line.
 */
export function buildCommentBody(input: CommentInput): CommentBody {
  const head = `${input.marker}\n${input.planDigest ? `${digestLine(input.planDigest)}\n` : ''}`;
  const tail = `\n${footer(input)}`;
  const main = mainMarkdown(input);
  const fullLength = head.length + main.length + tail.length;
  const where = input.runUrl ? `the [job summary of this workflow run](${input.runUrl})` : 'the job summary of this workflow run';
  const notice =
    `> [!WARNING]\n> **Plan truncated.** The full plan is ${fullLength.toLocaleString('en-US')} characters, ` +
    `over GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit. ` +
    `See ${where} for the full plan; the plan JSON is the \`plan-path\` output (the example workflow uploads it as an artifact).`;
  const budget = GITHUB_COMMENT_LIMIT - head.length - tail.length;
  // First collapse sections (whole Markdown, no sentence cut); cut at a line only if that is not enough.
  const collapsed = input.fitPlan !== undefined && input.hasChanges && main.length > budget ? `${input.fitPlan(budget, where).trim()}\n` : main;
  const fitted = fitMarkdown(collapsed, budget, notice);
  return { body: head + fitted.text + tail, truncated: collapsed !== main || fitted.truncated, fullLength };
}
