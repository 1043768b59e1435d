import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPlan, renderJson, renderMarkdown, renderText } from '../../src/plan/index.js';
import { graphOfDesired } from '../../src/render/index.js';
import { SCENARIOS } from './scenarios.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';

function golden(dir: string, file: string, actual: string): void {
  const path = `${dir}/${file}`;
  if (update || !existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
    if (!update) throw new Error(`golden ${path} was missing and has been written; review it and re-run`);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden plan renderings', () => {
  it('covers at least 10 scenarios', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(10);
  });
  for (const sc of SCENARIOS) {
    it(`${sc.name}: grouped text, compact text, markdown and JSON match the fixtures`, () => {
      const { plan } = buildPlan({ desired: sc.desired, live: sc.live, toolVersion: '0.0.0-test', notionVersion: '2025-09-03', target: 'local' });
      const dir = `${FIXTURES}plan-${sc.name}`;
      golden(dir, 'plan.txt', renderText(plan));
      golden(dir, 'plan-compact.txt', renderText(plan, undefined, { compact: true }));
      golden(dir, 'plan.md', renderMarkdown(plan, { graph: graphOfDesired(sc.desired) }));
      golden(dir, 'plan.json', renderJson(plan));
    });
  }
});
