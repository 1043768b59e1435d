import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildJsonSchema } from '../../src/config/index.js';
import { PROPERTY_TYPES } from '../../src/model/property-types.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../schemas/notion-schema.schema.json', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/notion.schema.yaml', import.meta.url));

describe('schemas/notion-schema.schema.json', () => {
  const published = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

  it('is exactly buildJsonSchema() (regenerate: npx tsx -e "import(\'./src/config/json-schema.ts\').then(m=>require(\'fs\').writeFileSync(\'schemas/notion-schema.schema.json\', JSON.stringify(m.buildJsonSchema(), null, 2)+\'\\n\'))")', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(buildJsonSchema())));
  });

  it('is a strict draft 2020-12 schema with one variant per property type', () => {
    expect(published['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    const defs = published['$defs'] as Record<string, { additionalProperties?: unknown; oneOf?: unknown[] }>;
    expect(defs['property']?.oneOf).toHaveLength(PROPERTY_TYPES.length);
    for (const t of PROPERTY_TYPES) expect(defs[`prop_${t}`]?.additionalProperties, t).toBe(false);
    expect(defs['database']?.additionalProperties).toBe(false);
    expect(defs['dataSource']?.additionalProperties).toBe(false);
  });

  it('compiles under a plain ajv (as an editor would use it) and accepts the example, rejects a typo', () => {
    const validate = new Ajv2020({ strict: false, allowUnionTypes: true }).compile(published);
    const example = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ databases: { a: { title: 'A', parent: { workspace: true }, data_sources: { b: { title: 'B', properties: { N: { type: 'title', formt: 1 } } } } } } })).toBe(false);
  });
});
