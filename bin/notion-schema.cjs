#!/usr/bin/env node
'use strict';
// Entry point installed as `notion-schema`. The TypeScript sources are compiled to dist/: the
// published package ships dist/ (built by `prepack`); in a clone, `npm ci` builds it through
// `prepare` (scripts/build-if-stale.mjs).
//
// dist/bundle/cli.cjs is the whole CLI in one CommonJS file (scripts/bundle-cli.mjs), run here with
// V8's code cache (dist/bundle/cli.cjs.cache, written by the build): a command then starts without
// compiling the code it runs. The cache is used only when it was made from the bundle file as it is
// (its header holds the file's size, mtime and ctime: V8 itself checks only the length) and V8
// accepts it (same Node, same flags); otherwise the bundle compiles as usual and, when the process runs without extra flags, the
// cache is rewritten for the next run (best effort: a read-only install just stays uncached).
// Without the bundle, dist/cli/main.js (tsc's output of the same sources) runs.
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle', 'cli.cjs');
const CACHE = `${BUNDLE}.cache`;
const MAGIC = 'notion-schema code cache 1\n';

/** The cached data in CACHE when its header holds `key` (the bundle file's identity), else undefined. */
function readCache(key) {
  let bytes;
  try {
    bytes = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  const header = MAGIC + key + '\n';
  return bytes.length > header.length && bytes.toString('latin1', 0, header.length) === header
    ? bytes.subarray(header.length) : undefined;
}

function writeCache(script, key) {
  try {
    const tmp = `${CACHE}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(MAGIC + key + '\n', 'latin1'), script.createCachedData()]));
    renameSync(tmp, CACHE); // atomic: a concurrent run reads the old cache or the new one, never half
  } catch { /* read-only install, or a race: the next run compiles again */ }
}

async function runBundle() {
  const vm = require('node:vm');
  const Module = require('node:module');
  const source = readFileSync(BUNDLE, 'utf8');
  // Any write to the bundle changes its ctime (which no tool can set back): a cache keyed by it is
  // never used for other bytes. A copied or reinstalled bundle gets a new ctime: one run recompiles.
  const { size, mtimeMs, ctimeMs } = statSync(BUNDLE);
  const key = `${size} ${mtimeMs} ${ctimeMs}`;
  const cachedData = readCache(key);
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, join(BUNDLE, '..'));
  const code = await module.exports.main(process.argv);
  const plain = process.execArgv.length === 0 && !process.env.NODE_OPTIONS;
  if ((cachedData === undefined || script.cachedDataRejected) && plain) writeCache(script, key);
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
