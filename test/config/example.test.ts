import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSchemaText } from '../../src/config/index.js';
import type { DesiredState } from '../../src/model/desired.js';
import { PROPERTY_TYPES } from '../../src/model/property-types.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/notion.schema.yaml', import.meta.url));

describe('examples/notion.schema.yaml (the showcase)', () => {
  const text = readFileSync(EXAMPLE, 'utf8');
  const result = parseSchemaText(text, 'examples/notion.schema.yaml', { env: {} });
  const desired = result.desired as DesiredState;
  const sources = desired.databases.flatMap((d) => d.data_sources);
  const props = sources.flatMap((s) => s.properties);

  it('is valid; its only warnings are the read-only button and verification', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['read-only-property-type', 'read-only-property-type']);
  });

  it('points editors at the JSON Schema', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/notion-schema.schema.json');
  });

  it('uses every property type at least once', () => {
    const used = new Set(props.map((p) => p.config.type));
    expect(PROPERTY_TYPES.filter((t) => !used.has(t))).toEqual([]);
  });

  it('has a database with two data sources, one-way and two-way relations, rollups, formulas, grouped status and unique_id', () => {
    expect(desired.databases.some((d) => d.data_sources.length >= 2)).toBe(true);
    const relations = props.flatMap((p) => (p.config.type === 'relation' ? [p.config] : []));
    expect(relations.some((r) => r.dual === null)).toBe(true);
    expect(relations.some((r) => r.dual !== null && r.dual.property !== undefined)).toBe(true);
    expect(props.filter((p) => p.config.type === 'rollup').length).toBeGreaterThanOrEqual(2);
    expect(props.some((p) => p.config.type === 'formula')).toBe(true);
    const statuses = props.flatMap((p) => (p.config.type === 'status' ? [p.config] : []));
    expect(statuses.some((s) => new Set(s.options.map((o) => o.group)).size === 3)).toBe(true);
    expect(props.some((p) => p.config.type === 'unique_id' && p.config.prefix !== null)).toBe(true);
    expect(sources.length).toBeGreaterThanOrEqual(5);
    expect(sources.length).toBeLessThanOrEqual(8);
  });

  it('places databases under ${NOTION_PARENT_PAGE}, with a fixed default', () => {
    const parents = new Set(desired.databases.map((d) => JSON.stringify(d.parent)));
    expect(parents).toEqual(new Set([JSON.stringify({ type: 'page_id', page_id: '5d1b6e3a-8c2f-4a7e-9b1d-2f3c4d5e6f70' })]));
    const custom = parseSchemaText(text, 'x', { env: { NOTION_PARENT_PAGE: '11111111222233334444555555555555' } }).desired;
    expect(custom?.databases[0]?.parent).toEqual({ type: 'page_id', page_id: '11111111-2222-3333-4444-555555555555' });
  });

  it('shows three views of one data source: a table, a board and a calendar', () => {
    const withViews = sources.filter((s) => s.views !== undefined);
    expect(withViews.map((s) => s.ref)).toEqual(['work.tasks']);
    expect(withViews[0]?.views?.map((v) => [v.name, v.type])).toEqual([['All tasks', 'table'], ['Board', 'board'], ['Calendar', 'calendar']]);
  });
});
