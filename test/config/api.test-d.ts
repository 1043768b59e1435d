import { describe, expectTypeOf, it } from 'vitest';
import { loadDesiredState, loadSchemaFile, parseSchemaText } from '../../src/config/index.js';
import type { Diagnostic } from '../../src/model/common.js';
import type { DesiredState } from '../../src/model/desired.js';

describe('config/ public interface (the contract other modules code against)', () => {
  it('parseSchemaText is sync and returns the desired state or null, plus diagnostics', () => {
    expectTypeOf(parseSchemaText).parameters.toEqualTypeOf<[string, string, ({ readonly env?: Readonly<Record<string, string | undefined>> } | undefined)?]>();
    expectTypeOf(parseSchemaText).returns.toEqualTypeOf<{ readonly desired: DesiredState | null; readonly diagnostics: readonly Diagnostic[] }>();
  });

  it('loadSchemaFile and loadDesiredState are async', () => {
    expectTypeOf(loadSchemaFile).returns.resolves.toEqualTypeOf<{ readonly desired: DesiredState | null; readonly diagnostics: readonly Diagnostic[] }>();
    expectTypeOf(loadDesiredState).returns.resolves.toEqualTypeOf<{ readonly desired: DesiredState; readonly warnings: readonly Diagnostic[] }>();
  });
});
