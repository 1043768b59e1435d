// Bundles the CLI (src/cli/main.ts and the sources it imports; dependencies stay imports of
// node_modules) into dist/bundle/: one ESM chunk per lazily loaded command, so `validate` loads a
// handful of files instead of ~200 modules (cold start: docs/benchmarks.md). bin/notion-schema.js
// runs dist/bundle/main.js when it exists, else dist/cli/main.js (the tsc output, same sources).
// Run by `npm run build` and scripts/build-if-stale.mjs after tsc. dist/bundle sits two levels
// below the root like every dist/<dir>/ file, so `new URL('../../schemas/…', import.meta.url)` holds.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

export async function bundleCli() {
  rmSync(join(root, 'dist', 'bundle'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outdir: 'dist/bundle',
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    charset: 'utf8',
    define: { NOTION_SCHEMA_BUNDLED_VERSION: JSON.stringify(version) },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
