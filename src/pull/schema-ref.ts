import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The JSON Schema shipped with the package (`schemas/notion-schema.schema.json`). */
export const PACKAGE_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/notion-schema.schema.json', import.meta.url));

/**
 * The `$schema=` reference for a schema file written at `outFile`: the path of the package's
 * JSON Schema relative to the file's directory, with `/` separators.
 */
export function schemaRefFor(outFile: string, schemaPath: string = PACKAGE_SCHEMA_PATH): string {
  const rel = relative(dirname(resolve(outFile)), schemaPath).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
