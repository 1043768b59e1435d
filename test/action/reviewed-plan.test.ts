import { describe, expect, it } from 'vitest';
import { digestLine, planDigest, readDigest } from '../../src/action/reviewed-plan.js';
import { buildCommentBody } from '../../src/action/comment-body.js';
import { commentMarker, hasMarker } from '../../src/action/marker.js';
import { addProperty, makePlan } from './plan-fixture.js';

describe('the reviewed-plan digest', () => {
  it('depends on the steps and requests, not on key order, tool version or target', () => {
    const plan = makePlan([addProperty('s1', 'Email')]);
    const same = { ...JSON.parse(JSON.stringify(plan)), tool_version: '9.9.9', target: 'elsewhere' } as typeof plan;
    expect(planDigest(same)).toBe(planDigest(plan));
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys)
        : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
          : v;
    const reordered = reverseKeys(plan) as typeof plan;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(plan));
    expect(planDigest(reordered)).toBe(planDigest(plan));
    expect(planDigest(makePlan([addProperty('s1', 'Phone')]))).not.toBe(planDigest(plan));
  });

  it('is recorded as a hidden second line of the comment, and read back', () => {
    const digest = planDigest(makePlan([addProperty('s1', 'Email')]));
    const marker = commentMarker('notion.schema.yaml');
    const { body } = buildCommentBody({ marker, schemaPath: 'notion.schema.yaml', planMarkdown: '**Plan:** 1 step', hasChanges: true, runUrl: null, sha: null, toolVersion: '0.1.0', planDigest: digest });
    expect(hasMarker(body, marker)).toBe(true);
    expect(body.split('\n')[1]).toBe(digestLine(digest));
    expect(readDigest(body)).toBe(digest);
    expect(readDigest(`${marker}\nno digest here`)).toBeNull();
  });
});
