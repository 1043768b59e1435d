import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/action/engine.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runInProcess } from './in-process.js';

const GH_TOKEN = 'ghs_fake_write_token';
const EXAMPLE = readFileSync(new URL('../../examples/notion.schema.yaml', import.meta.url), 'utf8');

/** A checkout of a pull request from a fork: the base commit has the example schema, the head removes Website and adds Tier. */
function forkCheckout(): { dir: string; baseSha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ns-fork-'));
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim();
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'notion.schema.yaml'), EXAMPLE);
  git('add', '.');
  git('commit', '-qm', 'base');
  const baseSha = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'notion.schema.yaml'), EXAMPLE.replace('          Website: { type: url }\n', '')
    .replace('          Logo: { type: files }\n', '          Logo: { type: files }\n          Tier: { type: select, options: [{ name: Gold, color: yellow }] }\n'));
  git('commit', '-qam', 'head');
  return { dir, baseSha };
}

const forkEvent = (baseSha: string): unknown => ({
  pull_request: { number: 9, head: { sha: 'f0f0f0f0f0', repo: { full_name: 'someone/site' } }, base: { sha: baseSha, repo: { full_name: 'acme/site' } } },
  repository: { full_name: 'acme/site', default_branch: 'main' },
});

/** An engine that must never be opened: no request reaches Notion. */
const noNotion: Engine = async () => { throw new Error('Notion was contacted'); };

describe('the Action on a pull request from a fork (no Notion token)', () => {
  let gh: FakeGitHub;
  beforeAll(async () => { gh = await startFakeGitHub({ token: GH_TOKEN }); });
  afterAll(async () => { await gh.close(); });

  it('compares the schema with the base branch\'s, says so in the comment, and fails on fail-on: destructive', async () => {
    const { dir, baseSha } = forkCheckout();
    const r = await runInProcess(noNotion, { eventName: 'pull_request', event: forkEvent(baseSha), inputs: { 'github-token': GH_TOKEN }, githubApiUrl: gh.url, cwd: dir });
    expect(r.stdout).not.toContain('::error::');
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ 'has-changes': 'true', destructive: 'true' });
    const body = gh.comments('acme', 'site', 9)[0]?.body ?? '';
    expect(body).toContain('> [!NOTE]\n> **No Notion token**: pull requests from forks get no secrets, so this compares the schema file with the base branch\'s');
    expect(body).toContain(`\`${baseSha.slice(0, 7)}\``);
    expect(body).toMatch(/Remove url property "Website" from crm\.companies/);
    expect(body).toContain('+       options: Gold (yellow)');
    // Never applied: no plan digest is recorded.
    expect(body).not.toContain('notion-schema:plan-digest');
    expect(r.summary).toContain('**No Notion token**');
    const strict = await runInProcess(noNotion, { eventName: 'pull_request', event: forkEvent(baseSha), inputs: { 'github-token': GH_TOKEN, 'fail-on': 'destructive' }, githubApiUrl: gh.url, cwd: dir });
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toContain('1 destructive step that would delete data');
  });

  it('still requires the token on a pull request from the same repository, and for apply', async () => {
    const { dir, baseSha } = forkCheckout();
    const same = { pull_request: { number: 9, head: { sha: 'f0f0', repo: { full_name: 'acme/site' } }, base: { sha: baseSha, repo: { full_name: 'acme/site' } } }, repository: { full_name: 'acme/site', default_branch: 'main' } };
    const r = await runInProcess(noNotion, { eventName: 'pull_request', event: same, inputs: { 'github-token': GH_TOKEN }, githubApiUrl: gh.url, cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('input "notion-token" is required');
  });

  it('falls back to HEAD^1 (the base of a merge checkout) when the base commit was not fetched', async () => {
    const { dir } = forkCheckout();
    const r = await runInProcess(noNotion, { eventName: 'pull_request', event: forkEvent('1234567890123456789012345678901234567890'), inputs: { 'github-token': GH_TOKEN }, githubApiUrl: gh.url, cwd: dir });
    expect(r.stdout).not.toContain('::error::');
    expect(r.exitCode).toBe(0);
    const body = gh.comments('acme', 'site', 9).at(-1)?.body ?? '';
    expect(body).toContain('(`HEAD^1`)');
    expect(body).toMatch(/Remove url property "Website"/);
  });

  it('treats a schema file new in the pull request as all created', async () => {
    const { dir } = forkCheckout();
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim();
    git('mv', 'notion.schema.yaml', 'crm.schema.yaml');
    git('commit', '-qm', 'renamed');
    const r = await runInProcess(noNotion, { eventName: 'pull_request', event: forkEvent(git('rev-parse', 'HEAD~1')), inputs: { 'github-token': GH_TOKEN, schema: 'crm.schema.yaml', 'fail-on': 'never' }, githubApiUrl: gh.url, cwd: dir });
    expect(r.stdout).not.toContain('::error::');
    expect(r.exitCode).toBe(0);
    expect(r.outputs['has-changes']).toBe('true');
    const body = gh.comments('acme', 'site', 9).at(-1)?.body ?? '';
    expect(body).toMatch(/\*\*Plan: \d+ to create, \d+ to change, 0 to remove/);
  });
});
