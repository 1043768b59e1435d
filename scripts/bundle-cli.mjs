// Bundles the CLI (src/cli/main.ts and every source it imports) into dist/bundle/cli.cjs, one
// CommonJS file, then writes V8's code cache for it (dist/bundle/cli.cjs.cache) by running
// `plan` and `validate` on the example once: bin/notion-schema.cjs runs the bundle with that cache, so a command
// starts without compiling what it runs (cold start: docs/benchmarks.md). CommonJS because Node 20
// can use a code cache only for scripts (vm.Script), not for ES modules.
//
// Commands stay lazy: esbuild turns each `await import('./commands/x.js')` into a require of a module
// wrapper, so a command's code runs (and is compiled, when not cached) only when that command runs.
// Dependencies stay require()s of node_modules, except the few every start needs (commander,
// picocolors: bundled, so they are in the cache too), the ES-module-only p-limit, and undici, which
// gets a bundle (and a cache) of its own, dist/bundle/undici.cjs, so that only commands that talk
// to Notion read it.
// Run by `npm run build` and scripts/build-if-stale.mjs after tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['commander', 'picocolors', 'p-limit']);

/**
 * commander requires node:child_process when it loads, for subcommands run as separate
 * executables (which the CLI has none of); loading it (with net, dgram and the streams) costs a few
 * milliseconds of every start. In the bundle it is required on first use instead. Fails the build
 * if commander's source no longer has the line.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const line = "const childProcess = require('node:child_process');";
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(line)) throw new Error(`${args.path}: no "${line}" to make lazy (commander changed: update scripts/bundle-cli.mjs)`);
      return { contents: text.replace(line, "const childProcess = { get spawn() { return require('node:child_process').spawn; } };"), loader: 'js' };
    });
  },
};

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
    charset: 'ascii',
    // import() of a bundled module becomes a require of its lazy wrapper (vm.Script has no import()).
    supported: { 'dynamic-import': false },
    define: { NOTION_SCHEMA_BUNDLED_VERSION: JSON.stringify(pkg.version), 'import.meta.url': 'importMetaUrl' },
    inject: ['scripts/bundle-meta-url.cjs'],
    plugins: [lazyChildProcess],
    logLevel: 'warning',
  });
  // undici (the HTTP client) on its own, only what the CLI uses (scripts/undici-slim.cjs): the whole
  // package costs a tenth of a second to load from node_modules.
  await build({
    absWorkingDir: root,
    entryPoints: ['scripts/undici-slim.cjs'],
    outfile: 'dist/bundle/undici.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    charset: 'ascii',
    logLevel: 'warning',
  });
  for (const f of ['cli.cjs', 'undici.cjs']) asciiOnly(join(root, 'dist', 'bundle', f));
  writeCodeCaches();
}

/**
 * esbuild's ASCII charset escapes every string, regex and identifier, but keeps some comments as
 * written: their other characters become \u{…} text too, so that the file is ASCII and the bin reads
 * it as latin1 (a copy) instead of decoding UTF-8 (several milliseconds of every start).
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/[\u0080-\u{10ffff}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`));
}

/**
 * The caches hold what these runs compiled: `plan` on the example against the embedded workspace
 * (in a temporary copy: it writes the workspace's state), then `validate`, which rewrites the CLI's
 * cache with both (NOTION_SCHEMA_CODE_CACHE=refresh). Flags change V8's cache key, so the runs get
 * none (bin/notion-schema.cjs writes a cache only for a plain run).
 */
function writeCodeCaches() {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const bin = join(root, 'bin', 'notion-schema.cjs');
  const dir = mkdtempSync(join(tmpdir(), 'notion-schema-build-'));
  try {
    cpSync(join(root, 'examples'), dir, { recursive: true });
    execFileSync(process.execPath, [bin, 'plan', 'notion.schema.yaml'], { cwd: dir, env, stdio: 'ignore' });
    execFileSync(process.execPath, [bin, 'validate', 'notion.schema.yaml'], { cwd: dir, env: { ...env, NOTION_SCHEMA_CODE_CACHE: 'refresh' }, stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
