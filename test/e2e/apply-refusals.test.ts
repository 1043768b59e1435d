import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { ApplyResult } from '../../src/model/apply.js';
import { cli, projectDir, taskSchema, TOKEN, freshParent, countByTitle } from './apply-helpers.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

describe('apply through the CLI: refusals and failures', () => {
  it('refuses a stale plan: live schema changed, or schema file changed', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }'));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    writeFileSync(path.join(dir, 'notion.schema.yaml'), taskSchema(parent, 'Name: { type: title }\nDue: { type: date }'));
    expect((await cli(dir, emu.url, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: { tasks: { data_sources: { main: string } } } };
    const notion = new Client({ auth: TOKEN, baseUrl: emu.url });
    await notion.dataSources.update({ data_source_id: lock.databases.tasks.data_sources.main, properties: { Extra: { url: {} } } });
    const stale = await cli(dir, emu.url, ['apply', '--plan', 'plan.json']);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toMatch(/plan is stale: 1 object changed since the plan was made; run plan again\n {2}data source tasks\.main \(.+\) changed\n/);
    // A plan made before a schema-file edit is refused too (checked before any request).
    writeFileSync(path.join(dir, 'notion.schema.yaml'), taskSchema(parent, 'Name: { type: title }\nDue: { type: date }\nDone: { type: checkbox }'));
    const edited = await cli(dir, emu.url, ['apply', '--plan', 'plan.json']);
    expect(edited.code).toBe(3);
    expect(edited.stderr).toMatch(/plan is stale: the schema file .* changed/);
  });

  it('refuses a saved plan whose schema file is not found from here, instead of writing a new lock file elsewhere', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }', 'Elsewhere'));
    expect((await cli(dir, emu.url, ['plan', '--out', 'plan.json'])).code).toBe(0);
    const sub = path.join(dir, 'sub');
    mkdirSync(sub);
    const lost = await cli(sub, emu.url, ['apply', '--plan', '../plan.json']);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toMatch(/notion\.schema\.yaml.*not found/);
    expect(countByTitle(emu, 'Elsewhere')).toBe(0);
    expect(existsSync(path.join(sub, 'notion-schema.lock.json'))).toBe(false);
    // Naming the file applies the plan, with the lock file beside it.
    const named = await cli(sub, emu.url, ['apply', '../notion.schema.yaml', '--plan', '../plan.json']);
    expect(named.code).toBe(0);
    expect(countByTitle(emu, 'Elsewhere')).toBe(1);
    expect(existsSync(path.join(dir, 'notion-schema.lock.json'))).toBe(true);
  });

  it('runs one apply at a time per project; a pid file left by a killed apply is taken over', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }', 'One at a time'));
    mkdirSync(path.join(dir, '.notion-schema'));
    const pidFile = path.join(dir, '.notion-schema', 'apply.pid');
    // A live process (this test) holds the project: the apply refuses before any request.
    writeFileSync(pidFile, `${process.pid}\n`);
    const busy = await cli(dir, emu.url, ['apply', '--yes']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/another apply is running for this project \(pid \d+/);
    expect(countByTitle(emu, 'One at a time')).toBe(0);
    // A dead pid (an apply killed with SIGKILL): taken over, and the file is removed at the end.
    writeFileSync(pidFile, '999999999\n');
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    expect(countByTitle(emu, 'One at a time')).toBe(1);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('refuses a forbidden change and lists what to do in the Notion app', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }\nWhere: { type: rich_text }'));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    writeFileSync(path.join(dir, 'notion.schema.yaml'), taskSchema(parent, 'Name: { type: title }\nWhere: { type: place }'));
    const refused = await cli(dir, emu.url, ['apply', '--yes']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/\d+ manual steps? that the API cannot perform/);
    expect(refused.stderr).toMatch(/tasks\.main\.Where/);
  });

  it('on a failed request: reports per step, exits 1, says how to resume; the saved plan is then stale; re-planning converges', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(taskSchema(parent, 'Name: { type: title }\nAmount: { type: number, format: dollar }', 'Failing'));
    expect((await cli(dir, emu.url, ['plan', '--out', 'plan.json'])).code).toBe(0);
    // The PATCH after the create fails definitively: the API answers 409 (a conflicting edit, never retried).
    // (An edited plan file cannot be the cause: apply --plan refuses any plan that differs from the one it makes again.)
    const saved = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as { requests: { endpoint: string; target?: unknown }[] };
    expect(saved.requests.find((r) => r.endpoint === 'update_data_source')?.target).toEqual({ $ref: 'data_source_id', key: 'tasks.main' });
    emu.setFaults('409@PATCH/v1/data_sources/*=1');
    const failed = await cli(dir, emu.url, ['apply', '--plan', 'plan.json', '--json']).finally(() => emu.setFaults(null));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('To resume: fix the cause and run `notion-schema apply` again');
    const result = JSON.parse(failed.stdout) as ApplyResult;
    expect(result.ok).toBe(false);
    const failedSteps = result.steps.filter((s) => s.status === 'failed');
    expect(failedSteps.length).toBeGreaterThan(0);
    expect(failedSteps[0]?.message).toMatch(/409 conflict_error/);
    // The database was created before the failure and recorded in the lock file.
    expect(result.created.map((c) => c.kind)).toContain('database');
    const lock = readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8');
    expect(lock).toContain(result.created[0]?.id ?? 'missing');
    // The same saved plan again would create the database twice: refused as stale.
    const again = await cli(dir, emu.url, ['apply', '--plan', 'plan.json']);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/plan is stale: \d+ objects? changed since the plan was made; run plan again\n {2}database tasks exists now/);
    const human = await cli(dir, emu.url, ['apply', '--yes']);
    expect(human.code).toBe(0);
    expect(countByTitle(emu, 'Failing')).toBe(1);
  });

  it('requires --yes when not on a terminal, and rejects an unknown plan format', async () => {
    const dir = projectDir(taskSchema(await freshParent(emu), 'Name: { type: title }'));
    const noYes = await cli(dir, emu.url, ['apply']);
    expect(noYes.code).toBe(3);
    expect(noYes.stderr).toMatch(/--yes/);
    writeFileSync(path.join(dir, 'bad-plan.json'), JSON.stringify({ format_version: 99 }));
    const bad = await cli(dir, emu.url, ['apply', '--plan', 'bad-plan.json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/format_version 99; this notion-schema reads format_version 2/);
    // A format 1 plan (ids as text inside strings) is never run: the user is told to plan again.
    writeFileSync(path.join(dir, 'v1-plan.json'), JSON.stringify({ format_version: 1, steps: [], requests: [] }));
    const before = emu.requests.length;
    const v1 = await cli(dir, emu.url, ['apply', '--plan', 'v1-plan.json']);
    expect(emu.requests.length).toBe(before);
    expect(v1.code).toBe(1);
    expect(v1.stderr).toMatch(/format_version 1: it was made by an older notion-schema/);
    expect(v1.stderr).toMatch(/make the plan again: `notion-schema plan --out \S*v1-plan\.json`/);
  });
});
