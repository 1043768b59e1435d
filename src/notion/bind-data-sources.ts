import { UserInputError } from '../errors.js';
import type { DesiredDatabase, DesiredDataSource } from '../model/desired.js';
import type { BindingSource, LiveDatabase } from '../model/live.js';
import type { LockFile } from '../model/lock.js';
import { toDashedId } from './ids.js';

/**
 * Picks, for each data source of the file, the live data source it denotes:
 * file `id:` → lock → same title within the database → (one desired and one live data source) that one.
 * Returns ref → {id, source}; a ref left out does not exist yet. Two live data sources with the
 * desired title is an error (UserInputError listing them), never a silent pick or a duplicate.
 */
export function bindDataSources(
  db: DesiredDatabase,
  live: LiveDatabase,
  dbSource: BindingSource,
  lock: LockFile,
): Map<string, { readonly id: string; readonly source: BindingSource }> {
  const out = new Map<string, { id: string; source: BindingSource }>();
  const taken = new Set<string>();
  const lockDb = lock.databases[db.key];
  const lockUsable = lockDb !== undefined && toDashedId(lockDb.id) === live.id;
  const pending: DesiredDataSource[] = [];
  for (const ds of db.data_sources) {
    const fileId = ds.id ? toDashedId(ds.id) : undefined;
    const lockId = lockUsable ? lockDb.data_sources[ds.key] : undefined;
    if (fileId) {
      out.set(ds.ref, { id: fileId, source: 'file' });
      taken.add(fileId);
    } else if (lockId) {
      out.set(ds.ref, { id: toDashedId(lockId), source: 'lock' });
      taken.add(toDashedId(lockId));
    } else pending.push(ds);
  }
  // Bound by title (not by id): reported as adopted, whatever bound the database.
  void dbSource;
  const adoptedSource: BindingSource = 'adopted';
  for (const ds of pending) {
    const byName = live.data_source_ids.filter((l) => l.name === ds.title && !taken.has(l.id));
    const [only] = byName;
    if (byName.length > 1) {
      const ids = byName.map((l) => l.id);
      throw new UserInputError(`data source ${ds.ref} ("${ds.title}"): database ${live.id} has ${ids.length} data sources with this title: ${ids.join(', ')}`, [{
        severity: 'error',
        code: 'ambiguous-adoption',
        message: `data source ${ds.ref} matches ${ids.length} data sources of database ${live.id}: ${ids.join(', ')}`,
        hint: `bind one with \`id:\` under ${ds.ref} in the schema file (or in notion-schema.lock.json).`,
        ...(ds.location ? { location: ds.location } : {}),
      }]);
    }
    if (byName.length === 1 && only) {
      out.set(ds.ref, { id: only.id, source: adoptedSource });
      taken.add(only.id);
    }
  }
  // One desired and one live data source, names differ: the same data source, retitled.
  const [soleDesired] = db.data_sources;
  const [soleLive] = live.data_source_ids;
  if (db.data_sources.length === 1 && live.data_source_ids.length === 1 && soleDesired && soleLive && !out.has(soleDesired.ref) && !taken.has(soleLive.id)) {
    out.set(soleDesired.ref, { id: soleLive.id, source: adoptedSource });
    return out;
  }
  // A database made by `apply` whose first data source was not retitled yet (an interrupted
  // apply, a lost lock file) still carries the database's title: that is the first declared
  // data source, which the plan created with the database. Pairing it avoids a duplicate.
  const [firstDesired] = db.data_sources;
  const untitled = live.data_source_ids.filter((l) => !taken.has(l.id) && l.name === live.title);
  const [firstLive] = untitled;
  if (firstDesired && firstLive && untitled.length === 1 && !out.has(firstDesired.ref)
      && !db.data_sources.some((ds) => ds.title === live.title)) {
    out.set(firstDesired.ref, { id: firstLive.id, source: adoptedSource });
  }
  return out;
}
