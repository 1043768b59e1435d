import type { Diagnostic } from '../model/index.js';
import { emitSchema, type EmitOptions } from './emit.js';
import type { KeyAssignment } from './keys.js';
import type { PulledWorkspace } from './types.js';

/** One file of a directory schema written by `pull --out DIR/`. */
export interface EmittedFile {
  /** `<database key>.yaml`; the keys are unique, so the names are. */
  readonly name: string;
  readonly yaml: string;
}

/**
 * Pure: renders a pulled workspace as a directory schema, one file per database (in pull
 * order). Keys are assigned over the whole workspace, so relations between files use the same
 * `db.ds` keys as one file would; each file repeats `version: 1` (allowed in every file).
 */
export function emitSchemaFiles(ws: PulledWorkspace, opts: EmitOptions, keys: KeyAssignment): { files: EmittedFile[]; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const files = ws.databases.map((db) => {
    const one = emitSchema({ databases: [db], warnings: [] }, opts, keys);
    for (const w of one.warnings) warnings.push(w);
    return { name: `${keys.database.get(db.database.id) ?? db.database.id}.yaml`, yaml: one.yaml };
  });
  return { files, warnings };
}
