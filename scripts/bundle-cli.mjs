// Bundles the CLI (src/cli/main.ts and every source it imports) into dist/bundle/cli.cjs, one
// CommonJS file, then writes V8's code cache for it (dist/bundle/cli.cjs.cache) by running
// `validate` on the example once: bin/notion-schema.cjs runs the bundle with that cache, so a command
// starts without compiling what it runs (cold start: docs/benchmarks.md). CommonJS because Node 20
// can use a code cache only for scripts (vm.Script), not for ES modules.
//
// Commands stay lazy: esbuild turns each `await import('./commands/x.js')` into a require of a module
// wrapper, so a command's code runs (and is compiled, when not cached) only when that command runs.
// Dependencies stay require()s of node_modules, except the few every start needs (commander,
// picocolors: bundled, so they are in the cache too) and the ES-module-only p-limit.
// Run by `npm run build` and scripts/build-if-stale.mjs after tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['commander', 'picocolors', 'p-limit']);

export async function bundleCli() {
  rmSync(join(root, 'dist', 'bundle'), { recursive: true, force: true });
  const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((d) => !BUNDLED.has(d));
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/bundle/cli.cjs',
    bundle: true,
    external: external.flatMap((d) => [d, `${d}/*`]),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    charset: 'utf8',
    // import() of a bundled module becomes a require of its lazy wrapper (vm.Script has no import()).
    supported: { 'dynamic-import': false },
    define: { NOTION_SCHEMA_BUNDLED_VERSION: JSON.stringify(pkg.version), 'import.meta.url': 'importMetaUrl' },
    inject: ['scripts/bundle-meta-url.cjs'],
    logLevel: 'warning',
  });
  // The cache holds what this run compiled: the start-up path and `validate`. Flags change V8's
  // cache key, so the run gets none (bin/notion-schema.cjs writes the cache only for a plain run).
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  execFileSync(process.execPath, [join(root, 'bin', 'notion-schema.cjs'), 'validate', 'examples/notion.schema.yaml'], { cwd: root, env, stdio: 'ignore' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
