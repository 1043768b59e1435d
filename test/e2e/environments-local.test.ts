import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { projectDir } from './apply-helpers.js';

const DEV_PARENT = randomUUID();
const QA_PARENT = randomUUID();
const SCHEMA = `version: 1
environments:
  dev: { local: true, vars: { PARENT: ${DEV_PARENT} }, default: true, description: each developer's own }
  qa:  { local: true, vars: { PARENT: ${QA_PARENT} } }
databases:
  tasks:
    title: Local Env Tasks
    parent: { page_id: "\${PARENT}" }
    data_sources:
      main: { title: Tasks, properties: { Name: { type: title }, Done: { type: checkbox } } }
`;
const run = (dir: string, args: readonly string[]): Promise<CliRun> => runCli(args, { cwd: dir });
const dsId = (dir: string, env: string): string =>
  (JSON.parse(readFileSync(path.join(dir, `notion-schema.${env}.lock.json`), 'utf8')) as { databases: { tasks: { data_sources: { main: string } } } }).databases.tasks.data_sources.main;

describe('local environments through the real CLI (each its own embedded workspace)', () => {
  it('validate, apply, status, codegen --from-live and forget, per environment', async () => {
    const dir = projectDir(SCHEMA);
    const valid = await run(dir, ['validate']);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toContain('is valid in every environment (dev, qa)');

    const applied = await run(dir, ['apply', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`environment dev: the embedded local workspace (${path.join('.notion-schema', 'env', 'dev', 'local-workspace.json')})`);
    expect(existsSync(path.join(dir, '.notion-schema', 'env', 'dev', 'local-workspace.json'))).toBe(true);
    expect(existsSync(path.join(dir, '.notion-schema', 'local-workspace.json'))).toBe(false);

    const one = await run(dir, ['status']);
    expect(one.code, one.stderr).toBe(2);
    expect(one.stdout).toMatch(/dev\s+local \(\S+\)\s+in sync\s+\d{4}-\d\d-\d\dT\S+ \(\w{12}, this file\)/);
    expect(one.stdout).toMatch(/qa\s+local \(\S+qa\S+\)\s+\d+ changes\s+never/);
    const json = JSON.parse((await run(dir, ['status', '--json'])).stdout) as { environment: string; summary: { has_changes: boolean } }[];
    expect(json.map((r) => [r.environment, r.summary.has_changes])).toEqual([['dev', false], ['qa', true]]);

    expect((await run(dir, ['apply', '--env', 'qa', '--yes'])).code).toBe(0);
    const both = await run(dir, ['status', '--markdown']);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('| qa | local (');
    expect(dsId(dir, 'qa')).not.toBe(dsId(dir, 'dev'));

    const gen = await run(dir, ['codegen', '--env', 'qa', '--from-live', '--out', 'types.ts']);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stderr).toContain('environment qa:');
    const code = readFileSync(path.join(dir, 'types.ts'), 'utf8');
    expect(code).toContain(dsId(dir, 'qa'));
    expect(code).not.toContain(dsId(dir, 'dev'));

    const devLock = readFileSync(path.join(dir, 'notion-schema.dev.lock.json'), 'utf8');
    const forgot = await run(dir, ['forget', 'tasks', '--env', 'qa']);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'notion-schema.qa.lock.json'), 'utf8')).not.toContain('"tasks"');
    expect(readFileSync(path.join(dir, 'notion-schema.dev.lock.json'), 'utf8')).toBe(devLock);
    expect((await run(dir, ['forget', 'tasks'])).code).toBe(0); // the default environment: dev
    expect(readFileSync(path.join(dir, 'notion-schema.dev.lock.json'), 'utf8')).not.toContain('"tasks"');
  });

  it('pull --out DIR/ --env qa reads qa\'s workspace and records its ids in qa\'s lock beside DIR, none in the files', async () => {
    const dir = projectDir(SCHEMA);
    expect((await run(dir, ['apply', '--env', 'qa', '--yes'])).code).toBe(0);
    // A directory schema whose environments live in a file of their own, which pull leaves alone.
    mkdirSync(path.join(dir, 'schema'));
    const envs = SCHEMA.slice(0, SCHEMA.indexOf('databases:'));
    writeFileSync(path.join(dir, 'schema', 'environments.yaml'), envs);
    const pulled = await run(dir, ['pull', '--all', '--out', 'schema/', '--env', 'qa', '--force']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toContain('environment qa');
    expect(pulled.stderr).toContain('lock: notion-schema.qa.lock.json');
    expect(pulled.stderr).not.toContain('do not validate');
    expect(existsSync(path.join(dir, 'notion-schema.lock.json'))).toBe(false);
    const files = readdirSync(path.join(dir, 'schema')).sort();
    expect(files).toEqual(['environments.yaml', 'tasks.yaml']);
    expect(readFileSync(path.join(dir, 'schema', 'tasks.yaml'), 'utf8')).not.toMatch(/^\s+id:/m);
    expect(readFileSync(path.join(dir, 'schema', 'environments.yaml'), 'utf8')).toBe(envs);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.qa.lock.json'), 'utf8')) as { databases: { tasks?: { data_sources: { main?: string } } } };
    expect(lock.databases.tasks?.data_sources.main).toBe(dsId(dir, 'qa'));
    // The directory plans clean against qa: the same objects, found through qa's lock.
    const plan = await run(dir, ['plan', 'schema', '--env', 'qa', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('pull --out DIR/ --env NAME into a directory without schema files names what is missing', async () => {
    const dir = projectDir(SCHEMA);
    const pulled = await run(dir, ['pull', '--all', '--out', 'fresh/', '--env', 'qa']);
    expect(pulled.code).toBe(1);
    expect(pulled.stderr).toContain('--env qa: fresh/ holds no schema files, so it declares no environments');
    expect(existsSync(path.join(dir, 'fresh'))).toBe(false);
  });

  it('status of a file without environments: one row, the single lock file', async () => {
    const dir = projectDir(SCHEMA.replace(/^environments:\n( {2}.*\n)+/m, '').replace('"${PARENT}"', DEV_PARENT));
    const s = await run(dir, ['status']);
    expect(s.code, s.stdout + s.stderr).toBe(2);
    expect(s.stdout).toMatch(/^default\s+local \(\.notion-schema\/local-workspace\.json\)\s+\d+ changes\s+never$/m);
    expect(s.stdout).toContain('See the changes with `notion-schema plan`.');
    expect((await run(dir, ['plan', '--env', 'dev'])).stderr).toContain('--env dev: the file declares no environments');
  });
});
