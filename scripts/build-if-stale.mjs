// `prepare` and `pretest`: builds dist/ (as `npm run build`) only when the sources changed since the
// last build. The sha256 of every file under src/ plus the tsconfig files is kept in dist/.build-hash;
// when it matches and dist/cli/main.js and dist/bundle/cli.cjs exist, nothing runs (a few tens of milliseconds).
// `prepack` always runs the full `npm run build`. `--force` builds regardless.
// `--link-bin` (the `prepare` script) also links node_modules/.bin/notion-schema to bin/ in a clone:
// `npx notion-schema` then finds the bin on its first look, instead of npm reading the whole installed
// tree to resolve the project's own bin (about a second and a half saved per call; nothing is fetched either way).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampFile = join(root, 'dist', '.build-hash');

function files(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out;
}

function sourceHash() {
  const hash = createHash('sha256');
  const inputs = [...files(join(root, 'src')), join(root, 'tsconfig.json'), join(root, 'tsconfig.build.json')].sort();
  for (const file of inputs) {
    hash.update(relative(root, file).replaceAll('\\', '/')).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function linkBin() {
  const modules = join(root, 'node_modules');
  if (process.platform === 'win32' || !existsSync(modules)) return;
  const link = join(modules, '.bin', 'notion-schema');
  try {
    lstatSync(link);
    if (existsSync(link)) return; // already there (a link or npm's own shim): leave it
    unlinkSync(link); // a link to a bin that moved (bin/notion-schema.js before 0.2)
  } catch { /* missing */ }
  mkdirSync(join(modules, '.bin'), { recursive: true });
  symlinkSync('../../bin/notion-schema.cjs', link);
}

if (process.argv.includes('--link-bin')) linkBin();
// gen-runtime first: it writes src/codegen/runtime-text.ts, which is part of the hash.
execFileSync(process.execPath, [join(root, 'scripts', 'gen-runtime.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'scripts', 'gen-validator.mjs')], { stdio: 'inherit' });
const hash = sourceHash();
const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
if (!process.argv.includes('--force') && current === hash && existsSync(join(root, 'dist', 'cli', 'main.js')) && existsSync(join(root, 'dist', 'bundle', 'cli.cjs'))) {
  process.exit(0);
}
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.error('notion-schema: cannot build dist/: TypeScript is not installed (run `npm ci`, which installs dev dependencies).');
  process.exit(1);
}
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs')], { stdio: 'inherit', cwd: root });
} catch {
  process.exit(1);
}
writeFileSync(stampFile, `${hash}\n`);
