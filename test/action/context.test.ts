import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunContext } from '../../src/action/event.js';
import { InputError, readInputs } from '../../src/action/inputs.js';
import { lockChange } from '../../src/action/lock-diff.js';

async function eventFile(value: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ns-action-ctx-'));
  const path = join(dir, 'event.json');
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('readRunContext', () => {
  it('reads the pull request, its head commit, the fork flag and the run URL', async () => {
    const path = await eventFile({
      pull_request: { number: 12, head: { sha: 'cafe', repo: { full_name: 'someone/fork' } }, base: { repo: { full_name: 'acme/site' } } },
      repository: { full_name: 'acme/site', default_branch: 'trunk' },
    });
    const ctx = readRunContext({
      GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'acme/site',
      GITHUB_RUN_ID: '7', GITHUB_SERVER_URL: 'https://ghe.example/', GITHUB_API_URL: 'https://ghe.example/api/v3/',
    });
    expect(ctx).toMatchObject({
      eventName: 'pull_request', owner: 'acme', repo: 'site', pullNumber: 12, fromFork: true, sha: 'cafe',
      defaultBranch: 'trunk', apiUrl: 'https://ghe.example/api/v3', runUrl: 'https://ghe.example/acme/site/actions/runs/7',
    });
  });

  it('has no pull request on push, and uses GITHUB_SHA', async () => {
    const path = await eventFile({ repository: { full_name: 'acme/site', default_branch: 'main' } });
    const ctx = readRunContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'acme/site', GITHUB_SHA: 'beef', GITHUB_REF: 'refs/heads/main' });
    expect(ctx).toMatchObject({ pullNumber: null, fromFork: false, sha: 'beef', ref: 'refs/heads/main', apiUrl: 'https://api.github.com', runUrl: null });
  });

  it('explains a missing workflow environment or a broken event file', async () => {
    expect(() => readRunContext({})).toThrow(/GITHUB_EVENT_NAME is not set/);
    expect(() => readRunContext({ GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'nope' })).toThrow(/GITHUB_REPOSITORY must be "owner\/name"/);
    const bad = await eventFile('{not json');
    expect(() => readRunContext({ GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'a/b', GITHUB_EVENT_PATH: bad })).toThrow(/is not valid JSON/);
  });
});

describe('readInputs', () => {
  const reader = (m: Record<string, string>) => (name: string): string => m[name] ?? '';

  it('applies the defaults', () => {
    expect(readInputs(reader({ 'notion-token': 't0ken' }), {})).toEqual({
      command: 'plan', schema: 'notion.schema.yaml', notionToken: 't0ken', githubToken: '', allowDestructive: false,
      comment: true, failOn: 'manual', apiUrl: 'https://api.notion.com', rateLimit: 3, requireReviewedPlan: true,
      env: '', apiUrlGiven: false,
    });
    expect(readInputs(reader({ 'notion-token': 't', env: ' staging ', 'api-url': 'http://127.0.0.1:2' }), {})).toMatchObject({ env: 'staging', apiUrlGiven: true });
    expect(readInputs(reader({ 'notion-token': 't' }), { NOTION_API_URL: 'http://127.0.0.1:1/' }).apiUrl).toBe('http://127.0.0.1:1');
  });

  it('names the input, the value and the allowed values', () => {
    const bad = (m: Record<string, string>): unknown => readInputs(reader({ 'notion-token': 't', ...m }), {});
    expect(() => bad({ command: 'destroy' })).toThrow(new InputError('input "command" must be one of "plan", "apply"; got "destroy".'));
    expect(() => bad({ comment: 'yes' })).toThrow('input "comment" must be "true" or "false"; got "yes".');
    expect(() => bad({ 'rate-limit': '0' })).toThrow(/input "rate-limit" must be a positive number/);
    expect(() => bad({ 'api-url': 'ftp://x' })).toThrow(/input "api-url" must be an http\(s\) URL/);
    expect(() => bad({ env: 'prod/../x' })).toThrow('input "env" must name an environment declared under environments: in the schema file (letters, digits, _ and -); got "prod/../x".');
    expect(() => bad({ 'require-reviewed-plan': 'maybe' })).toThrow('input "require-reviewed-plan" must be "true" or "false"; got "maybe".');
  });

  it('reads fail-on: forbidden as manual, its earlier name', () => {
    expect(readInputs(reader({ 'notion-token': 't', 'fail-on': 'forbidden' }), {}).failOn).toBe('manual');
    expect(readInputs(reader({ 'notion-token': 't', 'fail-on': 'manual' }), {}).failOn).toBe('manual');
    expect(readInputs(reader({ 'notion-token': 't' }), {}).failOn).toBe('manual');
  });

  it('reports every bad input at once, one line each', () => {
    const err = ((): unknown => {
      try {
        return readInputs(reader({ 'notion-token': '', 'fail-on': 'sometimes', comment: 'yes' }), {});
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    const lines = (err as Error).message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^input "notion-token" is required/);
    expect(lines.slice(1)).toEqual(['input "comment" must be "true" or "false"; got "yes".', 'input "fail-on" must be one of "manual", "destructive", "never", "forbidden"; got "sometimes".']);
  });
});

describe('lockChange', () => {
  it('is empty when nothing changed, a unified diff otherwise', () => {
    expect(lockChange('notion-schema.lock.json', 'a\n', 'a\n')).toEqual({ changed: false, diff: '' });
    const created = lockChange('notion-schema.lock.json', null, '{\n  "version": 1\n}\n');
    expect(created.changed).toBe(true);
    expect(created.diff.split('\n').slice(0, 2)).toEqual(['--- /dev/null', '+++ b/notion-schema.lock.json']);
    expect(created.diff).toContain('+  "version": 1');
    const edited = lockChange('l.json', '{\n  "a": 1\n}\n', '{\n  "a": 2\n}\n');
    expect(edited.diff).toContain('-  "a": 1\n+  "a": 2');
  });
});
