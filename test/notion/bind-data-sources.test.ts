import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import type { LiveDatabase } from '../../src/model/live.js';
import { EMPTY_LOCK, setDatabaseId, setDataSourceId } from '../../src/notion/lock-file.js';
import { bindDataSources } from '../../src/notion/read-live-state.js';
import { desiredState } from './helpers/workspace.js';

const DB = '0c5e5c3a-1111-4222-8333-444455556666';
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const live = (sources: [number, string][]): LiveDatabase => ({
  id: DB, title: 'T', description: null, icon: null, parent: { type: 'workspace' }, is_inline: false, in_trash: false,
  data_source_ids: sources.map(([n, name]) => ({ id: id(n), name })), fingerprint: 'f',
});
const desired = (titles: [string, string, string?][]) =>
  desiredState([{
    key: 'db', title: 'T', parent: { type: 'workspace' },
    dataSources: titles.map(([key, title, dsId]) => ({ key, title, ...(dsId ? { id: dsId } : {}) })),
  }]).databases[0]!;

describe('bindDataSources', () => {
  it('prefers the file id, then the lock (only for the same database), then the title', () => {
    const d = desired([['a', 'A', id(3)], ['b', 'B'], ['c', 'C']]);
    const lock = setDataSourceId(setDatabaseId(EMPTY_LOCK, 'db', DB), 'db', 'b', id(1));
    const out = bindDataSources(d, live([[1, 'X'], [2, 'C'], [3, 'Z']]), 'lock', lock);
    expect(Object.fromEntries(out)).toEqual({
      'db.a': { id: id(3), source: 'file' },
      'db.b': { id: id(1), source: 'lock' },
      'db.c': { id: id(2), source: 'adopted' },
    });
    // A lock entry for another database id is ignored.
    const otherLock = setDataSourceId(setDatabaseId(EMPTY_LOCK, 'db', id(9)), 'db', 'b', id(1));
    expect(bindDataSources(d, live([[1, 'X'], [2, 'C'], [3, 'Z']]), 'file', otherLock).has('db.b')).toBe(false);
  });

  it('binds the sole data source of a retitled single-source database, and leaves new ones unbound', () => {
    expect(Object.fromEntries(bindDataSources(desired([['m', 'New title']]), live([[1, 'Old title']]), 'adopted', EMPTY_LOCK)))
      .toEqual({ 'db.m': { id: id(1), source: 'adopted' } });
    expect(bindDataSources(desired([['m', 'M'], ['n', 'N']]), live([[1, 'M']]), 'lock', EMPTY_LOCK).has('db.n')).toBe(false);
  });

  it('refuses two live data sources with the desired title', () => {
    expect(() => bindDataSources(desired([['m', 'Twin']]), live([[1, 'Twin'], [2, 'Twin']]), 'lock', EMPTY_LOCK)).toThrow(UserInputError);
  });

  it('pairs the first declared data source with the one still carrying the database title (an interrupted apply)', () => {
    // The database "T" was created with its first data source (titled "T" until the plan retitles it).
    const out = bindDataSources(desired([['projects', 'Projects'], ['tasks', 'Tasks']]), live([[1, 'T']]), 'adopted', EMPTY_LOCK);
    expect(Object.fromEntries(out)).toEqual({ 'db.projects': { id: id(1), source: 'adopted' } });
    // Not when a declared data source is itself titled like the database: the title match decides.
    const titled = bindDataSources(desired([['a', 'A'], ['t', 'T']]), live([[1, 'T']]), 'adopted', EMPTY_LOCK);
    expect(Object.fromEntries(titled)).toEqual({ 'db.t': { id: id(1), source: 'adopted' } });
    // Not when two live data sources carry the database title: ambiguous, leave both unbound.
    expect(bindDataSources(desired([['a', 'A'], ['b', 'B']]), live([[1, 'T'], [2, 'T']]), 'adopted', EMPTY_LOCK).size).toBe(0);
  });
});
