import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { newObjectId } from './ids.js';
import { SearchLag } from './search-lag.js';
import { textToRichText } from './rich-text.js';
import type { EmulatorState, StoredDatabase, StoredDataSource, StoredPage } from './state-types.js';

/** A fresh state with one root page that new databases can be created under. */
export function emptyState(now: string): EmulatorState {
  const root = newObjectId();
  const person = newObjectId();
  return {
    format: 1,
    root_page_id: root,
    workspace_name: 'Emulator workspace',
    databases: {},
    data_sources: {},
    users: { [person]: { id: person, type: 'person', name: 'Emulator User', email: 'user@example.com' } },
    bots: {},
    pages: {
      [root]: {
        id: root, parent: { type: 'workspace', workspace: true }, values: { title: textToRichText('Emulator root') },
        icon: null, cover: null, in_trash: false, is_locked: false, created_time: now, last_edited_time: now,
        created_by: person, last_edited_by: person,
      },
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files left by writers that were killed between write and rename. */
export function removeStaleTempFiles(file: string): void {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /\.(\d+)\.\d+\.tmp$/.exec(name) : null;
    if (m !== null && !alive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

/** Reads a state file; throws a clear error when it is not a state file. */
export function loadStateFile(file: string): EmulatorState | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`The emulator state file ${file} is not valid JSON (${(err as Error).message}). Delete it to start afresh.`);
  }
  const s = parsed as Partial<EmulatorState> | null;
  if (s === null || typeof s !== 'object' || s.format !== 1 || typeof s.root_page_id !== 'string') {
    throw new Error(`The file ${file} is not an emulator state file (format 1). Delete it or pass another --state file.`);
  }
  return s as EmulatorState;
}

/**
 * Holds the state in memory and persists it atomically (write a temp file, then rename).
 * Writes are coalesced ("group commit"): `flush()` resolves once every change made before
 * the call is on disk, and concurrent callers share one write.
 */
export class Store {
  state: EmulatorState;
  /** Search indexing lag (in memory, never persisted). */
  readonly searchLag = new SearchLag();
  private generation = 0;
  private durable = 0;
  private writing: Promise<void> | null = null;
  private tmpCounter = 0;

  /** mtime and size of the state file as last read or written by this process. */
  private seen: { mtimeMs: number; size: number } | null = null;

  constructor(state: EmulatorState, private readonly file: string | null) {
    this.state = state;
    this.seen = this.statFile();
  }

  private statFile(): { mtimeMs: number; size: number } | null {
    if (this.file === null) return null;
    try {
      const st = statSync(this.file);
      return { mtimeMs: st.mtimeMs, size: st.size };
    } catch {
      return null;
    }
  }

  /**
   * Reloads the state when another process replaced the state file since this one last read or
   * wrote it (e.g. the CLI and a test sharing a local workspace file), unless writes are pending.
   */
  refresh(): void {
    if (this.file === null || this.writing !== null || this.durable < this.generation) return;
    const st = this.statFile();
    if (st === null || (this.seen !== null && st.mtimeMs === this.seen.mtimeMs && st.size === this.seen.size)) return;
    try {
      const loaded = loadStateFile(this.file);
      if (loaded !== null) this.state = loaded;
      this.seen = st;
    } catch {
      // A foreign or broken file: keep serving the in-memory state; the next write replaces it.
    }
  }

  /**
   * Runs a multi-object change on a draft and swaps it in only if `fn` does not throw.
   * Databases, data sources and users are copied; the page map is a shallow copy, and code
   * that changes pages inside a transaction must replace them with copies first
   * (the schema engine does, in `pagesOf`).
   */
  transact<T>(fn: (draft: EmulatorState) => T): T {
    const s = this.state;
    const draft: EmulatorState = {
      ...s, databases: structuredClone(s.databases), data_sources: structuredClone(s.data_sources),
      users: structuredClone(s.users), bots: { ...s.bots }, pages: { ...s.pages },
    };
    const result = fn(draft);
    this.state = draft;
    this.markDirty();
    return result;
  }

  markDirty(): void {
    this.generation++;
  }

  /** Resolves when all changes made so far are durable (no-op without a state file). */
  async flush(): Promise<void> {
    if (this.file === null) {
      this.durable = this.generation;
      return;
    }
    const target = this.generation;
    while (this.durable < target) {
      if (this.writing !== null) {
        await this.writing;
        continue;
      }
      this.writing = this.writeOnce().finally(() => { this.writing = null; });
      await this.writing;
    }
  }

  private async writeOnce(): Promise<void> {
    const file = this.file as string;
    const gen = this.generation;
    const text = JSON.stringify(this.state);
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${++this.tmpCounter}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, file);
    this.seen = this.statFile();
    this.durable = Math.max(this.durable, gen);
  }

  database(id: string): StoredDatabase | undefined {
    return this.state.databases[id];
  }

  dataSource(id: string): StoredDataSource | undefined {
    return this.state.data_sources[id];
  }

  page(id: string): StoredPage | undefined {
    return this.state.pages[id];
  }
}
