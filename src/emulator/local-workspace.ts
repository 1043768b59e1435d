import { startEmulator } from './server.js';

/** The embedded local workspace: an in-process emulator on a random loopback port, persisted to `stateFile`. */
export interface LocalWorkspace {
  readonly url: string;
  readonly rootPageId: string;
  /** Creates the page (at workspace level) if it does not exist yet; used for a schema's `parent.page_id`. */
  ensurePage(pageId: string, title?: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the embedded local workspace (no rate limit, no faults, any token). */
export async function openLocalWorkspace(opts: { readonly stateFile: string }): Promise<LocalWorkspace> {
  const emu = await startEmulator({ stateFile: opts.stateFile });
  return { url: emu.url, rootPageId: emu.rootPageId, ensurePage: emu.ensurePage, close: emu.close };
}
