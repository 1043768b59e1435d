import { readFileSync } from 'node:fs';

/** Set by the Action bundle (scripts/bundle-action.mjs, esbuild `define`), which has no package.json beside it. */
declare const NOTION_SCHEMA_BUNDLED_VERSION: string | undefined;

/** The package version: inlined in the Action bundle, otherwise read once from package.json. */
export const TOOL_VERSION: string =
  typeof NOTION_SCHEMA_BUNDLED_VERSION === 'string'
    ? NOTION_SCHEMA_BUNDLED_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
