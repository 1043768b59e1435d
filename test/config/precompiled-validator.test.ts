import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildJsonSchema } from '../../src/config/json-schema.js';
import { validate } from '../../src/config/file-validator.generated.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the precompiled file validator (scripts/gen-validator.mjs)', () => {
  it('is up to date with schemas/notion-schema.schema.json', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-validator.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });

  it('reports the same errors as ajv compiling buildJsonSchema() at run time', () => {
    const fresh = new Ajv2020({ allErrors: true, discriminator: true, verbose: true, strict: true, allowUnionTypes: true }).compile(buildJsonSchema() as object);
    const values: unknown[] = [
      {}, [], { databases: { 'bad key': {} } },
      { databases: { crm: { title: 1, parent: { workspace: false }, data_sources: { a: { title: 'A', properties: { N: { type: 'titel' }, X: { type: 'number', format: 'dolar', options: [] } } } } } } },
    ];
    const strip = (errs: unknown): unknown => (errs as { instancePath: string; keyword: string; params: unknown }[] | null)
      ?.map((e) => [e.instancePath, e.keyword, e.params]);
    for (const v of values) {
      fresh(v);
      (validate as (x: unknown) => boolean)(v);
      expect(strip((validate as unknown as { errors: unknown }).errors)).toEqual(strip(fresh.errors));
    }
  });
});
