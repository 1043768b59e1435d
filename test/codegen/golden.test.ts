import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCode, GENERATED_MARKER } from '../../src/codegen/index.js';
import { FIXTURE, FIXTURE_IDS, state } from './fixture.js';

/** The committed output for the fixture; the type tests and parse tests import it. Regenerate with UPDATE_GOLDEN=1. */
const GOLDEN = fileURLToPath(new URL('../fixtures/codegen/expected.ts', import.meta.url));

describe('generateCode output', () => {
  it('matches the committed golden file (test/fixtures/codegen/expected.ts)', async () => {
    const code = await generateCode(FIXTURE, { toolVersion: '0.0.0-test', ids: FIXTURE_IDS });
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, code);
    else if (!existsSync(GOLDEN)) {
      writeFileSync(GOLDEN, code);
      throw new Error(`golden ${GOLDEN} was missing and has been written; review it and re-run`);
    }
    expect(code).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is deterministic: the same input twice gives byte-identical output', async () => {
    const a = await generateCode(FIXTURE, { toolVersion: '1.2.3', ids: FIXTURE_IDS });
    const b = await generateCode(FIXTURE, { toolVersion: '1.2.3', ids: FIXTURE_IDS });
    expect(a).toBe(b);
  });

  it('has a header with the tool version and the schema hash, and no timestamp', async () => {
    const code = await generateCode(state(FIXTURE.databases.flatMap((d) => d.data_sources), 'ab'.repeat(32)), { toolVersion: '9.8.7' });
    const header = code.split('\n').slice(0, 3).join('\n');
    expect(header.startsWith(`${GENERATED_MARKER} 9.8.7.`)).toBe(true);
    expect(header).toContain(`sha256:${'ab'.repeat(32)}`);
    expect(code).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('changes only where the schema changes: the hash and the ids are reflected', async () => {
    const withIds = await generateCode(FIXTURE, { toolVersion: '1', ids: FIXTURE_IDS });
    const without = await generateCode(FIXTURE, { toolVersion: '1' });
    expect(withIds).toContain('dataSourceId: "1f6e0000-0000-4000-8000-00000000c0de"');
    expect(withIds).toContain('id: "St%3Ag"');
    expect(without).not.toContain('St%3Ag');
    // The title property's id is always "title", known without any ids.
    expect(without).toContain('name: { name: "Name", id: "title", type: "title" }');
  });

  it('keys every row property by its exact Notion name, quoted', async () => {
    const code = await generateCode(FIXTURE, { toolVersion: '1' });
    for (const name of ['Name', 'Full name', 'full-name', '🏢', '1st contact', 'class', 'It\'s "odd"']) {
      expect(code).toContain(JSON.stringify(name));
    }
    expect(code).toMatch(/^ {2}"Name": string$/m);
    expect(code).toMatch(/^ {2}"🏢": boolean$/m);
  });
});
