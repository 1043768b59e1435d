import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { countByTitle, projectDir } from './apply-helpers.js';

// Two emulators stand in for two workspaces; each accepts only its own token.
const STAGING_TOKEN = 'staging-token-0123456789';
const PROD_TOKEN = 'production-token-9876543210';
let staging: EmulatorHandle;
let production: EmulatorHandle;
beforeAll(async () => {
  staging = await startEmulator({ tokens: [STAGING_TOKEN] });
  production = await startEmulator({ tokens: [PROD_TOKEN] });
});
afterAll(async () => {
  await staging.close();
  await production.close();
});

const ENV = { NOTION_TOKEN_STAGING: STAGING_TOKEN, NOTION_TOKEN_PROD: PROD_TOKEN };

function schema(title: string, extraProps = ''): string {
  return `version: 1
environments:
  staging:    { token_env: NOTION_TOKEN_STAGING, api_url: "${staging.url}", rate_limit: 1000, vars: { PARENT: ${staging.rootPageId} }, default: true }
  production: { token_env: NOTION_TOKEN_PROD, api_url: "${production.url}", rate_limit: 1000, vars: { PARENT: ${production.rootPageId} }, requires: staging }
databases:
  tasks:
    title: ${title}
    parent: { page_id: "\${PARENT}" }
    data_sources:
      main:
        title: Tasks
        properties:
          Name: { type: title }
          Done: { type: checkbox }${extraProps}
`;
}

const run = (dir: string, args: readonly string[], env: Record<string, string> = ENV): Promise<CliRun> => runCli(args, { cwd: dir, env });
const lockOf = (dir: string, env: string): { databases: Record<string, { id: string; data_sources: Record<string, string> }>; last_applied?: { schema_hash: string } } =>
  JSON.parse(readFileSync(path.join(dir, `notion-schema.${env}.lock.json`), 'utf8')) as never;
const idsOf = (lock: ReturnType<typeof lockOf>): string[] => Object.values(lock.databases).flatMap((d) => [d.id, ...Object.values(d.data_sources)]);

describe('environments: one schema file, two workspaces, through the real CLI', () => {
  it('apply staging, plan and apply production without staging ids, status in sync, then drift on production exits 2', async () => {
    const dir = projectDir(schema('Env Tasks'));
    const applied = await run(dir, ['apply', '--env', 'staging', '--yes']);
    expect(applied.stderr).toContain(`environment staging: target ${staging.url}`);
    expect(applied.code, applied.stderr).toBe(0);
    expect(countByTitle(staging, 'Env Tasks')).toBe(1);
    expect(countByTitle(production, 'Env Tasks')).toBe(0);
    const stagingIds = idsOf(lockOf(dir, 'staging'));
    expect(stagingIds).toHaveLength(2);
    expect(existsSync(path.join(dir, 'notion-schema.lock.json'))).toBe(false);

    const plan = await run(dir, ['plan', '--env', 'production', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toContain(`environment production: target ${production.url}`);
    const steps = (JSON.parse(plan.stdout) as { steps: { kind: string }[] }).steps.map((s) => s.kind);
    expect(steps).toContain('create_database');
    for (const id of stagingIds) expect(plan.stdout).not.toContain(id);
    expect(plan.stdout).toContain(production.rootPageId);
    expect(plan.stdout).not.toContain(staging.rootPageId);

    const prod = await run(dir, ['apply', '--env', 'production', '--yes']);
    expect(prod.code, prod.stderr).toBe(0);
    expect(countByTitle(production, 'Env Tasks')).toBe(1);
    expect(countByTitle(staging, 'Env Tasks')).toBe(1);
    for (const id of stagingIds) expect(idsOf(lockOf(dir, 'production'))).not.toContain(id);

    const inSync = await run(dir, ['status']);
    expect(inSync.code, inSync.stdout + inSync.stderr).toBe(0);
    expect(inSync.stdout).toMatch(new RegExp(`staging\\s+${staging.url.replace(/[.]/g, '\\.')}\\s+in sync`));
    expect(inSync.stdout).toMatch(/production\s+\S+\s+in sync/);
    expect(inSync.stdout).toContain('Every environment is in sync');

    writeFileSync(path.join(dir, 'notion.schema.yaml'), schema('Env Tasks', '\n          Notes: { type: rich_text }'));
    // Promotion: production refuses a schema staging never applied.
    const early = await run(dir, ['apply', '--env', 'production', '--yes']);
    expect(early.code).toBe(3);
    expect(early.stderr).toContain('not applying to production: it requires staging, and staging last applied another version of notion.schema.yaml');
    expect(early.stderr).toContain('notion-schema apply --env staging');
    expect((await run(dir, ['apply', '--yes'])).code).toBe(0); // the default environment: staging

    const drift = await run(dir, ['status']);
    expect(drift.code, drift.stdout + drift.stderr).toBe(2);
    expect(drift.stdout).toMatch(/staging\s+\S+\s+in sync/);
    expect(drift.stdout).toMatch(/production\s+\S+\s+1 change\s/);
    expect(drift.stdout).toContain('Out of sync: production.');
    expect(drift.stdout + drift.stderr).not.toContain(STAGING_TOKEN);
    expect(drift.stdout + drift.stderr).not.toContain(PROD_TOKEN);
    // Now staging has applied this file: production may.
    expect((await run(dir, ['apply', '--env', 'production', '--yes'])).code).toBe(0);
    expect((await run(dir, ['status'])).code).toBe(0);
  });

  it('a plan saved for production applies only to production (apply --plan --env)', async () => {
    const dir = projectDir(schema('Env Saved'));
    expect((await run(dir, ['apply', '--env', 'staging', '--yes'])).code).toBe(0);
    const saved = await run(dir, ['plan', '--env', 'production', '--out', 'prod.json']);
    expect(saved.code, saved.stderr).toBe(0);
    const wrong = await run(dir, ['apply', '--plan', 'prod.json']); // the default environment: staging
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain(`it was made for target ${production.url}`);
    expect(countByTitle(production, 'Env Saved')).toBe(0);
    const right = await run(dir, ['apply', '--plan', 'prod.json', '--env', 'production']);
    expect(right.code, right.stderr).toBe(0);
    expect(countByTitle(production, 'Env Saved')).toBe(1);
    expect(countByTitle(staging, 'Env Saved')).toBe(1);
    expect(lockOf(dir, 'production').last_applied?.schema_hash).toBe(lockOf(dir, 'staging').last_applied?.schema_hash);
  });

  it('an unknown --env fails listing the declared environments; a missing token names its variable', async () => {
    const dir = projectDir(schema('Env Unknown'));
    const bad = await run(dir, ['plan', '--env', 'prod']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('notion.schema.yaml:2:1: error: unknown environment "prod"; the file declares: staging, production');
    const noToken = await run(dir, ['plan', '--env', 'production'], { NOTION_TOKEN_STAGING: STAGING_TOKEN });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('environment production: NOTION_TOKEN_PROD is not set');
    const status = await run(dir, ['status'], { NOTION_TOKEN_STAGING: STAGING_TOKEN });
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/staging\s+\S+\s+\d+ changes/);
    expect(status.stdout).toMatch(/production\s+\S+\s+error: environment production: NOTION_TOKEN_PROD is not set/);
    expect(status.stdout).toContain('Could not check production.');
    expect(status.stdout + status.stderr).not.toContain(STAGING_TOKEN);
  });

  it('pull --merge --env records ids in the environment\'s lock file, never as id: in the file', async () => {
    const dir = projectDir(schema('Env Pulled'));
    expect((await run(dir, ['apply', '--env', 'staging', '--yes'])).code).toBe(0);
    const before = readFileSync(path.join(dir, 'notion.schema.yaml'), 'utf8');
    const pulled = await run(dir, ['pull', '--all', '--merge', '--env', 'staging']);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toContain('lock: notion-schema.staging.lock.json');
    const after = readFileSync(path.join(dir, 'notion.schema.yaml'), 'utf8');
    expect(after).not.toMatch(/^\s+id:/m);
    expect(after).toContain('parent: { page_id: "${PARENT}" }');
    expect(after).toContain('environments:');
    expect(after).not.toBe('');
    expect(before).not.toMatch(/^\s+id:/m);
    const ids = idsOf(lockOf(dir, 'staging'));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect((await run(dir, ['plan', '--env', 'production', '--json'])).stdout).not.toContain(ids[0] ?? 'none');
  });
});

describe('a project from before environments', () => {
  const single = (url: string, parent: string): string => `version: 1
databases:
  tasks:
    title: Legacy Tasks
    parent: { page_id: "${parent}" }
    data_sources:
      main: { title: Tasks, properties: { Name: { type: title } } }
`;

  it('still plans unchanged with its single lock file; declaring environments refuses until migrate-lock moves it', async () => {
    const dir = projectDir(single(production.url, production.rootPageId));
    const env = { NOTION_TOKEN: PROD_TOKEN };
    expect((await run(dir, ['--api-url', production.url, 'apply', '--yes'], env)).code).toBe(0);
    const lock = readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8');
    const unchanged = await run(dir, ['--api-url', production.url, 'plan', '--detailed-exitcode'], env);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stdout).toContain('No changes');

    const withEnvs = `environments:\n  production: { token_env: NOTION_TOKEN_PROD, api_url: "${production.url}" }\n${single(production.url, production.rootPageId)}`;
    writeFileSync(path.join(dir, 'notion.schema.yaml'), withEnvs);
    const refused = await run(dir, ['plan']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('notion-schema migrate-lock --env production');
    const moved = await run(dir, ['migrate-lock', '--env', 'production']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain('Moved notion-schema.lock.json → notion-schema.production.lock.json');
    expect(existsSync(path.join(dir, 'notion-schema.lock.json'))).toBe(false);
    expect(readFileSync(path.join(dir, 'notion-schema.production.lock.json'), 'utf8')).toBe(lock);
    const after = await run(dir, ['plan', '--env', 'production', '--detailed-exitcode']);
    expect(after.code, after.stderr).toBe(0);
    expect(countByTitle(production, 'Legacy Tasks')).toBe(1);
    const again = await run(dir, ['migrate-lock', '--env', 'production']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('there is no notion-schema.lock.json');
  });
});
