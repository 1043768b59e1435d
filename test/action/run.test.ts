import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, EngineOptions } from '../../src/action/engine.js';
import { BlockedError, NotionApiError } from '../../src/errors.js';
import type { ApplyResult } from '../../src/model/apply.js';
import type { Plan } from '../../src/model/plan.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runInProcess } from './in-process.js';
import { addProperty, makePlan, manualStep, removeProperty } from './plan-fixture.js';

const NOTION_TOKEN = 'ntn_inprocesssecret0123456789';
const GH_TOKEN = 'ghs_inprocess_token_abc';

interface Recorder {
  opened: EngineOptions[];
  applied: { allowDestructive: boolean; skipManual: boolean }[];
  closed: number;
}

function fakeEngine(plan: Plan, lockPath: string, apply?: () => Promise<ApplyResult>): { engine: Engine; rec: Recorder } {
  const rec: Recorder = { opened: [], applied: [], closed: 0 };
  const engine: Engine = async (opts) => {
    rec.opened.push(opts);
    const outcome = { plan, markdown: `**Plan:** ${plan.steps.length} step(s)\n\n${plan.steps.map((s) => `- ${s.reason}`).join('\n')}\n`, warnings: [], errors: [], lockPath };
    return {
      lockPath,
      plan: async () => outcome,
      apply: async (o) => {
        // The engine contract: show once, then confirm, then apply.
        await o.show(outcome);
        if (plan.steps.length === 0 || !(await o.confirm(plan))) return null;
        rec.applied.push({ allowDestructive: o.allowDestructive, skipManual: o.skipManual });
        if (apply) return apply();
        await writeFile(lockPath, '{\n  "version": 1,\n  "databases": {\n    "crm": { "id": "x" }\n  }\n}\n');
        return { ok: true, steps: plan.steps.map((s) => ({ step: s.id, status: 'applied' as const })), created: [], requests: 2, elapsed_ms: 5, verification: [] };
      },
      close: async () => {
        rec.closed++;
      },
    };
  };
  return { engine, rec };
}

const prEvent = {
  pull_request: { number: 5, head: { sha: 'abc1234def', repo: { full_name: 'acme/site' } }, base: { repo: { full_name: 'acme/site' } } },
  repository: { full_name: 'acme/site', default_branch: 'main' },
};
const pushEvent = { repository: { full_name: 'acme/site', default_branch: 'main' } };
/** These tests are about applying; the reviewed-plan check has its own tests (e2e.test.ts). */
const unreviewed = { 'require-reviewed-plan': 'false' };

describe('runAction (in process, fake engine)', () => {
  let gh: FakeGitHub;
  let dir: string;
  beforeAll(async () => {
    gh = await startFakeGitHub({ token: GH_TOKEN, readOnlyTokens: ['ghs_read_only_fork_token'] });
    dir = await mkdtemp(join(tmpdir(), 'ns-action-run-test-'));
  });
  afterAll(async () => {
    await gh.close();
  });
  const base = { 'notion-token': NOTION_TOKEN, 'github-token': GH_TOKEN };

  it('refuses apply on a pull_request event before connecting to Notion', async () => {
    const { engine, rec } = fakeEngine(makePlan([addProperty('s1', 'Email')]), join(dir, 'l1.json'));
    const r = await runInProcess(engine, { eventName: 'pull_request', event: prEvent, inputs: { ...base, command: 'apply' }, githubApiUrl: gh.url });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error::.*refusing to run "apply" on a pull_request event/);
    expect(rec.opened).toHaveLength(0);
  });

  it('refuses apply on a push to a branch other than the default one', async () => {
    const { engine, rec } = fakeEngine(makePlan([addProperty('s1', 'Email')]), join(dir, 'l2.json'));
    const r = await runInProcess(engine, { eventName: 'push', event: pushEvent, ref: 'refs/heads/feature', inputs: { ...base, command: 'apply' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('runs only on the default branch');
    expect(rec.opened).toHaveLength(0);
  });

  it('requires notion-token and never falls back to the local workspace', async () => {
    const { engine, rec } = fakeEngine(makePlan([]), join(dir, 'l3.json'));
    const r = await runInProcess(engine, { eventName: 'pull_request', event: prEvent, inputs: { 'github-token': GH_TOKEN } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('input "notion-token" is required');
    expect(rec.opened).toHaveLength(0);
  });

  it('rejects a bad fail-on value with the allowed values', async () => {
    const { engine } = fakeEngine(makePlan([]), join(dir, 'l4.json'));
    const r = await runInProcess(engine, { eventName: 'pull_request', event: prEvent, inputs: { ...base, 'fail-on': 'sometimes' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('input "fail-on" must be one of "manual", "destructive", "never", "forbidden"; got "sometimes"');
  });

  it('redacts both tokens from the comment and the job summary even if the plan text carried them (last line of defence)', async () => {
    const step = { ...addProperty('s1', 'Email'), reason: `add property ${NOTION_TOKEN} and ${GH_TOKEN}` } as ReturnType<typeof addProperty>;
    const { engine } = fakeEngine(makePlan([step]), join(dir, 'l5b.json'));
    const event = { ...prEvent, pull_request: { ...prEvent.pull_request, number: 77 } };
    const r = await runInProcess(engine, { eventName: 'pull_request', event, inputs: base, githubApiUrl: gh.url });
    expect(r.exitCode).toBe(0);
    const bodies = gh.comments('acme', 'site', 77).map((c) => c.body).join('\n');
    expect(bodies).toContain('[REDACTED]');
    expect(bodies + r.summary).not.toContain(NOTION_TOKEN);
    expect(bodies + r.summary).not.toContain(GH_TOKEN);
  });

  it('masks both tokens and never prints them otherwise', async () => {
    const { engine, rec } = fakeEngine(makePlan([addProperty('s1', 'Email')]), join(dir, 'l5.json'));
    const r = await runInProcess(engine, { eventName: 'pull_request', event: prEvent, inputs: base, githubApiUrl: gh.url });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`::add-mask::${NOTION_TOKEN}`);
    expect(r.stdout).toContain(`::add-mask::${GH_TOKEN}`);
    const rest = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    expect(rest).not.toContain(NOTION_TOKEN);
    expect(JSON.stringify(r.outputs) + r.summary).not.toContain(NOTION_TOKEN);
    expect(rec.opened[0]).toMatchObject({ token: NOTION_TOKEN, apiUrl: 'https://api.notion.com', rateLimit: 3, schemaPath: 'notion.schema.yaml' });
    expect(rec.closed).toBe(1);
  });

  it('fail-on decides: destructive fails on a destructive plan, manual (the default) does not', async () => {
    const plan = makePlan([removeProperty('s1', 'Legacy')]);
    const strict = await runInProcess(fakeEngine(plan, join(dir, 'l6.json')).engine, {
      eventName: 'pull_request', event: prEvent, inputs: { ...base, comment: 'false', 'fail-on': 'destructive' },
    });
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toContain('1 destructive step that would delete data');
    expect(strict.stdout).toContain('s1 remove_property crm.contacts → Legacy');
    expect(strict.outputs).toMatchObject({ 'has-changes': 'true', destructive: 'true', forbidden: 'false' });
    const lenient = await runInProcess(fakeEngine(plan, join(dir, 'l7.json')).engine, {
      eventName: 'pull_request', event: prEvent, inputs: { ...base, comment: 'false' },
    });
    expect(lenient.exitCode).toBe(0);
  });

  it('fail-on never reports a forbidden plan without failing', async () => {
    const plan = makePlan([manualStep('s1', 'Change the formula in the Notion app')]);
    const r = await runInProcess(fakeEngine(plan, join(dir, 'l8.json')).engine, {
      eventName: 'pull_request', event: prEvent, inputs: { ...base, comment: 'false', 'fail-on': 'never' },
    });
    expect(r.exitCode).toBe(0);
    expect(r.outputs['forbidden']).toBe('true');
  });

  it('applies on push to the default branch and exposes the lock-file change', async () => {
    const lockPath = join(dir, 'l9.json');
    const { engine, rec } = fakeEngine(makePlan([addProperty('s1', 'Email')]), lockPath);
    const r = await runInProcess(engine, { eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { ...base, ...unreviewed, command: 'apply', 'allow-destructive': 'true' } });
    expect(r.exitCode).toBe(0);
    expect(rec.applied).toEqual([{ allowDestructive: true, skipManual: false }]);
    expect(r.outputs['lock-changed']).toBe('true');
    expect(r.outputs['lock-diff']).toContain('+    "crm": { "id": "x" }');
    expect(r.outputs['lock-path']).toBe(lockPath);
    expect(r.stdout).toContain('+    "crm": { "id": "x" }');
    expect(r.summary).toContain('Apply succeeded');
    expect(await readFile(lockPath, 'utf8')).toContain('"crm"');
  });

  it('reports a refused apply with the safety rule and a hint', async () => {
    const plan = makePlan([removeProperty('s1', 'Legacy')]);
    const { engine } = fakeEngine(plan, join(dir, 'l10.json'), async () => {
      throw new BlockedError('the plan has 1 destructive step; pass --allow-destructive', ['s1 remove_property Legacy']);
    });
    const r = await runInProcess(engine, { eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { ...base, ...unreviewed, command: 'apply' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('apply refused: the plan has 1 destructive step');
    expect(r.stdout).toContain('allow-destructive: true');
    expect(r.outputs['lock-changed']).toBe('false');
  });

  it('posts and then updates one comment per pull request and schema path', async () => {
    const plan = makePlan([addProperty('s1', 'Email')]);
    const ev = { ...prEvent, pull_request: { ...prEvent.pull_request, number: 77 } };
    const first = await runInProcess(fakeEngine(plan, join(dir, 'l14.json')).engine, { eventName: 'pull_request', event: ev, inputs: base, githubApiUrl: gh.url });
    const other = await runInProcess(fakeEngine(plan, join(dir, 'l15.json')).engine, { eventName: 'pull_request', event: ev, inputs: { ...base, schema: 'other/notion.schema.yaml' }, githubApiUrl: gh.url });
    const again = await runInProcess(fakeEngine(makePlan([addProperty('s1', 'Phone')]), join(dir, 'l16.json')).engine, { eventName: 'pull_request', event: ev, inputs: base, githubApiUrl: gh.url });
    expect([first.exitCode, other.exitCode, again.exitCode]).toEqual([0, 0, 0]);
    expect(again.outputs['comment-id']).toBe(first.outputs['comment-id']);
    expect(other.outputs['comment-id']).not.toBe(first.outputs['comment-id']);
    const bodies = gh.comments('acme', 'site', 77).map((c) => c.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('add property Phone');
    expect(bodies[1]?.split('\n')[0]).toBe('<!-- notion-schema:plan:other/notion.schema.yaml -->');
  });

  it('reports an API error during apply as such, not as a refusal', async () => {
    const { engine } = fakeEngine(makePlan([addProperty('s1', 'Email')]), join(dir, 'l17.json'), async () => {
      throw new NotionApiError('PATCH /v1/data_sources/x: Could not find data source', 404, 'object_not_found', 'req-1', 'share the database with the integration');
    });
    const r = await runInProcess(engine, { eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { ...base, ...unreviewed, command: 'apply' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('::error::notion-schema: Notion API error 404 object_not_found: PATCH /v1/data_sources/x: Could not find data source%0Ahint: share the database with the integration');
    expect(r.stdout).not.toContain('apply refused');
    expect(r.outputs['lock-changed']).toBe('false');
  });

  it('reports failed steps of an apply', async () => {
    const plan = makePlan([addProperty('s1', 'Email')]);
    const { engine } = fakeEngine(plan, join(dir, 'l11.json'), async () => ({
      ok: false, steps: [{ step: 's1', status: 'failed', message: 'HTTP 400 validation_error' }], created: [], requests: 1, elapsed_ms: 3, verification: [],
    }));
    const r = await runInProcess(engine, { eventName: 'push', event: pushEvent, ref: 'refs/heads/main', inputs: { ...base, ...unreviewed, command: 'apply' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('apply failed');
    expect(r.stdout).toContain('step s1: HTTP 400 validation_error');
    expect(r.summary).toContain('Apply failed');
  });

  it('does not fail the plan when the comment cannot be written (read-only token), and says why', async () => {
    const ro = await runInProcess(fakeEngine(makePlan([addProperty('s1', 'Email')]), join(dir, 'l13.json')).engine, {
      eventName: 'pull_request', event: { ...prEvent, pull_request: { ...prEvent.pull_request, number: 78 } },
      inputs: { ...base, 'github-token': 'ghs_read_only_fork_token' }, githubApiUrl: gh.url,
    });
    expect(ro.exitCode).toBe(0);
    expect(ro.stdout).toMatch(/::warning::could not write the pull-request comment \(HTTP 403.*pull-requests: write/);
    expect(ro.summary).toContain('add property Email');
    expect(ro.outputs['has-changes']).toBe('true');

    const { engine } = fakeEngine(makePlan([addProperty('s1', 'Email')]), join(dir, 'l12.json'));
    const r = await runInProcess(engine, { eventName: 'pull_request', event: prEvent, inputs: { ...base, 'github-token': '' }, githubApiUrl: gh.url });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('::warning::no github-token');
    expect(r.summary).toContain('add property Email');
  });
});

describe('runAction with the real engine, in process, against the emulator', () => {
  it('fails clearly on a token Notion rejects, without printing it', async () => {
    const { startEmulator } = await import('../../src/emulator/index.js');
    const { notionEngine } = await import('../../src/action/notion-engine.js');
    const emu = await startEmulator({ tokens: ['ntn_therighttoken000000'] });
    const cwd = await mkdtemp(join(tmpdir(), 'ns-action-badtoken-'));
    await writeFile(join(cwd, 'notion.schema.yaml'), `version: 1\ndatabases:\n  crm:\n    title: CRM\n    parent: { page_id: "${emu.rootPageId}" }\n    data_sources:\n      contacts:\n        title: Contacts\n        properties:\n          Name: { type: title }\n`);
    try {
      const wrong = 'ntn_wrongtoken1234567890';
      const r = await runInProcess(notionEngine, {
        eventName: 'pull_request', event: prEvent, cwd,
        inputs: { 'notion-token': wrong, comment: 'false', 'api-url': emu.url, 'rate-limit': '1000' },
      });
      expect(r.exitCode).toBe(1);
      const error = r.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
      expect(error).toMatch(/Notion API error 401/);
      expect(error).toContain("check the `notion-token` input");
      expect(r.stdout.replace(`::add-mask::${wrong}`, '')).not.toContain(wrong);
      expect(r.outputs['has-changes']).toBeUndefined();
    } finally {
      await emu.close();
    }
  });
});
