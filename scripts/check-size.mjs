#!/usr/bin/env node
// Size rule of the codebase: no source file in src/ (outside the emulator) over MAX_FILE lines, and no function over
// MAX_FUNCTION lines (generated files, `*.generated.ts`, are exempt: their source is the generator). Run by `npm run lint`; prints every offender with file:line and exits 1 when there is one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const MAX_FILE = 400;
const MAX_FUNCTION = 80;
const root = new URL('..', import.meta.url).pathname;
const skip = [join(root, 'src/emulator'), join(root, 'src/codegen/runtime-text.ts')];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (skip.some((s) => path === s || path.startsWith(`${s}/`)) || path.endsWith('.generated.ts')) continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const problems = [];
for (const path of files(join(root, 'src'))) {
  const text = readFileSync(path, 'utf8');
  const rel = relative(root, path);
  const lines = text.split('\n').length;
  if (lines > MAX_FILE) problems.push(`${rel}: ${lines} lines (at most ${MAX_FILE})`);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      const length = end - start + 1;
      if (length > MAX_FUNCTION) {
        const name = node.name ? node.name.getText(source) : '(anonymous)';
        problems.push(`${rel}:${start + 1}: function ${name} is ${length} lines (at most ${MAX_FUNCTION})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const p of problems) console.error(p);
if (problems.length > 0) {
  console.error(`${problems.length} size problem(s): split the file or function.`);
  process.exit(1);
}
