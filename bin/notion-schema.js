#!/usr/bin/env node
// Entry point installed as `notion-schema`. The TypeScript sources are compiled to dist/:
// the published package ships dist/ (built by `prepack`); in a clone, `npm ci` builds it
// through `prepare` (scripts/build-if-stale.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// dist/bundle/ is the same sources bundled per command (scripts/bundle-cli.mjs): it starts faster.
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const entry = existsSync(fileURLToPath(bundled)) ? bundled : new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('notion-schema: dist/ is missing; run `npm run build` (in a clone, `npm ci` does it for you).\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
