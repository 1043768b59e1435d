import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { project, readJson, run, schema, TOKEN, writeJson, writes } from './helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

async function parent(): Promise<string> {
  const id = randomUUID();
  await emu.ensurePage(id, 'Trust parent');
  return id;
}

/** A project applied with Name + Due, then re-planned with `next` property lines into plan.json. */
async function appliedThenPlanned(title: string, next: readonly string[]): Promise<{ dir: string; planFile: string; plan: Json }> {
  const p = await parent();
  const dir = project(schema(p, title, ['Name: { type: title }', 'Due: { type: date }']));
  expect((await run(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
  writeFileSync(path.join(dir, 'notion.schema.yaml'), schema(p, title, next));
  const planned = await run(dir, emu.url, ['plan', '--out', 'plan.json']);
  expect(planned.code).toBe(0);
  const planFile = path.join(dir, 'plan.json');
  return { dir, planFile, plan: readJson(planFile) };
}

function propertyNames(title: string): string[] {
  const db = emu.listDatabases().find((d) => d.title === title);
  const dsId = db?.data_source_ids[0] ?? '';
  const ds = emu.state.data_sources[dsId] as unknown as { properties: Record<string, { name: string }> } | undefined;
  return Object.values(ds?.properties ?? {}).map((p) => p.name).sort();
}

async function applyEdited(dir: string, planFile: string, plan: Json, args: readonly string[] = []): Promise<{ code: number; stderr: string; writes: string[] }> {
  writeJson(planFile, plan);
  emu.clearRequests();
  const r = await run(dir, emu.url, ['apply', '--plan', 'plan.json', ...args]);
  return { code: r.code, stderr: r.stderr, writes: writes(emu) };
}

describe('issue 15 case 1: apply --plan verifies the plan instead of running its requests', () => {
  it('a "Due": null slipped into a safe request is refused; Due survives; zero writes', async () => {
    const { dir, planFile, plan } = await appliedThenPlanned('Trust null', ['Name: { type: title }', 'Due: { type: date }', 'Notes: { type: rich_text }']);
    expect(plan.steps.every((s: Json) => s.risk === 'safe')).toBe(true);
    plan.requests[0].body.properties.Due = null;
    const r = await applyEdited(dir, planFile, plan);
    expect([1, 3]).toContain(r.code);
    expect(r.writes).toEqual([]);
    expect(propertyNames('Trust null')).toContain('Due');
    expect(r.stderr).toMatch(/plan file .*(does not match|edited)/);
  });

  it('a remove_property step relabelled safe is refused without --allow-destructive', async () => {
    const { dir, planFile, plan } = await appliedThenPlanned('Trust relabel', ['Name: { type: title }']);
    const step = plan.steps.find((s: Json) => s.kind === 'remove_property');
    expect(step.risk).toBe('destructive');
    step.risk = 'safe';
    plan.summary.destructive = 0;
    const r = await applyEdited(dir, planFile, plan);
    expect([1, 3]).toContain(r.code);
    expect(r.writes).toEqual([]);
    expect(propertyNames('Trust relabel')).toContain('Due');
  });

  it('an added PATCH {"in_trash": true} request is refused and never sent', async () => {
    const { dir, planFile, plan } = await appliedThenPlanned('Trust trash', ['Name: { type: title }', 'Due: { type: date }', 'Notes: { type: rich_text }']);
    const dbId = plan.bindings.find((b: Json) => b.kind === 'database').id as string;
    plan.requests.push({ id: 'r9', endpoint: 'update_database', method: 'PATCH', target: dbId, body: { in_trash: true }, steps: [plan.steps[0].id], depends_on: [], idempotent: true });
    const r = await applyEdited(dir, planFile, plan);
    expect([1, 3]).toContain(r.code);
    expect(r.writes).toEqual([]);
    expect(emu.state.databases[dbId]?.in_trash ?? false).toBe(false);
  });

  it('clearing basis, steps or schema_hash is refused, not a check turned off', async () => {
    const { dir, planFile, plan } = await appliedThenPlanned('Trust clear', ['Name: { type: title }', 'Notes: { type: rich_text }']);
    for (const edit of [
      (p: Json) => { p.basis = []; },
      (p: Json) => { p.steps = []; p.requests = []; },
      (p: Json) => { p.schema_hash = null; },
      (p: Json) => { delete p.workspace; },
    ]) {
      const copy = structuredClone(plan);
      edit(copy);
      const r = await applyEdited(dir, planFile, copy, ['--allow-destructive']);
      expect([1, 3]).toContain(r.code);
      expect(r.writes).toEqual([]);
    }
    expect(propertyNames('Trust clear')).toContain('Due');
  });

  it('a forged bindings entry is refused and never reaches the lock file', async () => {
    const { dir, planFile, plan } = await appliedThenPlanned('Trust forged', ['Name: { type: title }', 'Due: { type: date }', 'Notes: { type: rich_text }']);
    const lockFile = path.join(dir, 'notion-schema.lock.json');
    const before = readFileSync(lockFile, 'utf8');
    plan.bindings.push({ kind: 'database', key: 'evil', id: randomUUID(), source: 'lock' });
    const r = await applyEdited(dir, planFile, plan);
    expect([1, 3]).toContain(r.code);
    expect(r.writes).toEqual([]);
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
  });

  it('the unedited plan still applies', async () => {
    const { dir, planFile, plan } = await appliedThenPlanned('Trust plain', ['Name: { type: title }', 'Due: { type: date }', 'Notes: { type: rich_text }']);
    const r = await applyEdited(dir, planFile, plan);
    expect(r.code).toBe(0);
    expect(propertyNames('Trust plain')).toEqual(['Due', 'Name', 'Notes']);
  });
});

describe('issue 15 case 2: a depends_on cycle', () => {
  it('is refused at once, before any write', async () => {
    const p = await parent();
    const yaml = schema(p, 'Cycle A', ['Name: { type: title }'])
      + ['  second:', '    title: Cycle B', `    parent: { page_id: "${p}" }`, '    data_sources:', '      main:', '        title: B', '        properties:', '          Name: { type: title }', ''].join('\n');
    const dir = project(yaml);
    expect((await run(dir, emu.url, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const planFile = path.join(dir, 'plan.json');
    const plan = readJson<Json>(planFile);
    expect(plan.requests.length).toBeGreaterThanOrEqual(2);
    plan.requests[0].depends_on = [plan.requests[1].id];
    plan.requests[1].depends_on = [plan.requests[0].id];
    plan.steps[0].depends_on = [plan.steps[1].id];
    plan.steps[1].depends_on = [plan.steps[0].id];
    const started = Date.now();
    const r = await applyEdited(dir, planFile, plan);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cycle|depends_on/);
    expect(r.writes).toEqual([]);
  });
});

describe('issue 15 case 3: a creates-only plan re-applied after the lock lost its bindings', () => {
  it('is stale (exit 3), creating nothing a second time', async () => {
    const p = await parent();
    const dir = project(schema(p, 'Trust twice', ['Name: { type: title }']));
    expect((await run(dir, emu.url, ['plan', '--out', 'plan.json'])).code).toBe(0);
    expect((await run(dir, emu.url, ['apply', '--plan', 'plan.json'])).code).toBe(0);
    rmSync(path.join(dir, 'notion-schema.lock.json'));
    rmSync(path.join(dir, '.notion-schema'), { recursive: true, force: true });
    emu.clearRequests();
    const again = await run(dir, emu.url, ['apply', '--plan', 'plan.json']);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/plan is stale/);
    expect(writes(emu)).toEqual([]);
    expect(emu.listDatabases().filter((d) => d.title === 'Trust twice')).toHaveLength(1);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('issue 15 case 4: a plan is tied to a workspace, not a URL', () => {
  it('a plan made for one workspace is refused by another behind the same URL', async () => {
    const port = await freePort();
    const pageId = randomUUID();
    const a = await startEmulator({ tokens: [TOKEN], port });
    await a.ensurePage(pageId, 'Parent');
    const dir = project(schema(pageId, 'Trust workspace', ['Name: { type: title }']));
    expect((await run(dir, a.url, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const plan = readJson<Json>(path.join(dir, 'plan.json'));
    expect(plan.workspace?.id).toBe(a.rootPageId);
    await a.close();
    const b = await startEmulator({ tokens: [TOKEN], port });
    try {
      await b.ensurePage(pageId, 'Parent');
      expect(b.url).toBe(a.url);
      const r = await run(dir, b.url, ['apply', '--plan', 'plan.json']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/workspace/);
      expect(b.listDatabases().filter((d) => d.title === 'Trust workspace')).toHaveLength(0);
      expect(existsSync(path.join(dir, 'notion-schema.lock.json'))).toBe(false);
    } finally {
      await b.close();
    }
  });
});
