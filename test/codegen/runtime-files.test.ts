import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUNTIME_NAMES, RUNTIME_SOURCE } from '../../src/codegen/runtime-source.js';
import * as readers from '../../src/codegen/runtime.js';
import * as writers from '../../src/codegen/runtime-write.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the codegen runtime (real modules, emitted as text)', () => {
  it('the committed text is what the build makes from runtime.ts and runtime-write.ts', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-runtime.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
    expect(RUNTIME_SOURCE).toContain('export function nsReadPage(');
    expect(RUNTIME_SOURCE).not.toContain('@runtime-begin');
    expect(RUNTIME_SOURCE).not.toMatch(/from '\.\/runtime/);
  });

  it('every runtime value the modules export is a reserved name, so generated identifiers never collide', () => {
    const exported = [...Object.keys(readers), ...Object.keys(writers)];
    expect(exported.length).toBeGreaterThan(40);
    for (const name of exported) expect(RUNTIME_NAMES, name).toContain(name);
    // Non-exported helpers too (a generated name equal to one would not compile).
    const declared = [...RUNTIME_SOURCE.matchAll(/^(?:export )?(?:function|const|type|interface|class) (\w+)/gm)].map((m) => m[1] ?? '');
    expect(declared.length).toBeGreaterThan(exported.length - 5);
    for (const name of declared) expect(RUNTIME_NAMES, name).toContain(name);
  });
});
