/**
 * notion-schema as a library: the same stages the CLI runs, for scripts and tests.
 * file → DesiredState (config) · API → LiveState (notion) · diff → Plan (plan) → renderers | applier (apply).
 */
export type * from './model/index.js';
export { PROPERTY_TYPES, NUMBER_FORMATS, OPTION_COLORS, ROLLUP_FUNCTIONS, STATUS_GROUPS, STEP_KINDS, PLAN_FORMAT_VERSION } from './model/index.js';
export { UserInputError, NotionApiError, NetworkError, BlockedError, StalePlanError } from './errors.js';
export { parseSchemaText, loadSchemaFile, loadDesiredState, buildJsonSchema } from './config/index.js';
export { createNotionClient, readLiveState, readLockFile, writeLockFile, lockPathFor } from './notion/index.js';
export { diff } from './diff/index.js';
export { buildPlan, renderText, renderMarkdown, renderJson, summaryLine } from './plan/index.js';
export { applyPlan } from './apply/index.js';
export { pullWorkspace, emitSchemaYaml } from './pull/index.js';
export { generateCode } from './codegen/index.js';
export { startEmulator, openLocalWorkspace } from './emulator/index.js';
export { TOOL_VERSION } from './version.js';
