import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchemaFile, parseSchemaSources, parseSchemaText, schemaHashOf } from '../../src/config/index.js';

const db = (key: string, ds: string, props = '          Name: { type: title }\n'): string => `  ${key}:
    title: ${key}
    parent: { page_id: "11111111111111111111111111111111" }
    data_sources:
      ${ds}:
        title: ${ds}
        properties:
${props}`;

const file = (...dbs: string[]): string => `version: 1\ndatabases:\n${dbs.join('')}`;

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'ns-multi-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('directory schemas (multi-file)', () => {
  it('merges every *.yaml / *.yml of the directory, sorted, not recursive; relations cross files', async () => {
    const d = dir({
      'b.yml': file(db('tasks', 'main', '          Name: { type: title }\n          Who: { type: relation, data_source: crm.contacts }\n')),
      'a.yaml': file(db('crm', 'contacts')),
      'notes.txt': 'not: yaml schema',
    });
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'sub', 'c.yaml'), file(db('crm', 'contacts')));
    const r = await loadSchemaFile(d, { displayName: 'schema' });
    expect(r.diagnostics).toEqual([]);
    expect(r.desired?.file).toBe('schema');
    expect(r.desired?.databases.map((x) => x.key)).toEqual(['crm', 'tasks']);
  });

  it('a database defined in two files is an error naming both file:line:col positions', () => {
    const r = parseSchemaSources([
      { file: 's/a.yaml', text: file(db('crm', 'contacts')) },
      { file: 's/b.yaml', text: file(db('tasks', 'main'), db('crm', 'other')) },
    ], 's');
    expect(r.desired).toBeNull();
    expect(r.diagnostics).toEqual([expect.objectContaining({
      code: 'defined-twice', message: 'database "crm" is defined twice: at s/a.yaml:3:3 and at s/b.yaml:11:3',
      location: { file: 's/b.yaml', line: 11, col: 3 },
    })]);
  });

  it('other top-level keys are defined once (version may repeat with the same value, x-* per file)', () => {
    const envs = 'environments:\n  prod: {}\n';
    const r = parseSchemaSources([
      { file: 's/a.yaml', text: `${envs}x-opts: &o [1]\n${file(db('crm', 'contacts'))}` },
      { file: 's/b.yaml', text: `x-opts: 2\n${envs}${file(db('tasks', 'main'))}` },
    ], 's');
    const twice = r.diagnostics.filter((d) => d.code === 'defined-twice');
    expect(twice.map((d) => d.message)).toEqual(['top-level key "environments" is defined twice: at s/a.yaml:1:1 and at s/b.yaml:2:1']);
    const versions = parseSchemaSources([
      { file: 's/a.yaml', text: file(db('crm', 'contacts')) },
      { file: 's/b.yaml', text: file(db('tasks', 'main')).replace('version: 1', 'version: 2') },
    ], 's');
    expect(versions.diagnostics.map((d) => d.code)).toContain('defined-twice');
  });

  it('every diagnostic keeps its own file, and all files are checked at once', () => {
    const r = parseSchemaSources([
      { file: 's/a.yaml', text: file(db('crm', 'contacts', '          Name: { type: title }\n          N: { type: number, format: dolar }\n')) },
      { file: 's/b.yaml', text: file(db('tasks', 'main', '          Name: { type: title }\n          W: { type: relation, data_source: crm.nope }\n')) },
      { file: 's/c.yaml', text: file(db('crm', 'again')) },
    ], 's');
    expect(r.diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.col} ${d.code}`)).toEqual([
      's/a.yaml:11:38 invalid-number-format',
      's/b.yaml:11:45 relation-target-missing',
      's/c.yaml:3:3 defined-twice',
    ]);
  });

  it('a file whose root is not a mapping is an error in that file; a YAML error keeps its file', () => {
    const r = parseSchemaSources([
      { file: 's/a.yaml', text: file(db('crm', 'contacts')) },
      { file: 's/b.yaml', text: '- 1\n- 2\n' },
    ], 's');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'file-not-mapping', location: { file: 's/b.yaml', line: 1, col: 1 } })]);
    const y = parseSchemaSources([{ file: 's/a.yaml', text: file(db('crm', 'contacts')) }, { file: 's/b.yaml', text: 'a: [\n' }], 's');
    expect(y.diagnostics[0]?.location?.file).toBe('s/b.yaml');
  });

  it('--env selects the environment of a directory schema, as of one file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-envdir-'));
    writeFileSync(join(dir, 'environments.yaml'), 'version: 1\nenvironments:\n  dev: { local: true, default: true }\n  qa: { local: true }\n');
    writeFileSync(join(dir, 'tasks.yaml'), 'databases:\n  t:\n    title: T\n    parent: { page_id: 1f2e3d4c-5b6a-4789-8abc-def012345678 }\n    data_sources:\n      m: { title: M, properties: { Name: { type: title } } }\n');
    expect((await loadSchemaFile(dir, { environment: 'qa' })).environments?.selection?.selected.name).toBe('qa');
    expect((await loadSchemaFile(dir)).environments?.selection?.selected.name).toBe('dev');
    const unknown = await loadSchemaFile(dir, { environment: 'prod' });
    expect(unknown.desired).toBeNull();
    expect(unknown.diagnostics.map((d) => d.code)).toContain('env-unknown');
  });

  it('an empty directory is one clear error', async () => {
    const r = await loadSchemaFile(dir({ 'readme.md': '#' }), { displayName: 'empty' });
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'empty-directory', message: 'empty has no *.yaml or *.yml file' })]);
  });

  it('the schema hash covers every file (names and bytes) and matches schemaHashOf; one file hashes as before', async () => {
    const a = file(db('crm', 'contacts'));
    const b = file(db('tasks', 'main'));
    const d = dir({ 'a.yaml': a, 'b.yaml': b });
    const hash = (await loadSchemaFile(d)).desired?.hash;
    expect(hash).toBe(await schemaHashOf(d));
    writeFileSync(join(d, 'b.yaml'), `${b}# comment\n`);
    expect(await schemaHashOf(d)).not.toBe(hash);
    const renamed = dir({ 'a.yaml': a, 'c.yaml': b });
    expect(await schemaHashOf(renamed)).not.toBe(hash);
    writeFileSync(join(d, 'one.yaml'), a);
    expect(await schemaHashOf(join(d, 'one.yaml'))).toBe(parseSchemaText(a, 'one.yaml').desired?.hash);
  });
});
