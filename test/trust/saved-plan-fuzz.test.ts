import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { project, readJson, run, schema, TOKEN, writeJson, writes } from './helpers.js';

/**
 * Issue 15 "must show": random edits to a saved plan (steps, requests, bindings, basis,
 * depends_on, anything) are either refused (exit 1 or 3, zero writes, lock file untouched) or have
 * exactly the unedited plan's effect.
 */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const RUNS = process.env['LONG'] !== undefined ? 300 : 40;

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

const BEFORE = ['Name: { type: title }', 'Due: { type: date }', 'Stage: { type: select, options: [{ name: A }, { name: B }] }'];
const AFTER = ['Name: { type: title }', 'Due: { type: date }', 'Stage: { type: select, options: [{ name: A }, { name: B }, { name: C }] }', 'Notes: { type: rich_text }', 'Score: { type: number }'];

interface Fixture { dir: string; planFile: string; plan: Json; lock: string; title: string }

/** A database applied with BEFORE, then planned towards AFTER (all safe steps) into plan.json. */
async function fixture(): Promise<Fixture> {
  const parent = randomUUID();
  await emu.ensurePage(parent, 'Fuzz parent');
  const title = `Fuzz ${randomUUID().slice(0, 8)}`;
  const dir = project(schema(parent, title, BEFORE));
  const first = await run(dir, emu.url, ['apply', '--yes']);
  expect(first.code, first.stderr).toBe(0);
  writeFileSync(path.join(dir, 'notion.schema.yaml'), schema(parent, title, AFTER));
  expect((await run(dir, emu.url, ['plan', '--out', 'plan.json'])).code).toBe(0);
  const planFile = path.join(dir, 'plan.json');
  return { dir, planFile, plan: readJson(planFile), lock: readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8'), title };
}

/** Every path to a value inside `v` (objects and arrays included), root excluded. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => [[...at, k], ...paths(v[k], [...at, k])]);
}

type Edit =
  | { op: 'delete' | 'duplicate' | 'swap' }
  | { op: 'set'; value: unknown };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant({ op: 'delete' as const }),
  fc.constant({ op: 'duplicate' as const }),
  fc.constant({ op: 'swap' as const }),
  fc.record({ op: fc.constant('set' as const), value: fc.oneof(
    fc.constantFrom(null, true, false, 0, 1, -1, '', 'safe', 'destructive', 'PATCH', 'DELETE', 's1', 'r1', 2, [], {}),
    fc.constantFrom({ in_trash: true }, { Due: null }, ['r1'], ['s1', 's2'], { $ref: 'database_id', key: 'evil' }),
    fc.uuid(),
    fc.string({ maxLength: 6 }),
  ) }),
);

/** Applies `edit` at `p` inside a copy of `plan`; returns the copy. */
function edited(plan: Json, p: (string | number)[], edit: Edit): Json {
  const copy = structuredClone(plan);
  let holder = copy;
  for (const k of p.slice(0, -1)) holder = holder[k];
  const last = p[p.length - 1] as string | number;
  if (edit.op === 'set') holder[last] = edit.value;
  else if (edit.op === 'delete') {
    if (Array.isArray(holder)) holder.splice(last as number, 1);
    else delete holder[last];
  } else if (Array.isArray(holder)) {
    const i = last as number;
    if (edit.op === 'duplicate') holder.splice(i, 0, structuredClone(holder[i]));
    else if (holder.length > 1) [holder[i], holder[(i + 1) % holder.length]] = [holder[(i + 1) % holder.length], holder[i]];
  } else {
    holder[`${String(last)}_copy`] = structuredClone(holder[last]);
  }
  return copy;
}

function liveProperties(title: string): string[] {
  const db = emu.listDatabases().find((d) => d.title === title && !d.in_trash);
  const ds = emu.state.data_sources[db?.data_source_ids[0] ?? ''] as unknown as { properties: Record<string, { name: string; type: string; config: { options?: { name: string }[] } }> } | undefined;
  return Object.values(ds?.properties ?? {}).map((p) => `${p.name}:${p.type}${p.config.options ? `[${p.config.options.map((o) => o.name).join(',')}]` : ''}`).sort();
}

const EXPECTED = ['Due:date', 'Name:title', 'Notes:rich_text', 'Score:number', 'Stage:select[A,B,C]'];

describe('fuzzing saved plans (issue 15)', () => {
  it('every edited plan is refused with zero writes, or does exactly what the unedited one does', async () => {
    let fx = await fixture();
    let refused = 0;
    let applied = 0;
    await fc.assert(fc.asyncProperty(fc.nat(), editArb, async (pick, edit) => {
      const all = paths(fx.plan);
      const p = all[pick % all.length] ?? ['steps'];
      writeJson(fx.planFile, edited(fx.plan, p, edit));
      emu.clearRequests();
      const r = await run(fx.dir, emu.url, ['apply', '--plan', 'plan.json']);
      if (process.env['FUZZ_DEBUG']) console.error('FUZZ', p.join('.'), JSON.stringify(edit), r.code, writes(emu).length, r.stderr.slice(0, 300));
      const lockNow = readFileSync(path.join(fx.dir, 'notion-schema.lock.json'), 'utf8');
      if (r.code !== 0) {
        refused++;
        expect([1, 3], `${p.join('.')} ${JSON.stringify(edit)}: ${r.stderr}`).toContain(r.code);
        expect(writes(emu), `${p.join('.')} ${JSON.stringify(edit)}`).toEqual([]);
        expect(lockNow).toBe(fx.lock);
        return;
      }
      applied++;
      // Accepted: the effect is the unedited plan's, to the property and option. The fixture is
      // made again before asserting, so a shrinking re-run starts from an unapplied plan.
      const done = fx;
      const live = liveProperties(done.title);
      const copies = emu.listDatabases().filter((d) => d.title === done.title).length;
      const next = await run(done.dir, emu.url, ['plan', '--detailed-exitcode']);
      fx = await fixture();
      const what = `${p.join('.')} ${JSON.stringify(edit)}`;
      expect(live, what).toEqual(EXPECTED);
      expect(copies, what).toBe(1);
      expect(next.code, `${what}: ${next.stdout}`).toBe(0);
    }), { numRuns: RUNS, seed: process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : undefined });
    // The property exercised both outcomes' checks at least once over the run.
    expect(refused).toBeGreaterThan(0);
    expect(refused + applied).toBe(RUNS);
  }, 240_000);
});
