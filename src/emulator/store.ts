import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { newObjectId } from './ids.js';
import { SearchLag } from './search-lag.js';
import { textToRichText } from './rich-text.js';
import type { EmulatorState, StoredDatabase, StoredDataSource, StoredPage } from './state-types.js';
import { cowRecord } from './cow.js';
import { appendJournal, JOURNAL_SUFFIX, journalLines, replayJournal, writeSnapshot, type JournalKind } from './journal.js';

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
  const state = s as EmulatorState;
  replayJournal(state, file);
  return state;
}

/** Journal appends allowed before the state is compacted into a new snapshot: at least this, or the snapshot's size. */
const MIN_JOURNAL_BYTES = 4 * 1024 * 1024;

/** Page ids by data source, for one `pages` record (rebuilt when the record is replaced, e.g. on reload). */
interface PageIndex {
  readonly pages: Record<string, StoredPage>;
  readonly byDs: Map<string, string[]>;
}

const pageIndexes = new WeakMap<object, (dsId: string) => readonly string[]>();

/**
 * The ids of the pages of data source `dsId`, in creation order, from the index of the store
 * that `state` (its state, or a transaction's draft) belongs to; null when it has none.
 */
export function pageIdsIn(state: EmulatorState, dsId: string): readonly string[] | null {
  return pageIndexes.get(state)?.(dsId) ?? null;
}

/**
 * Holds the state in memory and persists it atomically and incrementally (journal.ts): each
 * commit appends the changed objects to the journal; the whole state is rewritten (temp file +
 * rename) only when the journal outgrows the snapshot. Writes are coalesced ("group commit"):
 * `flush()` resolves once every change made before the call is on disk, and concurrent callers
 * share one write.
 */
export class Store {
  state: EmulatorState;
  /** Search indexing lag (in memory, never persisted). */
  readonly searchLag = new SearchLag();
  private generation = 0;
  private durable = 0;
  private writing: Promise<void> | null = null;
  private tmpCounter = 0;
  /** Objects changed since the last write; `all`: write a whole snapshot. */
  private changed = new Map<JournalKind, Set<string>>();
  private all = true;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private index: PageIndex | null = null;

  /** mtime and size of the state file and its journal as last read or written by this process. */
  private seen: string | null = null;

  constructor(state: EmulatorState, private readonly file: string | null) {
    this.state = state;
    this.seen = this.statFile();
    pageIndexes.set(state, (id) => this.pageIds(id));
  }

  private statFile(): string | null {
    if (this.file === null) return null;
    const one = (f: string): string => {
      try {
        const st = statSync(f);
        return `${st.mtimeMs}:${st.size}`;
      } catch {
        return '-';
      }
    };
    return `${one(this.file)}|${one(this.file + JOURNAL_SUFFIX)}`;
  }

  /**
   * Reloads the state when another process replaced the state file since this one last read or
   * wrote it (e.g. the CLI and a test sharing a local workspace file), unless writes are pending.
   */
  refresh(): void {
    if (this.file === null || this.writing !== null || this.durable < this.generation) return;
    const st = this.statFile();
    if (st === null || st === this.seen || st.startsWith('-')) return;
    try {
      const loaded = loadStateFile(this.file);
      if (loaded !== null) {
        this.state = loaded;
        pageIndexes.set(loaded, (id) => this.pageIds(id));
        this.all = true; // the next write continues from a snapshot of our own
      }
      this.seen = st;
    } catch {
      // A foreign or broken file: keep serving the in-memory state; the next write replaces it.
    }
  }

  /**
   * Runs a multi-object change on a draft and swaps it in only if `fn` does not throw.
   * Databases, data sources, views and users are copied on first access (cow.ts), only those the change
   * reads or writes; pages are not copied, and code that changes pages inside a transaction must
   * replace them with copies first (the schema engine does, in `pagesOf`).
   */
  transact<T>(fn: (draft: EmulatorState) => T): T {
    const s = this.state;
    s.views ??= {};
    const views = cowRecord(s.views, true);
    const dbs = cowRecord(s.databases, true);
    const dss = cowRecord(s.data_sources, true);
    const users = cowRecord(s.users, true);
    const bots = cowRecord(s.bots, false);
    const pages = cowRecord(s.pages, false);
    const draft: EmulatorState = { ...s, databases: dbs.proxy, data_sources: dss.proxy, users: users.proxy, bots: bots.proxy, pages: pages.proxy, views: views.proxy };
    pageIndexes.set(draft, (id) => this.pageIds(id));
    const result = fn(draft);
    const added = pages.touched().filter((id) => !Object.hasOwn(s.pages, id));
    for (const [kind, rec] of [['databases', dbs], ['data_sources', dss], ['users', users], ['bots', bots], ['pages', pages], ['views', views]] as const) {
      rec.commit();
      for (const id of rec.touched()) this.markDirty(kind, id);
    }
    for (const id of added) this.indexPage(s.pages[id]);
    this.generation++;
    return result;
  }

  /**
   * Notes a change: of one object (`kind`, `id`), so only it is journaled; without them, of
   * anything (the next write is a whole snapshot).
   */
  markDirty(kind?: JournalKind, id?: string): void {
    if (kind === undefined || id === undefined) this.all = true;
    else {
      let ids = this.changed.get(kind);
      if (ids === undefined) this.changed.set(kind, (ids = new Set()));
      ids.add(id);
    }
    this.generation++;
  }

  /** Adds a page (created now: a new id) to the state and the page index, and notes the change. */
  addPage(page: StoredPage): void {
    this.state.pages[page.id] = page;
    this.indexPage(page);
    this.markDirty('pages', page.id);
  }

  private indexPage(page: StoredPage | undefined): void {
    if (page === undefined || this.index?.pages !== this.state.pages || page.parent.type !== 'data_source_id') return;
    const ids = this.index.byDs.get(page.parent.data_source_id);
    if (ids === undefined) this.index.byDs.set(page.parent.data_source_id, [page.id]);
    else ids.push(page.id);
  }

  /** The ids of a data source's pages, in creation order (pages never change parent). */
  private pageIds(dsId: string): readonly string[] {
    const pages = this.state.pages;
    if (this.index?.pages !== pages) {
      const byDs = new Map<string, string[]>();
      for (const p of Object.values(pages)) {
        if (p.parent.type !== 'data_source_id') continue;
        const ids = byDs.get(p.parent.data_source_id);
        if (ids === undefined) byDs.set(p.parent.data_source_id, [p.id]);
        else ids.push(p.id);
      }
      this.index = { pages, byDs };
    }
    return this.index.byDs.get(dsId) ?? [];
  }

  /** The pages of a data source, in creation order, through the index. */
  pagesIn(dsId: string): StoredPage[] {
    const pages = this.state.pages;
    return this.pageIds(dsId).map((id) => pages[id]).filter((p): p is StoredPage =>
      p !== undefined && p.parent.type === 'data_source_id' && p.parent.data_source_id === dsId);
  }

  /** Resolves when all changes made so far are durable (no-op without a state file). */
  async flush(): Promise<void> {
    if (this.file === null) {
      this.durable = this.generation;
      this.changed.clear();
      this.all = false;
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
    const compact = this.all || this.statFile() !== this.seen || this.journalBytes > Math.max(MIN_JOURNAL_BYTES, this.snapshotBytes);
    // What to write is taken now (synchronously): changes made during the write go to the next one.
    const lines = compact ? '' : journalLines(this.state, this.changed);
    this.changed = new Map();
    this.all = false;
    try {
      if (compact) {
        const sizes = await writeSnapshot(this.state, file, (name) => `${name}.${process.pid}.${++this.tmpCounter}.tmp`);
        this.snapshotBytes = sizes.snapshot;
        this.journalBytes = sizes.journal;
      } else if (lines !== '') {
        await appendJournal(file, lines);
        this.journalBytes += Buffer.byteLength(lines);
      }
    } catch (err) {
      this.all = true;
      throw err;
    }
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
