import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generateCode } from '../../src/codegen/index.js';
import type { DesiredProperty } from '../../src/model/desired.js';
import type { PropertyConfig } from '../../src/model/property.js';
import { dataSource, prop, state } from './fixture.js';

const name = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'class', '*/', '`${x}`', '"', '\\', 'k0', 'Name ', '1', 'ns Title', '\u2028'),
);

const config: fc.Arbitrary<PropertyConfig> = fc.oneof(
  fc.constantFrom<PropertyConfig>(
    { type: 'rich_text' }, { type: 'number', format: 'number' }, { type: 'date' }, { type: 'checkbox' }, { type: 'url' },
    { type: 'people' }, { type: 'files' }, { type: 'created_time' }, { type: 'unique_id', prefix: null }, { type: 'place' },
    { type: 'button' }, { type: 'verification' },
  ),
  fc.uniqueArray(name, { maxLength: 4, selector: (s) => s.toLowerCase() })
    .map((names): PropertyConfig => ({ type: 'select', options: names.map((n) => ({ name: n })) })),
  fc.uniqueArray(name, { maxLength: 4, selector: (s) => s.toLowerCase() })
    .map((names): PropertyConfig => ({ type: 'multi_select', options: names.map((n) => ({ name: n })) })),
  name.map((n): PropertyConfig => ({ type: 'formula', expression: `prop(${JSON.stringify(n)}) * 2` })),
);

const properties = fc.uniqueArray(fc.tuple(name, config), { maxLength: 8, selector: ([n]) => n.toLowerCase() })
  .map((ps): DesiredProperty[] => [
    prop('Title', { type: 'title' }),
    ...ps.filter(([n]) => n.toLowerCase() !== 'title').map(([n, c]) => prop(n, c, n)),
  ]);

// Smaller always; LONG=1 runs 300 cases.
describe('generateCode on arbitrary names (property)', () => {
  it('always emits syntactically valid TypeScript with every exact name and unique identifiers', async () => {
    await fc.assert(fc.asyncProperty(properties, name, async (props, title) => {
      const code = await generateCode(state([dataSource('db', 'ds', title, props)]), { toolVersion: '0' });
      // Only the data source section varies with the input (the runtime helpers are fixed and compiled elsewhere).
      const start = code.indexOf('\n// db.ds:');
      expect(start).toBeGreaterThan(0);
      const section = code.slice(start);
      const out = ts.transpileModule(section, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
      expect(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) ?? []).toEqual([]);
      for (const p of props) expect(code).toContain(`name: ${JSON.stringify(p.name)}`);
      const idents = [...code.matchAll(/^ {4}([A-Za-z_$][\w$]*): \{ name: /gm)].map((m) => m[1]);
      expect(idents).toHaveLength(props.length);
      expect(new Set(idents).size).toBe(idents.length);
    }), { numRuns: process.env['LONG'] ? 300 : 12 });
  });
});
