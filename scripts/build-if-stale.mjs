// `prepare` and `pretest`: builds dist/ (as `npm run build`) only when the sources changed since the
// last build. The sha256 of every file under src/ plus the tsconfig files is kept in dist/.build-hash;
// when it matches and dist/cli/main.js exists, nothing runs (a few tens of milliseconds).
// `prepack` always runs the full `npm run build`. `--force` builds regardless.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// gen-runtime first: it writes src/codegen/runtime-text.ts, which is part of the hash.
execFileSync(process.execPath, [join(root, 'scripts', 'gen-runtime.mjs')], { stdio: 'inherit' });
const hash = sourceHash();
const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
if (!process.argv.includes('--force') && current === hash && existsSync(join(root, 'dist', 'cli', 'main.js'))) {
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
} catch {
  process.exit(1);
}
writeFileSync(stampFile, `${hash}\n`);
