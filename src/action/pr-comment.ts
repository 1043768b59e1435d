import type { getOctokit } from '@actions/github';
import { hasMarker } from './marker.js';

/** The Octokit instance `@actions/github` returns. */
export type Octokit = ReturnType<typeof getOctokit>;

/** Where the comment goes. */
export interface CommentTarget {
  readonly owner: string;
  readonly repo: string;
  /** Pull-request (issue) number. */
  readonly issueNumber: number;
}

/** What `upsertComment` did. */
export interface UpsertResult {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly id: number;
  readonly url: string;
}

/**
 * Finds the comment whose first line is `marker` (scanning every page of comments) and
 * updates it in place, or creates one. Never creates a second comment for a marker that
 * already has one. When several carry the marker (left by an older tool), the oldest is kept.
 */
export async function upsertComment(
  octokit: Octokit,
  target: CommentTarget,
  marker: string,
  body: string,
): Promise<UpsertResult> {
  const params = { owner: target.owner, repo: target.repo, issue_number: target.issueNumber, per_page: 100 };
  let existing: { id: number; body?: string | null; html_url: string } | undefined;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, params)) {
    existing = page.data.find((c) => hasMarker(c.body, marker));
    if (existing) break;
  }
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', id: existing.id, url: existing.html_url };
    const res = await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body,
    });
    return { action: 'updated', id: res.data.id, url: res.data.html_url };
  }
  const res = await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body,
  });
  return { action: 'created', id: res.data.id, url: res.data.html_url };
}
