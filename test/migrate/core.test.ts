import { appendFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queriesFor, totalCost } from '../../src/migrate/core/estimate.js';
import { currentPass, optionPasses, rewriteOptionCell, type LiveOption } from '../../src/migrate/core/option-passes.js';
import { targetValuePatch } from '../../src/migrate/core/page-bodies.js';
import { addOptionPatch, readLiveProperties, removeOptionPatch } from '../../src/migrate/core/schema-bodies.js';
import { migrationId } from '../../src/migrate/index.js';
import { migrationJournalPath, openJournalWriter, readJournal } from '../../src/migrate/run/journal.js';
import type { OptionMigrationSpec } from '../../src/migrate/types.js';
import { tempStateDir } from './helpers.js';

const spec: OptionMigrationSpec = { kind: 'option', dataSourceId: 'd', propertyId: 'p', propertyType: 'select', from: 'Lead', to: { name: 'Lead', color: 'blue' } };
const id = migrationId(spec);
const opt = (name: string, color: string): LiveOption => ({ id: `${name}-${color}`, name, color, description: null });

describe('option passes and where an interrupted migration stands', () => {
  const passes = optionPasses(spec, 'gray', id);
  const temp = passes[0]!.target;

  it('a recolour is two passes through a temporary option with the new colour', () => {
    expect(passes).toEqual([
      { source: { name: 'Lead', color: 'gray' }, target: temp },
      { source: temp, target: { name: 'Lead', color: 'blue' } },
    ]);
    expect(temp.color).toBe('blue');
    expect(temp.name).not.toMatch(/,/);
    expect(optionPasses({ ...spec, to: { name: 'Prospect' } }, 'gray', id)).toEqual([{ source: { name: 'Lead', color: 'gray' }, target: { name: 'Prospect', color: 'gray' } }]);
  });

  it('reads the pass from the live options alone (colour tells source and final apart)', () => {
    expect(currentPass(passes, [opt('Lead', 'gray')])).toBe(0);
    expect(currentPass(passes, [opt('Lead', 'gray'), opt(temp.name, 'blue')])).toBe(0);
    expect(currentPass(passes, [opt(temp.name, 'blue')])).toBe(1);
    expect(currentPass(passes, [opt(temp.name, 'blue'), opt('Lead', 'blue')])).toBe(1);
    expect(currentPass(passes, [opt('Lead', 'blue')])).toBe(2);
    expect(currentPass(passes, [opt('Other', 'red')])).toEqual({ error: expect.stringMatching(/option "Lead" does not exist/) });
  });

  it('rewrites a multi-select in place, dropping a duplicate when the page already holds the target', () => {
    const cell = { type: 'multi_select' as const, options: [{ id: 'a', name: 'A', color: 'x' }, { id: 's', name: 'S', color: 'x' }, { id: 't', name: 'T', color: 'x' }] };
    expect(rewriteOptionCell(cell, 's', 't')).toEqual({ ids: ['a', 't'] });
    expect(rewriteOptionCell(cell, 's', 'n')).toEqual({ ids: ['a', 'n', 't'] });
    expect(rewriteOptionCell(cell, 'zz', 'n')).toBeNull();
    expect(rewriteOptionCell({ type: 'select', option: null }, 's', 't')).toBeNull();
  });
});

describe('schema and page bodies', () => {
  const props = readLiveProperties({ properties: { S: { id: '%3Ab', name: 'S', type: 'select', description: 'keep me', select: { options: [{ id: '1', name: 'A', color: 'red' }, { id: '2', name: 'B', color: 'blue' }] } } } });

  it('re-sends every live option by id and the description (a select config without it clears it)', () => {
    expect(addOptionPatch(props[0]!, { name: 'C', color: 'green' }, undefined)).toEqual({
      properties: { '%3Ab': { description: 'keep me', select: { options: [{ id: '1' }, { id: '2' }, { name: 'C', color: 'green' }] } } },
    });
    expect(removeOptionPatch(props[0]!, '1')).toEqual({ properties: { '%3Ab': { description: 'keep me', select: { options: [{ id: '2' }] } } } });
  });

  it('splits long text into 2000-unit items without cutting a surrogate pair', () => {
    const text = `${'a'.repeat(1999)}😀${'b'.repeat(10)}`;
    const body = targetValuePatch('p', { type: 'rich_text', text }, (n) => n) as { properties: { p: { rich_text: { text: { content: string } }[] } } };
    const parts = body.properties.p.rich_text.map((t) => t.text.content);
    expect(parts.join('')).toBe(text);
    expect(parts[0]).toHaveLength(1999);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
  });
});

describe('estimates', () => {
  it('one query per 100 pages (at least one), plus the verification query', () => {
    expect([0, 1, 100, 101, 250].map(queriesFor)).toEqual([1, 1, 1, 2, 3]);
    expect(totalCost([{ writes: 250, scanned: 250, verifyScans: 1, schemaRequests: 3 }], 3)).toEqual({ queries: 4, schemaRequests: 3, writes: 250, requests: 257, seconds: 257 / 3 });
  });
});

describe('journal', () => {
  it('is append-only JSON lines under .notion-schema/migrations, and ignores a line torn by a crash', () => {
    const file = migrationJournalPath(tempStateDir(), id);
    expect(file).toMatch(new RegExp(`\\.notion-schema/migrations/${id}\\.jsonl$`));
    const w = openJournalWriter(file);
    w.append({ t: 'page', pass: 0, page: 'a' });
    w.close();
    appendFileSync(file, '{"t":"page","pa');
    expect(readJournal(file)).toEqual([{ t: 'page', pass: 0, page: 'a' }]);
    const w2 = openJournalWriter(file);
    w2.append({ t: 'page', pass: 0, page: 'b' });
    w2.close();
    expect(readJournal(file).map((e) => (e as { page: string }).page)).toEqual(['a', 'b']);
    expect(readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')).toHaveLength(3);
  });

  it('ids are stable per spec and differ between specs', () => {
    expect(migrationId(spec)).toBe(id);
    expect(migrationId({ ...spec, to: { name: 'Lead', color: 'red' } })).not.toBe(id);
    expect(id).toMatch(/^option-d-[0-9a-f]{12}$/);
  });
});

describe('migration ids', () => {
  it('do not depend on key order at any level', () => {
    const a = migrationId({ kind: 'convert', dataSourceId: 'd', propertyId: 'p', from: 'rich_text', to: 'select', rules: { onUnconvertible: 'empty', map: { x: 'X', y: null } } });
    const b = migrationId({ rules: { map: { y: null, x: 'X' }, onUnconvertible: 'empty' }, to: 'select', from: 'rich_text', propertyId: 'p', dataSourceId: 'd', kind: 'convert' });
    expect(a).toBe(b);
    expect(migrationId({ kind: 'convert', dataSourceId: 'd', propertyId: 'p', from: 'rich_text', to: 'select', rules: { onUnconvertible: 'empty', map: { x: 'Y' } } })).not.toBe(a);
  });
});
