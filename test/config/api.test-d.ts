import { describe, expectTypeOf, it } from 'vitest';
import { loadDesiredState, loadSchemaFile, parseSchemaText } from '../../src/config/index.js';
import type { Diagnostic } from '../../src/model/common.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { EnvironmentSelection, EnvironmentSpec } from '../../src/model/environment.js';

type Envs = { readonly declared: readonly EnvironmentSpec[]; readonly selection: EnvironmentSelection | null };

describe('config/ public interface (the contract other modules code against)', () => {
  it('parseSchemaText is sync and returns the desired state or null, plus diagnostics', () => {
    expectTypeOf(parseSchemaText).parameters.toEqualTypeOf<[string, string, ({ readonly env?: Readonly<Record<string, string | undefined>>; readonly environment?: string; readonly requireEnvironment?: boolean; readonly hash?: boolean } | undefined)?]>();
    expectTypeOf(parseSchemaText).returns.toEqualTypeOf<{ readonly desired: DesiredState | null; readonly diagnostics: readonly Diagnostic[]; readonly environments?: Envs }>();
  });

  it('loadSchemaFile and loadDesiredState are async', () => {
    expectTypeOf(loadSchemaFile).returns.resolves.toEqualTypeOf<{ readonly desired: DesiredState | null; readonly diagnostics: readonly Diagnostic[]; readonly environments?: Envs }>();
    expectTypeOf(loadDesiredState).returns.resolves.toEqualTypeOf<{ readonly desired: DesiredState; readonly warnings: readonly Diagnostic[]; readonly environment: EnvironmentSelection | null }>();
  });
});
