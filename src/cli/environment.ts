import path from 'node:path';
import { Option } from 'commander';
import type { EnvironmentSelection, EnvironmentSpec } from '../model/environment.js';
import { checkLegacyLock } from '../pipeline/legacy-lock.js';
import { layoutFor, type ProjectLayout } from '../pipeline/project.js';
import type { TargetOverrides } from './context.js';

/** The `--env NAME` option of plan, apply, pull, codegen and status. */
export const envOption = (): Option => new Option('--env <name>', 'the environment (declared under environments: in the schema file) to run against; default: the one marked default: true');

/**
 * Where a command keeps its state and how it connects, for the environment chosen (or none):
 * the environment's own lock file and state directory, and the target overrides naming it.
 * Refuses (checkLegacyLock) an environment without a lock file while the single lock file remains.
 */
export interface ProjectContext {
  readonly layout: ProjectLayout;
  readonly environment: EnvironmentSpec | undefined;
  readonly overrides: TargetOverrides;
  /** The schema file (absent for a saved plan applied without one). */
  readonly schemaPath?: string;
}

/** The ProjectContext of the schema file `schemaPath` (shown as `file`) for `selection`. */
export function projectContext(schemaPath: string, file: string, selection: EnvironmentSelection | null): ProjectContext {
  const environment = selection?.selected;
  if (environment !== undefined) checkLegacyLock(schemaPath, environment.name, file);
  return {
    layout: layoutFor(schemaPath, environment?.name ?? null),
    environment,
    overrides: { baseDir: path.dirname(schemaPath), ...(environment !== undefined ? { environment } : {}) },
    schemaPath,
  };
}
