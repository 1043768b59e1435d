import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Gitignored scratch directory inside the repo, so `@notionhq/client` resolves from node_modules. */
export const GENERATED_DIR = fileURLToPath(new URL('./generated/', import.meta.url));

/** The strictest options a consumer project might use. */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  erasableSyntaxOnly: true,
  skipLibCheck: true,
  types: ['node'],
  lib: ['lib.es2022.d.ts'],
};

/** Writes `files` (relative to a fresh subdirectory of GENERATED_DIR) and type-checks them together. */
export function compileFiles(subdir: string, files: Readonly<Record<string, string>>): { dir: string; diagnostics: { file: string; line: number; message: string }[] } {
  const dir = join(GENERATED_DIR, subdir);
  const roots: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    roots.push(path);
  }
  const program = ts.createProgram(roots, STRICT_OPTIONS);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return {
      file: d.file ? d.file.fileName.slice(dir.length + 1) : '',
      line: (pos?.line ?? -1) + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    };
  });
  return { dir, diagnostics };
}
