/** Codegen: desired state → TypeScript row types and helpers. Pure (no I/O). */
export { generateCode, GENERATED_MARKER, FROM_LIVE_HEADER, type CodegenIds, type GenerateOptions } from './generate.js';
export { camelIdentifier, pascalIdentifier, IdentifierAllocator } from './identifiers.js';
export { formulaKind, rollupKind, type ScalarKind } from './formula-kind.js';
