import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanFile } from '../../src/apply/plan-file.js';
import { UserInputError } from '../../src/errors.js';
import { createCrmPlan } from './plan-fixtures.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-planfile-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('reading a saved plan', () => {
  it('reads a plan that matches the format', async () => {
    const plan = createCrmPlan();
    expect(await readPlanFile(file('ok.json', JSON.stringify(plan)))).toEqual(plan);
  });

  it('rejects invalid JSON, an unknown format_version and a schema mismatch, saying how to fix', async () => {
    await expect(readPlanFile(file('a.json', '{'))).rejects.toThrow(/is not valid JSON .*notion-schema plan --out/);
    await expect(readPlanFile(file('b.json', '{"format_version":3}'))).rejects.toThrow(/format_version 3; this notion-schema reads format_version 2/);
    // A plan from before references became JSON nodes: say plainly that it must be made again.
    const v1 = (await readPlanFile(file('v1.json', JSON.stringify({ ...createCrmPlan(), format_version: 1 }))).catch((e: unknown) => e)) as Error;
    expect(v1.message).toMatch(/format_version 1: .*older notion-schema.*make the plan again: `notion-schema plan --out /);
    const bad = { ...createCrmPlan(), steps: [{ id: 's1', kind: 'explode' }] };
    const err = await readPlanFile(file('c.json', JSON.stringify(bad))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as UserInputError).diagnostics.some((d) => d.message.startsWith('/steps/0'))).toBe(true);
    await expect(readPlanFile(path.join(dir, 'missing.json'))).rejects.toThrow(/cannot read plan file/);
  });
});
