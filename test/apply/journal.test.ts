import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { FakeNotion } from './fake-notion.js';
import { fakeServices } from './fake-services.js';
import { createCrmPlan } from './plan-fixtures.js';

describe('journal', () => {
  it('records start, each request, each created id and the end under .notion-schema/journal', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-journal-'));
    const fake = new FakeNotion();
    const result = await applyPlan(createCrmPlan(), { client: fake, lockPath: path.join(dir, 'notion-schema.lock.json'), services: fakeServices(fake) });
    expect(result.journal?.startsWith(path.join(dir, '.notion-schema', 'journal'))).toBe(true);
    expect(readdirSync(path.join(dir, '.notion-schema', 'journal'))).toHaveLength(1);
    const lines = readFileSync(result.journal ?? '', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; kind?: string });
    expect(lines[0]?.type).toBe('start');
    expect(lines.at(-1)?.type).toBe('end');
    expect(lines.filter((l) => l.type === 'request')).toHaveLength(4);
    expect(lines.filter((l) => l.type === 'created').map((l) => l.kind)).toEqual(['database', 'data_source', 'data_source']);
  });
});
