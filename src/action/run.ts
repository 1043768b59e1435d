import * as core from '@actions/core';
import { redact } from '../notion/redact.js';
import { TOOL_VERSION } from '../version.js';
import { applyAndReport } from './apply-report.js';
import { buildCommentBody, summaryMarkdown, type CommentInput } from './comment-body.js';
import { describeError, formatDiagnostic } from './describe.js';
import type { Plan } from '../model/plan.js';
import type { Engine, PlanOutcome } from './engine.js';
import { PULL_REQUEST_EVENTS, readRunContext, type RunContext } from './event.js';
import { failureFor, riskCounts } from './fail-on.js';
import { writePlanFile, writeSummary } from './files.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { commentMarker } from './marker.js';
import { upsertComment, type Octokit } from './pr-comment.js';
import { findReviewedPlan, planDigest } from './reviewed-plan.js';
import { forkDiffOutcome } from './fork-diff.js';

/**
 * The Action: reads inputs and the event, makes the plan, posts or updates the one
 * pull-request comment, writes the job summary and the outputs, and on `apply` applies.
 * Never throws: every failure ends in `core.setFailed` with a message free of tokens.
 */
export async function runAction(engine: Engine, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const secrets: string[] = [];
  try {
    const ctx = readRunContext(env);
    const inputs = readInputs((name) => core.getInput(name), env, { forkPullRequest: ctx.fromFork && ctx.pullNumber !== null });
    if (inputs.notionToken) {
      core.setSecret(inputs.notionToken);
      secrets.push(inputs.notionToken);
    }
    if (inputs.githubToken) {
      core.setSecret(inputs.githubToken);
      secrets.push(inputs.githubToken);
    }
    const refusal = refuse(inputs, ctx);
    if (refusal) {
      core.setFailed(refusal);
      return;
    }
    if (ctx.eventName === 'pull_request_target') {
      core.warning(
        'notion-schema runs on pull_request_target: this event gives workflows from forks access to secrets. ' +
          'Use `on: pull_request` instead (docs/ci.md).',
      );
    }
    await runWith(engine, inputs, ctx, env);
  } catch (err) {
    core.setFailed(`notion-schema: ${redact(describeError(err), secrets)}`);
  }
}

/** Which comment a run writes: its marker, and the environment it names (null: no environments). */
interface Where {
  readonly environment: string | null;
  readonly marker: string;
}

/** Why this run must not proceed, or null. */
function refuse(inputs: ActionInputs, ctx: RunContext): string | null {
  if (inputs.command !== 'apply') return null;
  if (PULL_REQUEST_EVENTS.has(ctx.eventName)) {
    return (
      `notion-schema: refusing to run "apply" on a ${ctx.eventName} event. ` +
      'Pull requests only get a plan; apply on push to the default branch (see examples/workflows/notion-schema.yml).'
    );
  }
  if (ctx.defaultBranch !== null && ctx.ref !== `refs/heads/${ctx.defaultBranch}`) {
    return (
      `notion-schema: "apply" runs only on the default branch "${ctx.defaultBranch}"; this run is for ${ctx.ref ?? 'an unknown ref'}. ` +
      'Restrict the apply job with `if: github.ref == format(\'refs/heads/{0}\', github.event.repository.default_branch)`.'
    );
  }
  return null;
}

async function runWith(engine: Engine, inputs: ActionInputs, ctx: RunContext, env: NodeJS.ProcessEnv): Promise<void> {
  if (inputs.notionToken === '') {
    // A pull request from a fork: no secrets. Compare the schema with the base branch's instead.
    core.info(`notion-schema ${TOOL_VERSION}: no notion-token on a pull request from a fork; comparing ${inputs.schema} with the base branch's (no request to Notion)`);
    const forkEnv = inputs.env !== '' ? inputs.env : null;
    const forkWhere: Where = { environment: forkEnv, marker: commentMarker(forkEnv !== null ? `${inputs.schema}#${forkEnv}` : inputs.schema) };
    const plan = await reportPlan(await forkDiffOutcome(inputs.schema, ctx.baseSha, process.cwd(), ''), inputs, ctx, env, forkWhere);
    const failure = plan === null ? null : failureFor(plan, inputs.failOn);
    if (failure) core.setFailed(`notion-schema: ${failure}`);
    return;
  }
  const session = await engine({
    schemaPath: inputs.schema, token: inputs.notionToken, apiUrl: inputs.apiUrl, rateLimit: inputs.rateLimit,
    ...(inputs.env !== '' ? { environment: inputs.env } : {}), apiUrlGiven: inputs.apiUrlGiven,
  });
  const environment = session.environment ?? null;
  core.info(`notion-schema ${TOOL_VERSION}: ${inputs.command} ${inputs.schema}${environment !== null ? ` environment ${environment}` : ''} against ${session.apiUrl ?? inputs.apiUrl} (event ${ctx.eventName})`);
  // One comment per (schema file, environment): a staging plan never overwrites the production one.
  const where: Where = { environment, marker: commentMarker(environment !== null ? `${inputs.schema}#${environment}` : inputs.schema) };
  try {
    if (inputs.command === 'apply') {
      const applied = await applyAndReport(session, inputs, {
        show: async (outcome) => { await reportPlan(outcome, inputs, ctx, env, where); },
        confirm: async (plan) => {
          const failure = failureFor(plan, inputs.failOn) ?? (await unreviewed(plan, inputs, ctx, where));
          if (failure) core.setFailed(`notion-schema: not applying. ${failure}`);
          return failure === null;
        },
      });
      if (applied === null) return;
      await writeSummary(redact(applied.markdown, [inputs.notionToken, inputs.githubToken]), env);
      if (applied.failure) core.setFailed(applied.failure);
      return;
    }
    const plan = await reportPlan(await session.plan(), inputs, ctx, env, where);
    const failure = plan === null ? null : failureFor(plan, inputs.failOn);
    if (failure) core.setFailed(`notion-schema: ${failure}`);
  } finally {
    await session.close();
  }
}

/**
 * Reports a plan: warnings, the plan file, the outputs, the job summary and the pull-request
 * comment. Returns the plan, or null (after failing the job) when it could not be made.
 */
async function reportPlan(outcome: PlanOutcome, inputs: ActionInputs, ctx: RunContext, env: NodeJS.ProcessEnv, where: Where): Promise<Plan | null> {
  for (const w of outcome.warnings) core.warning(formatDiagnostic(w));
  if (outcome.errors.length > 0 || outcome.plan === null) {
    core.setFailed(`notion-schema: the plan could not be made:\n${outcome.errors.map(formatDiagnostic).join('\n')}`);
    return null;
  }
  const plan = outcome.plan;
  const planPath = await writePlanFile(plan, where.environment !== null ? `${inputs.schema}.${where.environment}` : inputs.schema, env);
  const counts = riskCounts(plan);
  core.setOutput('has-changes', String(plan.summary.has_changes));
  core.setOutput('destructive', String(counts.destructive > 0));
  core.setOutput('manual', String(counts.forbidden > 0));
  // The earlier name of `manual`, kept for existing workflows.
  core.setOutput('forbidden', String(counts.forbidden > 0));
  core.setOutput('plan-path', planPath);
  core.info(`plan: ${plan.summary.has_changes ? `${plan.steps.length} step(s), ${counts.destructive} destructive, ${counts.forbidden} manual` : 'no changes'}; written to ${planPath}`);
  const input: CommentInput = {
    marker: where.marker,
    environment: where.environment,
    schemaPath: inputs.schema,
    // The last line of defence: schemas cannot expand secrets, but nothing with a token in it is ever posted.
    planMarkdown: redact(outcome.markdown, [inputs.notionToken, inputs.githubToken]),
    hasChanges: plan.summary.has_changes,
    runUrl: ctx.runUrl,
    sha: ctx.sha,
    toolVersion: TOOL_VERSION,
    // A schema diff is never applied: no digest, so no merge can take it for a reviewed plan.
    planDigest: outcome.schemaDiff === true ? null : planDigest(plan),
    ...(outcome.fitMarkdown !== undefined ? { fitPlan: fitted(outcome.fitMarkdown, [inputs.notionToken, inputs.githubToken]) } : {}),
  };
  // The job summary first: it must hold the plan even if the comment cannot be written.
  await writeSummary(summaryMarkdown(input), env);
  if (ctx.pullNumber !== null && inputs.comment) await postComment(inputs, ctx, input);
  return plan;
}

/** The plan within a budget, redacted; redaction never lengthens it past the budget (the body is cut as a last resort). */
function fitted(fit: NonNullable<PlanOutcome['fitMarkdown']>, secrets: readonly string[]): NonNullable<CommentInput['fitPlan']> {
  return (budget, where) => redact(fit(budget, where), secrets);
}

async function postComment(inputs: ActionInputs, ctx: RunContext, input: CommentInput): Promise<void> {
  if (ctx.pullNumber === null) return;
  if (!inputs.githubToken) {
    core.warning('no github-token: the plan is in the job summary only. Pass `github-token: ${{ github.token }}` to get a pull-request comment.');
    return;
  }
  const comment = buildCommentBody(input);
  if (comment.truncated) {
    core.warning(`the plan comment is ${comment.fullLength} characters in full, over GitHub's limit; its largest sections were collapsed, and it links the job summary (which has the whole plan).`);
  }
  const octokit = await octokitFor(inputs, ctx);
  try {
    const res = await upsertComment(octokit, { owner: ctx.owner, repo: ctx.repo, issueNumber: ctx.pullNumber }, input.marker, comment.body);
    core.info(`pull-request comment ${res.action}: ${res.url}`);
    core.setOutput('comment-id', String(res.id));
    core.setOutput('comment-url', res.url);
  } catch (err) {
    const status = (err as { status?: number }).status;
    const msg = redact(err instanceof Error ? err.message : String(err), [inputs.githubToken, inputs.notionToken]);
    if (status === 403 || status === 404) {
      // Read-only tokens (forks, missing `pull-requests: write`) must not hide the plan itself.
      const why = ctx.fromFork
        ? 'This pull request comes from a fork, whose token is read-only.'
        : 'Give the job `permissions: pull-requests: write`; pull requests from forks get a read-only token.';
      core.warning(`could not write the pull-request comment (HTTP ${status}: ${msg}). ${why} The plan is in the job summary.`);
      return;
    }
    throw new Error(`could not write the pull-request comment on #${ctx.pullNumber}: ${msg}`);
  }
}


/** Loaded only when GitHub is called: @actions/github takes a while to import. */
async function octokitFor(inputs: ActionInputs, ctx: RunContext): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github');
  return getOctokit(inputs.githubToken, { baseUrl: ctx.apiUrl });
}

/**
 * Why `plan` must not be applied as not reviewed, or null: with `require-reviewed-plan` (the
 * default), the pull request merged as this commit must carry a plan comment with the same digest.
 */
async function unreviewed(plan: Plan, inputs: ActionInputs, ctx: RunContext, where: Where): Promise<string | null> {
  if (!inputs.requireReviewedPlan) return null;
  const off = 'To apply a plan nobody reviewed (e.g. a direct push), set `require-reviewed-plan: false` on the apply step.';
  if (!inputs.githubToken || ctx.sha === null) {
    return `the plan reviewed on the merged pull request cannot be looked up without \`github-token\` (with \`pull-requests: read\`). ${off}`;
  }
  const digest = planDigest(plan);
  const reviewed = await findReviewedPlan(await octokitFor(inputs, ctx), { owner: ctx.owner, repo: ctx.repo, sha: ctx.sha }, where.marker);
  if (!reviewed.found) return `no reviewed plan: ${reviewed.why}. Changes reach Notion through a pull request whose plan comment was reviewed. ${off}`;
  if (reviewed.digest === digest) {
    core.info(`the plan is the one reviewed on pull request #${reviewed.pullNumber} (${reviewed.url}); plan digest ${digest.slice(0, 12)}`);
    return null;
  }
  return (
    `the plan now differs from the plan reviewed on pull request #${reviewed.pullNumber} (${reviewed.url}): ` +
    'the Notion workspace, the lock file or the schema changed after that plan was made. Nothing was applied; the new plan is in the job summary. ' +
    `Open a pull request to review the new plan (its merge applies it), or re-run this job once the difference is resolved. ${off}`
  );
}
