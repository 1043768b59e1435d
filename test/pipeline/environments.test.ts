import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlockedError, UserInputError } from '../../src/errors.js';
import type { LockFile } from '../../src/model/lock.js';
import { parseLockFile, removeDatabase, serializeLockFile, setLastApplied, setRecordedProperties } from '../../src/notion/lock-file.js';
import { checkLegacyLock, migrateLegacyLock } from '../../src/pipeline/legacy-lock.js';
import { layoutForEnvironment } from '../../src/pipeline/project.js';
import { checkPromotion, recordApplied } from '../../src/pipeline/promotion.js';
import { statusMarkdown, statusTable } from '../../src/render/index.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const ID = '11111111-1111-4111-8111-111111111111';
const DS = '22222222-2222-4222-8222-222222222222';
const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'ns-envs-'));
const LOCK: LockFile = { version: 1, databases: { crm: { id: ID, data_sources: { main: DS } } }, properties: { 'crm.main': { Name: { id: 'title' } } } };

describe('last_applied in the lock file', () => {
  it('round-trips, and survives the pure lock updates', () => {
    const lock = setLastApplied(LOCK, HASH_A, new Date('2026-12-06T10:00:00.123Z'));
    expect(lock.last_applied).toEqual({ schema_hash: HASH_A, at: '2026-12-06T10:00:00Z' });
    expect(parseLockFile(serializeLockFile(lock), 'l.json')).toEqual(lock);
    expect(setRecordedProperties(lock, 'crm.main', {}).last_applied).toEqual(lock.last_applied);
    expect(removeDatabase(lock, 'crm')).toEqual({ version: 1, databases: {}, last_applied: lock.last_applied });
    expect(serializeLockFile(LOCK)).not.toContain('last_applied');
  });

  it('refuses a malformed record', () => {
    expect(() => parseLockFile(JSON.stringify({ version: 1, databases: {}, last_applied: { schema_hash: 'x', at: 'now' } }), 'l.json')).toThrow(UserInputError);
  });
});

describe('promotion (requires:)', () => {
  it('passes only when the required environment last applied this very schema hash', async () => {
    const dir = tmp();
    const lockPath = path.join(dir, 'notion-schema.staging.lock.json');
    const rule = { environment: 'production', requires: 'staging', lockPath };
    await expect(checkPromotion(rule, HASH_A, 's.yaml')).rejects.toThrow('staging has never recorded an apply');
    await recordApplied(lockPath, HASH_B, { now: new Date('2026-12-01T00:00:00Z') });
    const first = readFileSync(lockPath, 'utf8');
    await recordApplied(lockPath, HASH_B, { unlessSame: true, now: new Date('2026-12-02T00:00:00Z') });
    expect(readFileSync(lockPath, 'utf8')).toBe(first); // a no-op apply leaves the committed file alone
    const refused = checkPromotion(rule, HASH_A, 's.yaml');
    await expect(refused).rejects.toBeInstanceOf(BlockedError);
    await expect(refused).rejects.toThrow('not applying to production: it requires staging, and staging last applied another version of s.yaml (schema bbbbbbbbbbbb, at 2026-12-01T00:00:00Z)');
    await recordApplied(lockPath, HASH_A);
    await expect(checkPromotion(rule, HASH_A, 's.yaml')).resolves.toBeUndefined();
  });
});

describe('the single lock file and migrate-lock', () => {
  const project = (): { dir: string; schema: string } => {
    const dir = tmp();
    const schema = path.join(dir, 'notion.schema.yaml');
    writeFileSync(schema, 'databases: {}\n');
    writeFileSync(path.join(dir, 'notion-schema.lock.json'), serializeLockFile(LOCK));
    return { dir, schema };
  };

  it('an environment without its own lock is refused while the single one remains; with its own, the single one is ignored', () => {
    const { dir, schema } = project();
    expect(() => checkLegacyLock(schema, 'staging', 'notion.schema.yaml')).toThrow('notion-schema migrate-lock --env staging');
    writeFileSync(path.join(dir, 'notion-schema.staging.lock.json'), serializeLockFile({ version: 1, databases: {} }));
    expect(() => checkLegacyLock(schema, 'staging', 'notion.schema.yaml')).not.toThrow();
  });

  it('moves the lock (and a local environment\'s workspace) into the environment', async () => {
    const { dir, schema } = project();
    mkdirSync(path.join(dir, '.notion-schema'), { recursive: true });
    writeFileSync(path.join(dir, '.notion-schema', 'local-workspace.json'), '{}');
    const before = readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8');
    const r = await migrateLegacyLock(schema, 'dev', true);
    expect(r.moved).toEqual([
      { from: 'notion-schema.lock.json', to: 'notion-schema.dev.lock.json' },
      { from: path.join('.notion-schema', 'local-workspace.json'), to: path.join('.notion-schema', 'env', 'dev', 'local-workspace.json') },
    ]);
    expect(readFileSync(layoutForEnvironment(schema, 'dev').lockPath, 'utf8')).toBe(before);
    await expect(migrateLegacyLock(schema, 'dev', true)).rejects.toThrow('there is no notion-schema.lock.json');
  });

  it('refuses while an interrupted apply\'s journal is pending, or when the environment already has a lock', async () => {
    const { dir, schema } = project();
    mkdirSync(path.join(dir, '.notion-schema', 'journal'), { recursive: true });
    writeFileSync(path.join(dir, '.notion-schema', 'journal', '1.jsonl'), '{"at":"x","type":"start"}\n');
    await expect(migrateLegacyLock(schema, 'prod', false)).rejects.toThrow('an interrupted apply left a journal');
    writeFileSync(path.join(dir, '.notion-schema', 'journal', '1.jsonl'), '{"at":"x","type":"start"}\n{"at":"y","type":"end","ok":true}\n');
    writeFileSync(path.join(dir, 'notion-schema.prod.lock.json'), '{}');
    await expect(migrateLegacyLock(schema, 'prod', false)).rejects.toThrow('environment prod already has notion-schema.prod.lock.json');
    expect(existsSync(path.join(dir, 'notion-schema.lock.json'))).toBe(true);
  });
});

describe('the status table', () => {
  const id = (s: string): string => s;
  const style = { green: id, yellow: id, red: id, bold: id };
  const summary = { create: 1, change: 1, remove: 1, destructive: 1, manual: 1, requests: 3, has_changes: true };
  const rows = [
    { environment: 'staging', target: 'https://api.notion.com', summary: { ...summary, create: 0, change: 0, remove: 0, destructive: 0, manual: 0, has_changes: false }, lastApplied: { at: '2026-12-06T10:00:00Z', schemaHash: HASH_A }, appliedCurrent: true },
    { environment: 'production', target: 'https://api.notion.com', summary, lastApplied: { at: '2026-12-01T10:00:00Z', schemaHash: HASH_B }, appliedCurrent: false },
    { environment: 'qa', target: '?', error: 'NOTION_TOKEN_QA is not set' },
  ];

  it('one row per environment: in sync, N changes (destructive, manual), error; the last apply', () => {
    expect(statusTable(rows, style)).toBe([
      'ENVIRONMENT  TARGET                  STATE                                LAST APPLIED',
      'staging      https://api.notion.com  in sync                              2026-12-06T10:00:00Z (aaaaaaaaaaaa, this file)',
      'production   https://api.notion.com  3 changes (1 destructive, 1 manual)  2026-12-01T10:00:00Z (bbbbbbbbbbbb, another version)',
      'qa           ?                       error: NOTION_TOKEN_QA is not set    never',
      '',
      'Could not check qa.',
      '',
      'Out of sync: production. See the changes with `notion-schema plan --env production`.',
      '',
    ].join('\n'));
    expect(statusMarkdown(rows)).toContain('| production | https://api.notion.com | 3 changes (1 destructive, 1 manual) |');
  });
});
