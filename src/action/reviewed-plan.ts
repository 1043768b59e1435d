import { createHash } from 'node:crypto';
import type { Plan } from '../model/plan.js';
import { hasMarker } from './marker.js';
import type { Octokit } from './pr-comment.js';

/**
 * "Apply what was reviewed": the plan comment on a pull request carries the digest of the plan it
 * shows (a hidden line, `digestLine`); on the push that merges the pull request, the Action
 * re-plans and applies only when the new plan has the same digest (see docs/ci.md).
 */

/** Prefix of the hidden digest line, e.g. `<!-- notion-schema:plan-digest:sha256:ab12… -->`. */
const DIGEST_PREFIX = '<!-- notion-schema:plan-digest:sha256:';

/** JSON with object keys sorted, so equal values always give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * sha256 hex of what a reviewer sees and what apply sends: the steps (with their sentences, risks
 * and impact counts) and the requests. Tool version, target, live fingerprints and warnings are
 * left out, so the same change planned twice against the same workspace has the same digest.
 */
export function planDigest(plan: Plan): string {
  return createHash('sha256').update(canonical({ steps: plan.steps, requests: plan.requests })).digest('hex');
}

/** The hidden line the plan comment carries. Invariant: one line, one HTML comment. */
export function digestLine(digest: string): string {
  return `${DIGEST_PREFIX}${digest} -->`;
}

/** The digest recorded in a comment body, or null. */
export function readDigest(body: string): string | null {
  const at = body.indexOf(DIGEST_PREFIX);
  if (at < 0) return null;
  const m = /^([0-9a-f]{64}) -->/.exec(body.slice(at + DIGEST_PREFIX.length));
  return m?.[1] ?? null;
}

/** The plan reviewed for a commit: found, or why not. */
export type ReviewedPlan =
  | { readonly found: true; readonly pullNumber: number; readonly digest: string; readonly url: string }
  | { readonly found: false; readonly why: string };

/**
 * Finds the pull request merged as `sha` (GitHub's "pull requests associated with a commit") and
 * the digest in its plan comment for `marker`. Needs a token with `pull-requests: read`.
 */
export async function findReviewedPlan(
  octokit: Octokit,
  where: { readonly owner: string; readonly repo: string; readonly sha: string },
  marker: string,
): Promise<ReviewedPlan> {
  const { data: pulls } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: where.owner, repo: where.repo, commit_sha: where.sha });
  const merged = pulls.filter((p) => p.merged_at !== null);
  const pull = merged.find((p) => p.merge_commit_sha === where.sha) ?? merged[0];
  if (!pull) return { found: false, why: `commit ${where.sha.slice(0, 7)} belongs to no merged pull request` };
  const params = { owner: where.owner, repo: where.repo, issue_number: pull.number, per_page: 100 };
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, params)) {
    const comment = page.data.find((c) => hasMarker(c.body, marker));
    if (!comment) continue;
    const digest = readDigest(comment.body ?? '');
    if (digest === null) return { found: false, why: `the plan comment on pull request #${pull.number} records no plan digest (made by an older notion-schema?)` };
    return { found: true, pullNumber: pull.number, digest, url: comment.html_url };
  }
  return { found: false, why: `pull request #${pull.number} has no notion-schema plan comment for this schema file` };
}
