import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { commentMarker, hasMarker } from '../../src/action/marker.js';
import { planDigest } from '../../src/action/reviewed-plan.js';
import type { Plan } from '../../src/model/plan.js';
import { COMMENT_LIMIT, startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { actionMain, repositoryCopy, runAction, type ActionRun } from './run-action.js';

/**
 * The Action run as GitHub runs it: the committed bundle (action.yml `runs.main`) from a copy of
 * the repository without node_modules, in a child process with GITHUB_* and INPUT_* environment,
 * against a fake GitHub REST API and the Notion emulator, both on 127.0.0.1.
 */
const NOTION_TOKEN = 'ntn_actionE2Etoken0123456789';
const GH_TOKEN = 'ghs_e2e_fake_token_0001';
const REPO = 'acme/notion-config';

function prEvent(number: number, sha: string): unknown {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { sha, ref: 'feature', repo: { full_name: REPO } },
      base: { ref: 'main', repo: { full_name: REPO } },
    },
    repository: { full_name: REPO, default_branch: 'main' },
  };
}

const pushEvent = { ref: 'refs/heads/main', repository: { full_name: REPO, default_branch: 'main' } };
/** The merge commit of pull request #1 (runAction's default GITHUB_SHA). */
const MERGE_SHA = '0123456789abcdef0123456789abcdef01234567';
const DIGEST_LINE = /^<!-- notion-schema:plan-digest:sha256:([0-9a-f]{64}) -->$/;

function schema(root: string, extra: Record<string, string>): string {
  const props = Object.entries({ Name: '{ type: title }', Email: '{ type: email }', ...extra })
    .map(([name, spec]) => `          ${name}: ${spec}`)
    .join('\n');
  return `version: 1
databases:
  crm:
    title: CRM
    parent: { page_id: "${root}" }
    data_sources:
      contacts:
        title: Contacts
        properties:
${props}
`;
}

describe('the GitHub Action (the committed bundle, from a checkout without node_modules)', () => {
  let emu: EmulatorHandle;
  let gh: FakeGitHub;
  let work: string;

  beforeAll(async () => {
    const main = await actionMain();
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run bundle\` first`);
    expect(existsSync(join(await repositoryCopy(), 'node_modules'))).toBe(false);
    emu = await startEmulator({ tokens: [NOTION_TOKEN] });
    gh = await startFakeGitHub({ token: GH_TOKEN });
    work = await mkdtemp(join(tmpdir(), 'ns-action-e2e-'));
    gh.merge('acme', 'notion-config', 1, MERGE_SHA);
  });
  afterAll(async () => {
    await gh?.close();
    await emu?.close();
  });

  const run = (opts: { eventName: string; event: unknown; inputs?: Record<string, string>; ref?: string; sha?: string; cwd?: string }): Promise<ActionRun> =>
    runAction({
      ...(opts.sha ? { sha: opts.sha } : {}),
      cwd: opts.cwd ?? work,
      eventName: opts.eventName,
      event: opts.event,
      repository: REPO,
      githubApiUrl: gh.url,
      ref: opts.ref ?? 'refs/pull/1/merge',
      inputs: {
        command: 'plan',
        schema: 'notion.schema.yaml',
        'notion-token': NOTION_TOKEN,
        'github-token': GH_TOKEN,
        'allow-destructive': 'false',
        comment: 'true',
        'fail-on': 'forbidden',
        'api-url': emu.url,
        'rate-limit': '1000',
        ...opts.inputs,
      },
    });

  const marker = commentMarker('notion.schema.yaml');
  const ours = (issue: number) => gh.comments('acme', 'notion-config', issue).filter((c) => hasMarker(c.body, marker));

  it('plans on a pull request: creates the comment, writes the job summary and the outputs', async () => {
    await writeFile(join(work, 'notion.schema.yaml'), schema(emu.rootPageId, {}));
    gh.seed('acme', 'notion-config', 1, 'LGTM, but let us see the plan');
    const r = await run({ eventName: 'pull_request', event: prEvent(1, 'aaaaaaa1111111') });
    expect(r.stderr + r.stdout).not.toContain('::error::');
    expect(r.code).toBe(0);
    const comments = ours(1);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body.split('\n')[0]).toBe(marker);
    // The second hidden line records the digest of the plan shown, for the merge to compare.
    const planFile = JSON.parse(await readFile(r.outputs['plan-path'] ?? '', 'utf8')) as Plan;
    expect(DIGEST_LINE.exec(body.split('\n')[1] ?? '')?.[1]).toBe(planDigest(planFile));
    expect(body).toContain('CRM');
    expect(body).toContain('<details open><summary><b>crm</b>:');
    expect(body).toContain('aaaaaaa');
    expect(r.summary).toContain('CRM');
    expect(r.summary).not.toContain(marker);
    expect(r.outputs).toMatchObject({ 'has-changes': 'true', destructive: 'false', forbidden: 'false', 'comment-id': String(comments[0]?.id) });
    const plan = JSON.parse(await readFile(r.outputs['plan-path'] ?? '', 'utf8')) as { format_version: number; summary: { has_changes: boolean } };
    expect(plan.format_version).toBe(2);
    expect(plan.summary.has_changes).toBe(true);
    // The token is masked and appears nowhere else.
    expect(r.stdout).toContain(`::add-mask::${NOTION_TOKEN}`);
    const unmasked = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n') + r.stderr + r.summary + JSON.stringify(r.outputs) + body;
    expect(unmasked).not.toContain(NOTION_TOKEN);
    expect(unmasked).not.toContain(GH_TOKEN);
  });

  it('updates the same comment on the next push instead of adding one', async () => {
    const firstId = ours(1)[0]?.id;
    await writeFile(join(work, 'notion.schema.yaml'), schema(emu.rootPageId, { Phone: '{ type: phone_number }' }));
    const r = await run({ eventName: 'pull_request', event: prEvent(1, 'bbbbbbb2222222') });
    expect(r.code).toBe(0);
    const comments = ours(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(firstId);
    expect(comments[0]?.body).toContain('Phone');
    expect(comments[0]?.body).toContain('bbbbbbb');
    expect(gh.comments('acme', 'notion-config', 1)).toHaveLength(2);
    expect(gh.requests.filter((q) => q.method === 'PATCH')).toHaveLength(1);
    expect(r.outputs['comment-id']).toBe(String(firstId));
  });

  it('refuses apply on the pull_request event and changes nothing', async () => {
    const before = emu.listDatabases().length;
    const r = await run({ eventName: 'pull_request', event: prEvent(1, 'bbbbbbb2222222'), inputs: { command: 'apply' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::.*refusing to run "apply" on a pull_request event/);
    expect(emu.listDatabases()).toHaveLength(before);
    expect(existsSync(join(work, 'notion-schema.lock.json'))).toBe(false);
  });

  it('applies on push to the default branch and exposes the lock-file change', async () => {
    const r = await run({ eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { command: 'apply' } });
    expect(r.stdout).not.toContain('::error::');
    expect(r.code).toBe(0);
    const db = emu.listDatabases().find((d) => d.title === 'CRM');
    expect(db).toBeDefined();
    const lock = await readFile(join(work, 'notion-schema.lock.json'), 'utf8');
    expect(lock).toContain(db?.id ?? '<none>');
    expect(r.outputs['lock-changed']).toBe('true');
    expect(r.outputs['lock-diff']).toContain('+++ b/');
    expect(r.outputs['lock-diff']).toContain(db?.id ?? '<none>');
    expect(r.stdout).toContain(db?.id ?? '<none>');
    expect(r.summary).toContain('Apply succeeded');
    // The Action commits nothing and leaves no comment on push.
    expect(r.outputs['comment-id']).toBeUndefined();
  });

  it('says "No changes" in the same comment once the plan is empty', async () => {
    const id = ours(1)[0]?.id;
    const r = await run({ eventName: 'pull_request', event: prEvent(1, 'ccccccc3333333') });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ 'has-changes': 'false', destructive: 'false', forbidden: 'false' });
    const comments = ours(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(id);
    expect(comments[0]?.body).toContain('No changes');
    expect(comments[0]?.body).not.toContain('Phone');
    expect(r.summary).toContain('No changes');
  });

  it('fails the job with a clear message on a forbidden change, and still updates the comment', async () => {
    await writeFile(join(work, 'notion.schema.yaml'), schema(emu.rootPageId, { Phone: '{ type: place }' }));
    const r = await run({ eventName: 'pull_request', event: prEvent(1, 'ddddddd4444444') });
    expect(r.code).toBe(1);
    const error = r.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    expect(error).toContain('1 manual step that the Notion API cannot perform');
    expect(error).toContain('Phone');
    expect(error).toContain('fail-on: never');
    // `forbidden` is the earlier name of the `manual` output, kept for existing workflows.
    expect(r.outputs).toMatchObject({ 'has-changes': 'true', manual: 'true', forbidden: 'true' });
    const comments = ours(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('Phone');
    expect(comments[0]?.body).toContain('[!CAUTION]');
  });

  it('shows destructive steps with a banner; apply refuses them until allow-destructive is set', async () => {
    await writeFile(join(work, 'notion.schema.yaml'), schema(emu.rootPageId, { Phone: '{ type: phone_number }' }).replace('          Email: { type: email }\n', ''));
    const plan = await run({ eventName: 'pull_request', event: prEvent(1, '1111111aaaaaaa') });
    expect(plan.code).toBe(0);
    expect(plan.outputs).toMatchObject({ 'has-changes': 'true', destructive: 'true', forbidden: 'false' });
    const body = ours(1)[0]?.body ?? '';
    expect(body).toContain('[!WARNING]');
    expect(body).toContain('Email');
    // A collapsible section per database and the diagram of what the plan touches, with the removal marked.
    expect(body).toMatch(/\n<details open><summary><b>crm<\/b>: .*1 destructive<\/summary>\n/);
    expect(body).toMatch(/```mermaid\nerDiagram\n[\s\S]*email Email "- removed"/);

    const refused = await run({ eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { command: 'apply' } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/::error::notion-schema: apply refused: .*allow-destructive: true/);
    expect(refused.outputs['lock-changed']).toBe('false');
    const applied = await run({ eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { command: 'apply', 'allow-destructive': 'true' } });
    expect(applied.stdout).not.toContain('::error::');
    expect(applied.code).toBe(0);
    // The lock file is the state: it records property ids, so the removed property's id leaves it (and nothing else does).
    expect(applied.outputs['lock-changed']).toBe('true');
    const diff = applied.outputs['lock-diff'] ?? '';
    expect(diff).toMatch(/^-\s+"Email": \{$/m);
    expect(diff.split('\n').filter((l) => /^\+(?!\+\+)/.test(l))).toEqual([]);
  });

  it('on merge, refuses a plan that differs from the one reviewed on the pull request, and applies nothing', async () => {
    await writeFile(join(work, 'notion.schema.yaml'), schema(emu.rootPageId, { Phone: '{ type: phone_number }', Notes: '{ type: rich_text }' }).replace('          Email: { type: email }\n', ''));
    emu.clearRequests();
    const r = await run({ eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { command: 'apply', 'allow-destructive': 'true' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::notion-schema: not applying\. the plan now differs from the plan reviewed on pull request #1 \(https:\/\/github\.test\/acme\/notion-config\/pull\/1#issuecomment-\d+\)/);
    expect(r.stdout).toContain('require-reviewed-plan: false');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    // Reads only (GET, queries and searches are POSTs that change nothing): no write reached Notion.
    expect(emu.requests.filter((q) => q.method !== 'GET' && !/\/(query|search)$/.test(q.path))).toEqual([]);
    expect(r.summary).toContain('Notes');
  });

  it('on merge, applies once the new plan was reviewed (the pull request comment updated)', async () => {
    const planned = await run({ eventName: 'pull_request', event: prEvent(1, '2222222bbbbbbb') });
    expect(planned.code).toBe(0);
    expect(ours(1)[0]?.body).toContain('Notes');
    const r = await run({ eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { command: 'apply', 'allow-destructive': 'true' } });
    expect(r.stdout).not.toContain('::error::');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/the plan is the one reviewed on pull request #1/);
    expect(r.summary).toContain('Apply succeeded');
  });

  it('on a push no pull request merged, refuses unless require-reviewed-plan is false', async () => {
    await writeFile(join(work, 'notion.schema.yaml'), schema(emu.rootPageId, { Phone: '{ type: phone_number }', Notes: '{ type: rich_text }', Due: '{ type: date }' }).replace('          Email: { type: email }\n', ''));
    const sha = 'fedcba9876543210fedcba9876543210fedcba98';
    const refused = await run({ eventName: 'push', event: pushEvent, ref: 'refs/heads/main', sha, inputs: { command: 'apply' } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/::error::notion-schema: not applying\. no reviewed plan: commit fedcba9 belongs to no merged pull request/);
    const forced = await run({ eventName: 'push', event: pushEvent, ref: 'refs/heads/main', sha, inputs: { command: 'apply', 'require-reviewed-plan': 'false' } });
    expect(forced.stdout).not.toContain('::error::');
    expect(forced.code).toBe(0);
    expect(forced.summary).toContain('Apply succeeded');
  });

  it('fails with the file, the problem and the fix when the schema file is missing or invalid', async () => {
    const missing = await run({ eventName: 'pull_request', event: prEvent(3, 'fffffff6666666'), inputs: { schema: 'nope/notion.schema.yaml' } });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/::error::notion-schema: input "schema": no schema file at "nope\/notion.schema.yaml" in .*actions\/checkout/);
    expect(missing.stdout + missing.stderr).not.toMatch(/\n\s+at /);
    const bad = await mkdtemp(join(tmpdir(), 'ns-action-e2e-bad-'));
    await writeFile(join(bad, 'notion.schema.yaml'), 'version: 1\ndatabases:\n  crm:\n    title: CRM\n');
    const invalid = await run({ eventName: 'pull_request', event: prEvent(3, 'fffffff6666666'), cwd: bad });
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/::error::notion-schema: the plan could not be made:%0Anotion.schema.yaml:\d+:\d+: error /);
    expect(ours(3)).toHaveLength(0);
  });

  it('validates the inputs up front: every bad one in one clear error, no stack trace, nothing sent', async () => {
    const before = emu.requests.length;
    const r = await run({ eventName: 'pull_request', event: prEvent(4, 'abcdef0123456'), inputs: { 'notion-token': '  ', 'fail-on': 'sometimes' } });
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('input "notion-token" is required');
    expect(errors[0]).toContain('input "fail-on" must be one of "manual", "destructive", "never", "forbidden"; got "sometimes"');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at |MODULE_NOT_FOUND|ERR_/);
    expect(emu.requests.length).toBe(before);
    expect(ours(4)).toHaveLength(0);
  });

  it('fits a plan over the 65,536-character comment limit by collapsing its largest sections, linking the full plan', async () => {
    const big = await mkdtemp(join(tmpdir(), 'ns-action-e2e-big-'));
    const dbs: string[] = [];
    for (let d = 0; d < 12; d++) {
      const props = [`          Name: { type: title }`];
      for (let p = 0; p < 60; p++) {
        props.push(`          Field ${d}-${p} with a fairly long property name: { type: rich_text, description: "A description long enough to make the plan big, number ${p}" }`);
      }
      dbs.push(`  db${d}:\n    title: Database ${d}\n    parent: { page_id: "${emu.rootPageId}" }\n    data_sources:\n      main:\n        title: Main ${d}\n        properties:\n${props.join('\n')}`);
    }
    await writeFile(join(big, 'notion.schema.yaml'), `version: 1\ndatabases:\n${dbs.join('\n')}\n`);
    const r = await run({ eventName: 'pull_request', event: prEvent(2, 'eeeeeee5555555'), cwd: big });
    expect(r.stdout).not.toContain('::error::');
    expect(r.code).toBe(0);
    const comments = ours(2);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.split('\n')[0]).toBe(marker);
    // Collapsed whole sections, never a cut sentence.
    expect(body).not.toContain('Plan truncated');
    expect(body).toMatch(/\n<details><summary><b>db\d+<\/b>: 61 to create, 1 to change<\/summary>\n|Collapsed to fit the comment; the steps are in the \[job summary of this workflow run\]/);
    expect(body).toContain('https://github.com/acme/notion-config/actions/runs/4242');
    expect(body.trimEnd().endsWith('</sub>')).toBe(true);
    expect(r.stdout).toContain('::warning::the plan comment is');
    // The job summary keeps the whole plan, beyond the comment limit.
    expect(r.summary.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(r.summary).toContain('Field 11-59');
    expect(r.summary).not.toContain('Plan truncated');
  });
  it('runs with env: staging: the staging vars and lock file, one comment per environment, and production refused until staging applied', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-action-e2e-env-'));
    const stagingParent = randomUUID();
    const prodParent = randomUUID();
    await emu.ensurePage(stagingParent, 'Staging parent');
    await emu.ensurePage(prodParent, 'Production parent');
    const text = (extra: string): string => `version: 1
environments:
  staging:    { token_env: NOTION_TOKEN_STAGING, vars: { PARENT: ${stagingParent} } }
  production: { token_env: NOTION_TOKEN_PROD, vars: { PARENT: ${prodParent} }, requires: staging }
databases:
  envcrm:
    title: Env CRM
    parent: { page_id: "\${PARENT}" }
    data_sources:
      people: { title: People, properties: { Name: { type: title }${extra} } }
`;
    await writeFile(join(dir, 'notion.schema.yaml'), text(''));
    const envMarker = commentMarker('notion.schema.yaml#staging');
    const planned = await run({ eventName: 'pull_request', event: prEvent(5, 'fffffff6666666'), cwd: dir, inputs: { env: 'staging' } });
    expect(planned.stdout).not.toContain('::error::');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('environment staging');
    const comments = gh.comments('acme', 'notion-config', 5).filter((c) => hasMarker(c.body, envMarker));
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('Environment: staging');
    const plan = JSON.parse(await readFile(planned.outputs['plan-path'] ?? '', 'utf8')) as Plan;
    expect(JSON.stringify(plan)).toContain(stagingParent);
    expect(JSON.stringify(plan)).not.toContain(prodParent);

    const push = { eventName: 'push', event: pushEvent, ref: 'refs/heads/main', cwd: dir } as const;
    const applied = await run({ ...push, inputs: { command: 'apply', env: 'staging', 'require-reviewed-plan': 'false' } });
    expect(applied.stdout).not.toContain('::error::');
    expect(applied.code).toBe(0);
    expect(applied.outputs['lock-path']).toMatch(/notion-schema\.staging\.lock\.json$/);
    expect(existsSync(join(dir, 'notion-schema.staging.lock.json'))).toBe(true);
    expect(existsSync(join(dir, 'notion-schema.lock.json'))).toBe(false);
    expect(emu.listDatabases().filter((d) => d.title === 'Env CRM')).toHaveLength(1);

    // A change staging has not applied yet: production refuses it, naming the order.
    await writeFile(join(dir, 'notion.schema.yaml'), text(', Email: { type: email }'));
    const refused = await run({ ...push, inputs: { command: 'apply', env: 'production', 'require-reviewed-plan': 'false' } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/::error::.*not applying to production: it requires staging/);
    expect(emu.listDatabases().filter((d) => d.title === 'Env CRM')).toHaveLength(1);
  });
});
