import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getOctokit } from '@actions/github';
import { commentMarker, hasMarker } from '../../src/action/marker.js';
import { fitMarkdown, GITHUB_COMMENT_LIMIT } from '../../src/action/truncate.js';
import { buildCommentBody } from '../../src/action/comment-body.js';
import { upsertComment } from '../../src/action/pr-comment.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

const TOKEN = 'ghs_fake_token_123';

describe('commentMarker', () => {
  it('names the schema path in a hidden HTML comment', () => {
    expect(commentMarker('notion.schema.yaml')).toBe('<!-- notion-schema:plan:notion.schema.yaml -->');
    expect(commentMarker('./infra/notion.schema.yaml')).toBe('<!-- notion-schema:plan:infra/notion.schema.yaml -->');
  });

  it('differs between schema paths and never breaks out of the comment', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ma = commentMarker(a);
        const inner = ma.slice('<!-- '.length, -' -->'.length);
        expect(inner).not.toContain('--');
        expect(inner).not.toContain('>');
        expect(ma).not.toContain('\n');
        const norm = (p: string): string => p.replace(/\\/g, '/').replace(/^\.\//, '');
        if (norm(a) !== norm(b)) expect(ma).not.toBe(commentMarker(b));
      }),
    );
  });

  it('recognises a body only when the marker is its first line', () => {
    const m = commentMarker('a.yaml');
    expect(hasMarker(`${m}\nhello`, m)).toBe(true);
    expect(hasMarker(`> ${m}\nquoted`, m)).toBe(false);
    expect(hasMarker(`${commentMarker('b.yaml')}\nother`, m)).toBe(false);
    expect(hasMarker(null, m)).toBe(false);
  });
});

describe('fitMarkdown', () => {
  it('returns short text unchanged', () => {
    expect(fitMarkdown('abc\n', 100, 'NOTICE')).toEqual({ text: 'abc\n', truncated: false });
  });

  it('cuts at a line boundary, closes <details> and fences, and appends the notice', () => {
    const md = '**summary**\n\n<details><summary>Full plan</summary>\n\n```text\n' + 'line of plan\n'.repeat(1000) + '```\n\n</details>\n';
    const r = fitMarkdown(md, 2000, 'NOTICE: truncated');
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(2000);
    expect(r.text.startsWith('**summary**')).toBe(true);
    expect(r.text.trimEnd().endsWith('NOTICE: truncated')).toBe(true);
    expect(r.text).toMatch(/line of plan\n```\n\n<\/details>\n\nNOTICE/);
  });

  it('always fits the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 200 }), fc.integer({ min: 100, max: 3000 }), (lines, limit) => {
        const r = fitMarkdown(lines.join('\n'), limit, 'notice');
        expect(r.text.length).toBeLessThanOrEqual(limit);
      }),
    );
  });
});

describe('buildCommentBody', () => {
  const base = {
    marker: commentMarker('notion.schema.yaml'),
    schemaPath: 'notion.schema.yaml',
    runUrl: 'https://github.com/o/r/actions/runs/42',
    sha: 'abcdef1234567',
    toolVersion: '0.1.0',
  };

  it('starts with the marker, then the plan markdown', () => {
    const r = buildCommentBody({ ...base, planMarkdown: '**Plan:** 1 to create\n', hasChanges: true });
    expect(r.body.split('\n')[0]).toBe(base.marker);
    expect(r.body.split('\n')[1]).toBe('**Plan:** 1 to create');
    expect(r.truncated).toBe(false);
    expect(r.body).toContain('abcdef1');
  });

  it('says "No changes" when the plan is empty', () => {
    const r = buildCommentBody({ ...base, planMarkdown: '### notion-schema plan\n\n<details>x</details>', hasChanges: false });
    expect(r.body).toContain('No changes');
    expect(r.body).toContain('<details>x</details>');
    const own = buildCommentBody({ ...base, planMarkdown: '**No changes.** Live schema matches.', hasChanges: false });
    expect(own.body.match(/No changes/g)).toHaveLength(1);
  });

  it('truncates a plan over 65,536 characters with a notice that links the run', () => {
    const huge = '**Plan:** 5000 to change\n\n<details><summary>Full plan</summary>\n\n```\n' + 'x'.repeat(70).concat('\n').repeat(2000) + '```\n</details>\n';
    expect(huge.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const r = buildCommentBody({ ...base, planMarkdown: huge, hasChanges: true });
    expect(r.truncated).toBe(true);
    expect(r.fullLength).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    expect(r.body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(r.body.startsWith(base.marker)).toBe(true);
    expect(r.body).toContain('Plan truncated');
    expect(r.body).toContain('https://github.com/o/r/actions/runs/42');
    expect(r.body).toContain('</details>');
  });
});

describe('upsertComment against a fake GitHub API', () => {
  let gh: FakeGitHub;
  beforeAll(async () => {
    gh = await startFakeGitHub({ token: TOKEN });
  });
  afterAll(async () => {
    await gh.close();
  });

  const octokit = (): ReturnType<typeof getOctokit> => getOctokit(TOKEN, { baseUrl: gh.url });
  const target = { owner: 'acme', repo: 'site', issueNumber: 7 };

  it('creates one comment, then updates it in place, also when it is on a later page', async () => {
    for (let i = 0; i < 150; i++) gh.seed('acme', 'site', 7, `chatter ${i}`);
    const m = commentMarker('notion.schema.yaml');
    const first = await upsertComment(octokit(), target, m, `${m}\nfirst`);
    expect(first.action).toBe('created');
    for (let i = 0; i < 120; i++) gh.seed('acme', 'site', 7, `more chatter ${i}`);
    const second = await upsertComment(octokit(), target, m, `${m}\nsecond`);
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    const third = await upsertComment(octokit(), target, m, `${m}\nsecond`);
    expect(third).toMatchObject({ action: 'unchanged', id: first.id });
    const mine = gh.comments('acme', 'site', 7).filter((c) => hasMarker(c.body, m));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body).toBe(`${m}\nsecond`);
    // Paginated: the search followed Link headers across pages.
    expect(gh.requests.some((r) => r.method === 'GET' && r.path.includes('page=2'))).toBe(true);
  });

  it('keeps one comment per schema path', async () => {
    const a = commentMarker('a/notion.schema.yaml');
    const b = commentMarker('b/notion.schema.yaml');
    const t = { ...target, issueNumber: 8 };
    await upsertComment(octokit(), t, a, `${a}\nA`);
    await upsertComment(octokit(), t, b, `${b}\nB`);
    await upsertComment(octokit(), t, a, `${a}\nA2`);
    expect(gh.comments('acme', 'site', 8).map((c) => c.body)).toEqual([`${a}\nA2`, `${b}\nB`]);
  });

  it('fails clearly with a bad token', async () => {
    await expect(upsertComment(getOctokit('wrong', { baseUrl: gh.url }), target, 'x', 'y')).rejects.toThrow(/Bad credentials/);
  });
});

describe('buildCommentBody with a huge plan', () => {
  it('collapses the largest database sections instead of cutting, and stays under 65,536 characters', async () => {
    const { buildPlan } = await import('../../src/plan/index.js');
    const { planMarkdown } = await import('../../src/action/notion-engine.js');
    const { db, desired, ds, live, prop } = await import('../plan/builders.js');
    const state = desired(Array.from({ length: 80 }, (_, i) => db(`db${i}`, `Database ${i}`, [ds(`db${i}`, 'main', 'Main', [
      prop('Name', { type: 'title' }),
      ...Array.from({ length: 2 * i + 1 }, (_, j) => prop(`Field ${j}`, { type: 'select', options: [{ name: 'A', color: 'red' }, { name: `Option ${j}`, color: 'blue' }] })),
    ])])));
    const plan = buildPlan({ desired: state, live: live(), toolVersion: 't', notionVersion: '2025-09-03', target: 'local' }).plan;
    const md = planMarkdown(plan, state);
    expect(md.markdown.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const r = buildCommentBody({
      marker: commentMarker('notion.schema.yaml'), schemaPath: 'notion.schema.yaml', runUrl: 'https://github.com/o/r/actions/runs/42',
      sha: 'abcdef1234567', toolVersion: '0.1.0', planMarkdown: md.markdown, hasChanges: true,
      ...(md.fitMarkdown !== undefined ? { fitPlan: md.fitMarkdown } : {}),
    });
    expect(r.body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(r.truncated).toBe(true);
    // Collapsed, not cut: no truncation notice, the smallest database still in full, the largest a sentence.
    expect(r.body).not.toContain('Plan truncated');
    expect(r.body).toContain('<details open><summary><b>db0</b>:');
    expect(r.body).toMatch(/\n- \*\*db79\*\*: \d+ to create, 1 to change\. Collapsed to fit the comment; the steps are in the \[job summary of this workflow run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/42\)\.\n/);
    expect(r.body.trimEnd().endsWith('</sub>')).toBe(true);
  });
});
