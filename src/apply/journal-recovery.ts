import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanRequest } from '../model/plan.js';
import type { NotionClient } from '../notion/types.js';
import { LockStore, splitRef } from './lock-store.js';
import { isOtherLiveProcess } from './process-identity.js';
import { compactId, recoverCreate } from './recover.js';
import type { ApplyServices } from './services.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Only the newest journals are examined: an interrupted apply is found by the next run. */
const MAX_JOURNALS = 20;

/** An object a killed apply created (or may have created) without recording its id. */
export interface RecoveredObject {
  readonly kind: 'database' | 'data_source';
  readonly key: string;
  readonly id: string;
  readonly journal: string;
}

function readEntries(file: string): Obj[] {
  const out: Obj[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(asObj(JSON.parse(line)));
    } catch {
      // The last line of a killed process may be cut short.
    }
  }
  return out;
}

/** True when the journal's writer (its pid is in the file name) is another live process: not a crash. */
function isRunning(file: string): boolean {
  const pid = Number(/-(\d+)\.jsonl$/.exec(file)?.[1] ?? NaN);
  return isOtherLiveProcess(pid);
}

/**
 * Crash recovery, run before planning: a journal without an `end` line belongs to an apply that
 * was killed. For each create it sent whose key the lock file does not bind, look the object up
 * (by parent and title) and bind it in the lock, so the next plan does not create it again.
 * Every such journal then gets an `end` line, so it is examined once.
 */
export async function recoverInterruptedApply(opts: {
  readonly client: NotionClient;
  readonly journalDir: string;
  readonly lockPath: string;
  readonly services: ApplyServices;
}): Promise<RecoveredObject[]> {
  if (!existsSync(opts.journalDir)) return [];
  const files = readdirSync(opts.journalDir).filter((f) => f.endsWith('.jsonl')).sort().slice(-MAX_JOURNALS).map((f) => path.join(opts.journalDir, f));
  const recovered: RecoveredObject[] = [];
  for (const file of files) {
    if (isRunning(file)) continue;
    const entries = readEntries(file);
    if (entries.some((e) => e['type'] === 'end')) continue;
    const lock = await LockStore.open(opts.lockPath, opts.services);
    const known = new Set<string>();
    for (const db of Object.values(lock.current.databases)) {
      if (db.id !== '') known.add(compactId(db.id));
      for (const id of Object.values(db.data_sources)) known.add(compactId(id));
    }
    for (const sent of entries.filter((e) => e['type'] === 'create-sent')) {
      const creates = asObj(sent['creates']) as unknown as NonNullable<PlanRequest['creates']>;
      const bound = creates.kind === 'database'
        ? lock.current.databases[creates.database] !== undefined
        : (() => { const { db, ds } = splitRef(creates.data_source); return lock.current.databases[db]?.data_sources[ds] !== undefined; })();
      if (bound) continue;
      const found = await recoverCreate(opts.client, creates.kind, { parent: sent['parent'], title: sent['title'] }, null, known,
        typeof sent['at'] === 'string' ? Date.parse(sent['at']) : undefined);
      if (found === null) continue;
      const res = asObj(found.response);
      const id = String(res['id'] ?? '');
      known.add(compactId(id));
      if (creates.kind === 'database') {
        const first = asObj((Array.isArray(res['data_sources']) ? (res['data_sources'] as unknown[]) : [])[0]);
        const dsId = typeof first['id'] === 'string' ? first['id'] : null;
        await lock.update([
          { kind: 'database', key: creates.database, id },
          ...(dsId !== null ? [{ kind: 'data_source' as const, key: creates.data_source, id: dsId }] : []),
        ]);
        recovered.push({ kind: 'database', key: creates.database, id, journal: file });
        if (dsId !== null) recovered.push({ kind: 'data_source', key: creates.data_source, id: dsId, journal: file });
      } else {
        await lock.update([{ kind: 'data_source', key: creates.data_source, id }]);
        recovered.push({ kind: 'data_source', key: creates.data_source, id, journal: file });
      }
    }
    appendFileSync(file, JSON.stringify({ at: new Date().toISOString(), type: 'end', ok: false, interrupted: true,
      recovered: recovered.filter((r) => r.journal === file).map(({ kind, key, id }) => ({ kind, key, id })) }) + '\n');
  }
  return recovered;
}
