#!/usr/bin/env node
'use strict';
// Entry point installed as `notion-schema`. The TypeScript sources are compiled to dist/: the
// published package ships dist/ (built by `prepack`); in a clone, `npm ci` builds it through
// `prepare` (scripts/build-if-stale.mjs).
//
// dist/bundle/cli.cjs is the whole CLI in one CommonJS file, and dist/bundle/undici.cjs the HTTP
// client it requires (scripts/bundle-cli.mjs). Both run here with V8's code cache (`<file>.cache`,
// written by the build): a command then starts without compiling the code it runs. A cache is used
// only when it was made from the file as it is (its header holds the file's size, mtime and ctime:
// V8 itself checks only the length) and V8 accepts it (same Node, same flags); otherwise the file
// compiles as usual and, when the process runs without extra flags, its cache is rewritten for the
// next run (best effort: a read-only install just stays uncached).
// Without the bundle, dist/cli/main.js (tsc's output of the same sources) runs.
//
// TurboFan inlining is off (V8's flag, set before any code is optimised): a run is one short batch,
// where compiling the large inlined graphs (on every core) costs more than the inlined code saves:
// `plan` at 1,000 data sources used ~10 % less CPU without it (docs/benchmarks.md). The flag is part
// of V8's code-cache key: set the same way on every run, it keeps the cache valid.
require('node:v8').setFlagsFromString('--no-turbo-inlining');
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle', 'cli.cjs');
const UNDICI = join(__dirname, '..', 'dist', 'bundle', 'undici.cjs');
const MAGIC = 'notion-schema code cache 1\n';

/** Every file run through loadCached: written back at exit when its cache was missing or refused. */
const loaded = [];

/** The cached data in `cache` when its header holds `key` (the bundle file's identity), else undefined. */
function readCache(cache, key) {
  let bytes;
  try {
    bytes = readFileSync(cache);
  } catch {
    return undefined;
  }
  const header = MAGIC + key + '\n';
  return bytes.length > header.length && bytes.toString('latin1', 0, header.length) === header
    ? bytes.subarray(header.length) : undefined;
}

function writeCache({ file, script, key }) {
  try {
    const tmp = `${file}.cache.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(MAGIC + key + '\n', 'latin1'), script.createCachedData()]));
    renameSync(tmp, `${file}.cache`); // atomic: a concurrent run reads the old cache or the new one, never half
  } catch { /* read-only install, or a race: the next run compiles again */ }
}

/** Runs the CommonJS file `file` (with its code cache when it fits) and returns its exports. */
function loadCached(file) {
  const vm = require('node:vm');
  const Module = require('node:module');
  // The bundles are ASCII (esbuild escapes the rest): read as latin1, a plain copy, where UTF-8
  // decoding costs several milliseconds; any other file is decoded as UTF-8.
  const bytes = readFileSync(file);
  const source = require('node:buffer').isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // Any write to the file changes its ctime (which no tool can set back): a cache keyed by it is
  // never used for other bytes. A copied or reinstalled file gets a new ctime: one run recompiles.
  const { size, mtimeMs, ctimeMs } = statSync(file);
  const key = `${size} ${mtimeMs} ${ctimeMs}`;
  const cachedData = readCache(`${file}.cache`, key);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  loaded.push({ file, script, key, stale: cachedData === undefined || script.cachedDataRejected });
  const module = { exports: {} };
  const plain = Module.createRequire(file);
  let undici;
  // The bundle's require('undici') gets the bundled copy (one copy per process, as with node_modules).
  const own = (id) => (id === 'undici' && existsSync(UNDICI) ? (undici ??= loadCached(UNDICI)) : plain(id));
  script.runInThisContext().call(module.exports, module.exports, Object.assign(own, plain), module, file, dirname(file));
  return module.exports;
}

async function runBundle() {
  const code = await loadCached(BUNDLE).main(process.argv);
  // Flags change V8's cache key: only a plain run writes. NOTION_SCHEMA_CODE_CACHE=refresh (the build)
  // rewrites even a valid cache, so it holds what this run compiled on top of what it held.
  const plain = process.execArgv.length === 0 && !process.env.NODE_OPTIONS;
  const refresh = process.env.NOTION_SCHEMA_CODE_CACHE === 'refresh';
  for (const l of loaded) if (plain && (l.stale || refresh)) writeCache(l);
  return code;
}

async function runCompiled() {
  const entry = join(__dirname, '..', 'dist', 'cli', 'main.js');
  if (!existsSync(entry)) {
    process.stderr.write('notion-schema: dist/ is missing; run `npm run build` (in a clone, `npm ci` does it for you).\n');
    process.exit(1);
  }
  const { main } = await import(require('node:url').pathToFileURL(entry).href);
  return main(process.argv);
}

(existsSync(BUNDLE) ? runBundle() : runCompiled()).then((code) => { process.exitCode = code; });
