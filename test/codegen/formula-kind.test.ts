import { describe, expect, it } from 'vitest';
import { formulaKind, rollupKind } from '../../src/codegen/index.js';
import type { PropertyConfig } from '../../src/model/property.js';

const PROPS: Record<string, PropertyConfig> = {
  Amount: { type: 'number', format: 'number' },
  Budget: { type: 'number', format: 'dollar' },
  Name: { type: 'title' },
  Done: { type: 'checkbox' },
  Due: { type: 'date' },
  Double: { type: 'formula', expression: 'prop("Amount") * 2' },
  Loop: { type: 'formula', expression: 'prop("Loop")' },
};
const lookup = (n: string): PropertyConfig | undefined => PROPS[n];

describe('formula result types', () => {
  it.each([
    ['"hello"', 'string'],
    ['42', 'number'],
    ['true', 'boolean'],
    ['prop("Name")', 'string'],
    ['prop("Done")', 'boolean'],
    ['prop("Due")', 'date'],
    ['prop("Amount") * 2', 'number'],
    ['(prop("Amount") + prop("Budget")) / 2 % 3', 'number'],
    ['prop("Double")', 'number'],
    ['prop("Due") < now() and prop("Done") != true', 'boolean'],
    ['not prop("Done")', 'boolean'],
    ['replaceAll(lower(prop("Name")), " ", "-")', 'string'],
    ['if(prop("Budget") > 0, prop("Amount") / prop("Budget"), 0)', 'number'],
    ['(prop("Amount"))', 'number'],
    ['dateAdd(prop("Due"), 1, "days")', 'date'],
    ['"a < b"', 'string'],
  ] as const)('%s → %s', (expr, kind) => {
    expect(formulaKind(expr, lookup)).toBe(kind);
  });

  it.each([
    'prop("Name") + 1',
    'if(prop("Done"), 1, "x")',
    'max(prop("Amount")) + min(prop("Budget"))',
    'unknownFn(1)',
    '(prop("Amount")',
    'prop("Missing")',
    'prop("Loop")',
    '',
    '()',
  ])('%s is undetermined (a union)', (expr) => {
    expect(formulaKind(expr, lookup)).toBeNull();
  });

  it('classifies every rollup function', () => {
    expect(rollupKind('sum')).toBe('number');
    expect(rollupKind('count')).toBe('number');
    expect(rollupKind('percent_checked')).toBe('number');
    expect(rollupKind('earliest_date')).toBe('date');
    expect(rollupKind('date_range')).toBe('date');
    expect(rollupKind('show_original')).toBe('array');
    expect(rollupKind('show_unique')).toBe('array');
  });
});
