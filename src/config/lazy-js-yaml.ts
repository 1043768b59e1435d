import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';

/** The js-yaml module's type. */
export type JsYamlModule = typeof JsYaml;
let loaded: JsYamlModule | undefined;

/**
 * js-yaml, loaded on first use (synchronously, as CommonJS). Only the fallback reader needs it
 * (fast-load.ts: what the schema-subset reader does not handle), so `validate` of an ordinary
 * file never pays for loading it.
 */
export function jsYamlLib(): JsYamlModule {
  loaded ??= createRequire(import.meta.url)('js-yaml') as JsYamlModule;
  return loaded;
}
