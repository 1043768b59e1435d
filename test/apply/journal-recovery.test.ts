import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverInterruptedApply } from '../../src/apply/journal-recovery.js';
import { FakeNotion } from './fake-notion.js';
import { fakeServices } from './fake-services.js';
import { PARENT } from './plan-fixtures.js';

const title = [{ type: 'text', text: { content: 'CRM' } }];
const parent = { type: 'page_id', page_id: PARENT };

function journalWith(lines: object[]): { dir: string; file: string } {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ns-jr-')), 'journal');
  mkdirSync(dir, { recursive: true });
  // An impossible pid: the writer counts as dead (a crash), not as a running apply.
  const file = path.join(dir, '2026-01-01T00-00-00-000Z-999999999.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"type":"requ');
  return { dir, file };
}

describe('crash recovery from the journal', () => {
  it('binds a database created by a killed apply (create sent, never recorded), once', async () => {
    const fake = new FakeNotion();
    const db = fake.createDatabase({ title, parent }) as { id: string; data_sources: { id: string }[] };
    const { dir, file } = journalWith([
      { type: 'start' },
      { type: 'create-sent', request: 'r1', kind: 'database', creates: { kind: 'database', database: 'crm', data_source: 'crm.contacts' }, parent, title },
    ]);
    const services = fakeServices(fake);
    const found = await recoverInterruptedApply({ client: fake, journalDir: dir, lockPath: 'lock.json', services });
    expect(found.map((f) => `${f.kind}:${f.key}:${f.id}`)).toEqual([`database:crm:${db.id}`, `data_source:crm.contacts:${db.data_sources[0]?.id}`]);
    expect(services.locks.get('lock.json')?.databases['crm']).toEqual({ id: db.id, data_sources: { contacts: db.data_sources[0]?.id } });
    expect(readFileSync(file, 'utf8')).toContain('"interrupted":true');
    // Examined once: the journal now has an end line.
    expect(await recoverInterruptedApply({ client: fake, journalDir: dir, lockPath: 'lock.json', services })).toEqual([]);
  });

  it('binds nothing when the create never reached the server, or the journal ended normally', async () => {
    const fake = new FakeNotion();
    const sent = { type: 'create-sent', request: 'r1', kind: 'database', creates: { kind: 'database', database: 'crm', data_source: 'crm.contacts' }, parent, title };
    const services = fakeServices(fake);
    const a = journalWith([sent]);
    expect(await recoverInterruptedApply({ client: fake, journalDir: a.dir, lockPath: 'lock.json', services })).toEqual([]);
    fake.createDatabase({ title, parent });
    const b = journalWith([sent, { type: 'end', ok: true }]);
    expect(await recoverInterruptedApply({ client: fake, journalDir: b.dir, lockPath: 'lock.json', services })).toEqual([]);
    expect(services.locks.get('lock.json')).toBeUndefined();
  });

  it('never binds an older database of the same title and parent: it existed before the create was sent', async () => {
    const fake = new FakeNotion();
    const old = fake.createDatabase({ title, parent }) as { id: string };
    const oldDb = fake.dbs.get(old.id);
    if (oldDb !== undefined) oldDb.created_time = new Date(Date.now() - 3_600_000).toISOString();
    const { dir } = journalWith([
      { type: 'start' },
      { at: new Date().toISOString(), type: 'create-sent', request: 'r1', kind: 'database', creates: { kind: 'database', database: 'crm', data_source: 'crm.contacts' }, parent, title },
    ]);
    const services = fakeServices(fake);
    expect(await recoverInterruptedApply({ client: fake, journalDir: dir, lockPath: 'lock.json', services })).toEqual([]);
    expect(services.locks.get('lock.json')).toBeUndefined();
  });
});
