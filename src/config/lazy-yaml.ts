import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

type YamlModule = typeof Yaml;
let loaded: YamlModule | undefined;

/**
 * The `yaml` package, loaded on first use (synchronously: it is CommonJS under Node). Only the
 * fallback path needs it (syntax errors, rare YAML forms), so `validate` of a sound file never
 * pays for loading it.
 */
export function yamlLib(): YamlModule {
  loaded ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return loaded;
}
