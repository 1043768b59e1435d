/** Public surface of the local Notion API emulator (see docs/emulator.md). */
export { startEmulator } from './server.js';
export type { EmulatorHandle, EmulatorOptions, RequestLogEntry } from './server.js';
export { openLocalWorkspace } from './local-workspace.js';
export type { LocalWorkspace } from './local-workspace.js';
export { parseFaultSpec } from './faults.js';
export type { FaultSpec } from './faults.js';
