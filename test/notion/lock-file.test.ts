import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import {
  EMPTY_LOCK, lockPathFor, parseLockFile, readLockFile, removeDatabase, removeDataSource, setDatabaseId, setDataSourceId, writeLockFile,
} from '../../src/notion/lock-file.js';

const A = '0c5e5c3a-1111-4222-8333-444455556666';
const B = '9b1e0000-0000-4000-8000-000000000001';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ns-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lock file', () => {
  it('sits beside the schema file', () => {
    expect(lockPathFor('/a/b/notion.schema.yaml')).toBe('/a/b/notion-schema.lock.json');
    expect(lockPathFor('notion.schema.yaml')).toBe('notion-schema.lock.json');
  });

  it('reads a missing file as an empty lock', async () => {
    expect(await readLockFile(join(dir, 'nope.json'))).toEqual(EMPTY_LOCK);
  });

  it('round-trips with sorted keys, dashed ids and no temp files left behind', async () => {
    let lock = setDatabaseId(EMPTY_LOCK, 'zeta', A.replace(/-/g, '').toUpperCase());
    lock = setDataSourceId(lock, 'zeta', 'main', B);
    lock = setDatabaseId(lock, 'alpha', B);
    lock = setDataSourceId(lock, 'zeta', 'aux', A);
    const path = join(dir, 'notion-schema.lock.json');
    await writeLockFile(path, lock);
    const text = await readFile(path, 'utf8');
    expect(text.indexOf('"alpha"')).toBeLessThan(text.indexOf('"zeta"'));
    expect(text.indexOf('"aux"')).toBeLessThan(text.indexOf('"main"'));
    expect(text.endsWith('\n')).toBe(true);
    expect(await readLockFile(path)).toEqual({
      version: 1,
      databases: { alpha: { id: B, data_sources: {} }, zeta: { id: A, data_sources: { aux: A, main: B } } },
    });
    expect(await readdir(dir)).toEqual(['notion-schema.lock.json']);
  });

  it('set/remove helpers are pure', () => {
    const one = setDataSourceId(setDatabaseId(EMPTY_LOCK, 'crm', A), 'crm', 'contacts', B);
    const two = removeDataSource(one, 'crm', 'contacts');
    expect(one.databases['crm']?.data_sources).toEqual({ contacts: B });
    expect(two.databases['crm']?.data_sources).toEqual({});
    expect(removeDatabase(one, 'crm').databases).toEqual({});
    expect(EMPTY_LOCK.databases).toEqual({});
    // Rebinding a database to another id forgets its data sources; the same id keeps them.
    expect(setDatabaseId(one, 'crm', A).databases['crm']?.data_sources).toEqual({ contacts: B });
    expect(setDatabaseId(one, 'crm', B).databases['crm']?.data_sources).toEqual({});
    expect(() => setDataSourceId(EMPTY_LOCK, 'nope', 'x', A)).toThrow(/setDatabaseId first/);
  });

  it('reads recorded property ids as {id, options?}: other keys dropped, `__proto__` kept as a name', () => {
    const text = JSON.stringify({ version: 1, databases: {}, properties: { 'crm.contacts': { Name: { id: 'title' }, Tags: { id: 't%3F', options: { A: 'o1', __proto__x: 'o2' }, extra: 1 } } } })
      .replace('"__proto__x"', '"__proto__"').replace('"Name"', '"__proto__"');
    const lock = parseLockFile(text, 'l.json');
    const props = lock.properties?.['crm.contacts'] ?? {};
    expect(Object.keys(props)).toEqual(['__proto__', 'Tags']);
    expect(Object.getOwnPropertyDescriptor(props, '__proto__')?.value).toEqual({ id: 'title' });
    expect(Object.keys(props['Tags'] ?? {})).toEqual(['id', 'options']);
    expect(Object.entries(props['Tags']?.options ?? {})).toEqual([['A', 'o1'], ['__proto__', 'o2']]);
  });

  it.each([
    ['an empty property id', '{"version":1,"databases":{},"properties":{"a.b":{"P":{"id":""}}}}', /properties\.a\.b\."P"\.id must be a non-empty string/],
    ['options that are not an object', '{"version":1,"databases":{},"properties":{"a.b":{"P":{"id":"x","options":[]}}}}', /properties\.a\.b\."P"\.options must be an object/],
    ['an empty option id', '{"version":1,"databases":{},"properties":{"a.b":{"P":{"id":"x","options":{"O":""}}}}}', /properties\.a\.b\."P"\.options\."O" must be a non-empty string/],
    ['a ref that is not an object', '{"version":1,"databases":{},"properties":{"a.b":3}}', /properties\.a\.b must be an object/],
  ])('rejects %s in the properties section', (_name, text, re) => {
    expect(() => parseLockFile(text, 'l.json')).toThrow(UserInputError);
    try { parseLockFile(text, 'l.json'); } catch (e) { expect((e as UserInputError).diagnostics[0]?.message).toMatch(re); }
  });

  it.each([
    ['not json', '{', /not JSON/],
    ['wrong version', '{"version":2,"databases":{}}', /version 2/],
    ['bad id', '{"version":1,"databases":{"crm":{"id":5}}}', /databases\.crm\.id/],
    ['bad key', '{"version":1,"databases":{"a b":{"id":"x","data_sources":{}}}}', /a b/],
    ['a database id that is not a UUID', '{"version":1,"databases":{"crm":{"id":"nope","data_sources":{}}}}', /databases\.crm\.id "nope" is not a Notion id/],
    ['a data source id that is not a UUID', `{"version":1,"databases":{"crm":{"id":"${A}","data_sources":{"c":"x1"}}}}`, /databases\.crm\.data_sources\.c "x1" is not a Notion id/],
  ])('rejects %s with a UserInputError naming the file', async (_name, text, re) => {
    const path = join(dir, 'notion-schema.lock.json');
    await writeFile(path, text);
    const err = await readLockFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    // One diagnostic says what is wrong and where (the CLI prints it as file:line:col); the
    // error's own message does not repeat it.
    const d = (err as UserInputError).diagnostics[0];
    expect(d?.message).toMatch(re);
    expect(d?.location?.file).toBe(path);
    expect(d?.hint).toBeTruthy();
    expect((err as Error).message).not.toMatch(re);
  });
});
