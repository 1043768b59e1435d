/** `pull`: live workspace → schema YAML (+ lock). */
export { pullWorkspace, mergeLock, describeTarget } from './pull-workspace.js';
export type { PullOptions, PullResult, MergeTarget } from './pull-workspace.js';
export { fetchWorkspace } from './fetch-workspace.js';
export type { PullSelection } from './fetch-workspace.js';
export { emitSchema, emitSchemaYaml, buildLock } from './emit.js';
export type { EmitOptions, EmitResult } from './emit.js';
export { mergeSchema, GONE_MARK } from './merge.js';
export { parseDatabaseArg } from './parse-id.js';
export type { PulledWorkspace, PulledDatabase } from './types.js';
