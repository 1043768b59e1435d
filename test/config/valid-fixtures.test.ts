import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSchemaText } from '../../src/config/index.js';
import type { DesiredDataSource, DesiredState } from '../../src/model/desired.js';

const DIR = fileURLToPath(new URL('../fixtures/valid/', import.meta.url));

function load(name: string, env: Record<string, string> = {}): DesiredState {
  const r = parseSchemaText(readFileSync(DIR + name, 'utf8'), name, { env });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(r.desired).not.toBeNull();
  return r.desired as DesiredState;
}

function ds(state: DesiredState, ref: string): DesiredDataSource {
  const found = state.databases.flatMap((d) => d.data_sources).find((s) => s.ref === ref);
  if (!found) throw new Error(`no ${ref}`);
  return found;
}

describe('valid edge cases', () => {
  it('accepts unicode and emoji names, quotes, colons and % in names and options', () => {
    const s = load('unicode-names.yaml');
    expect(s.databases[0]?.title).toBe('Café ☕ – Bestellungen');
    expect(s.databases[0]?.icon).toEqual({ type: 'emoji', emoji: '☕' });
    const orders = ds(s, 'cafe.orders');
    expect(orders.title).toBe('注文');
    expect(orders.icon).toEqual({ type: 'emoji', emoji: '🇯🇵' });
    expect(orders.properties.map((p) => p.name)).toEqual([
      '🍰 Name', 'Client "VIP"', "It's done", 'Time: start', 'Done %', 'Größe', 'Ünïcödé ✓', '#hashtag & more',
    ]);
    const size = orders.properties.find((p) => p.name === 'Größe')?.config;
    expect(size?.type === 'select' && size.options.map((o) => o.name)).toEqual(['Groß 🐘', 'Klein: 🐭', '50% off', 'Quote "q"']);
    expect(orders.properties.find((p) => p.name === '#hashtag & more')?.description).toBe('Ends with a colon:');
  });

  it('accepts empty option lists; a status without options gets Notion\'s defaults', () => {
    const main = ds(load('empty-options.yaml'), 'tags.main');
    const cfg = (name: string) => main.properties.find((p) => p.name === name)?.config;
    expect(cfg('Empty select')).toEqual({ type: 'select', options: [] });
    expect(cfg('No options')).toEqual({ type: 'multi_select', options: [] });
    expect(cfg('Empty status')).toEqual({ type: 'status', options: [] });
    expect(cfg('Default status')).toEqual({
      type: 'status',
      options: [
        { name: 'Not started', group: 'To-do' },
        { name: 'In progress', group: 'In progress' },
        { name: 'Done', group: 'Complete' },
      ],
    });
  });

  it('normalises ids, references, dual, icons, parents, env values and defaults', () => {
    const s = load('ids-and-refs.yaml', { PARENT_PAGE: '5D1B6E3A8C2F4A7E9B1D2F3C4D5E6F70', UNIT: 'seat' });
    const db = s.databases[0];
    expect(db).toMatchObject({
      key: 'bound',
      id: '0c5e1b2a-3d4f-4a5b-8c9d-0e1f2a3b4c5d',
      title: 'Bound database',
      description: 'Costs $5 per seat',
      icon: { type: 'external', url: 'https://example.com/icon.png' },
      parent: { type: 'page_id', page_id: '5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70' },
      is_inline: true,
    });
    const first = ds(s, 'bound.first');
    expect(first.id).toBe('9b1e2d3c-4a5b-4c6d-8e7f-0a1b2c3d4e5f');
    expect(first.description).toBeNull();
    expect(first.icon).toBeNull();
    const cfg = (name: string) => first.properties.find((p) => p.name === name)?.config;
    expect(cfg('External')).toEqual({ type: 'relation', target: { kind: 'id', id: '7e6d5c4b-3a29-1807-8695-a4b3c2d1e0f9' }, dual: null });
    expect(cfg('Back')).toEqual({ type: 'relation', target: { kind: 'key', key: 'bound.second' }, dual: {} });
    expect(cfg('Ticket')).toEqual({ type: 'unique_id', prefix: null });
    expect(cfg('Plain')).toEqual({ type: 'number', format: 'number' });
    expect(cfg('Count')).toEqual({ type: 'rollup', relation: 'External', property: 'Anything', function: 'count' });
    expect(ds(s, 'bound.second').properties[1]?.config).toEqual({ type: 'relation', target: { kind: 'key', key: 'bound.second' }, dual: null });
    expect(first.properties[0]).toMatchObject({ name: 'Title', description: null, renamed_from: [], location: { file: 'ids-and-refs.yaml', line: 15, col: 11 } });
  });

  it('uses the env default when the variable is unset or empty, and the value when set', () => {
    expect(load('ids-and-refs.yaml', { PARENT_PAGE: '5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70', UNIT: 'x' }).databases[0]?.title).toBe('Bound database');
    expect(load('ids-and-refs.yaml', { PARENT_PAGE: '5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70', UNIT: 'x', DB_TITLE: '' }).databases[0]?.title).toBe('Bound database');
    expect(load('ids-and-refs.yaml', { PARENT_PAGE: '5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70', UNIT: 'x', DB_TITLE: 'Prod' }).databases[0]?.title).toBe('Prod');
  });

  it('ignores top-level x-* keys and supports anchors, aliases and merge keys', () => {
    const inv = ds(load('anchors-and-merge.yaml'), 'finance.invoices');
    expect(inv.properties.map((p) => [p.name, p.config, p.description])).toEqual([
      ['Number', { type: 'title' }, null],
      ['Amount', { type: 'number', format: 'euro' }, 'Net amount'],
      ['Tax', { type: 'number', format: 'euro' }, null],
      ['Priority', { type: 'select', options: [
        { name: 'High', color: 'red', description: null, renamed_from: [] },
        { name: 'Low', color: 'gray', description: null, renamed_from: [] },
      ] }, null],
    ]);
  });

  it('keeps names like __proto__, constructor and "2024" as ordinary names, in file order', () => {
    const s = load('tricky-names.yaml');
    expect(s.databases[0]?.key).toBe('2024');
    const one = ds(s, '2024.1');
    expect(one.properties.map((p) => [p.name, p.config.type])).toEqual([
      ['Name', 'title'], ['__proto__', 'number'], ['constructor', 'checkbox'], ['2024', 'date'], ['toString', 'rich_text'], ['Both', 'formula'],
    ]);
  });

  it('reports warnings with positions and hints but still returns the desired state', () => {
    const r = parseSchemaText(readFileSync(DIR + 'warnings.yaml', 'utf8'), 'warnings.yaml');
    expect(r.desired).not.toBeNull();
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.location?.line, d.location?.col])).toEqual([
      ['warning', 'dual-property-undeclared', 11, 84],
      ['warning', 'read-only-property-type', 12, 25],
    ]);
    expect(r.diagnostics[0]?.hint).toContain('People: { type: relation, data_source: crm.contacts, dual: { property: Company } }');
  });

  it('returns a deeply frozen desired state with the sha256 of the raw text', () => {
    const text = readFileSync(DIR + 'empty-options.yaml', 'utf8');
    const s = parseSchemaText(text, 'x.yaml').desired as DesiredState;
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseSchemaText(`${text}\n# changed\n`, 'x.yaml').desired?.hash).not.toBe(s.hash);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.databases[0]?.data_sources[0]?.properties[0]?.config)).toBe(true);
    expect(() => (s.databases as unknown as unknown[]).push(1)).toThrow();
  });

  it('freezes every object and array reachable from the desired state, in every valid fixture', () => {
    const unfrozen = (v: unknown, path: string, out: string[]): string[] => {
      if (v === null || typeof v !== 'object') return out;
      if (!Object.isFrozen(v)) out.push(path);
      for (const [k, x] of Object.entries(v)) unfrozen(x, `${path}.${k}`, out);
      return out;
    };
    const files = [...readdirSync(DIR).filter((n) => n.endsWith('.yaml')).map((n) => DIR + n), fileURLToPath(new URL('../../examples/notion.schema.yaml', import.meta.url))];
    let checked = 0;
    for (const path of files) {
      const r = parseSchemaText(readFileSync(path, 'utf8'), path, { env: { ICON: '🏢', OWNER: 'x', TEAM: 'y' } });
      if (r.desired === null) continue;
      checked++;
      expect(unfrozen(r.desired, path, [])).toEqual([]);
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
