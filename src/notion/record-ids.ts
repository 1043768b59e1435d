import type { DesiredState } from '../model/desired.js';
import type { LiveDataSource, LiveProperty, LiveState } from '../model/live.js';
import type { LockFile, LockProperty } from '../model/lock.js';
import type { LiveView } from '../model/view.js';
import { setRecordedProperties } from './lock-file.js';
import { setRecordedViews } from './lock-views.js';

/** One property's lock entry: its id, and its options' ids by name (select, multi-select, status). */
export function lockPropertyOf(p: LiveProperty): LockProperty {
  const c = p.config;
  if (c.type !== 'select' && c.type !== 'multi_select' && c.type !== 'status') return { id: p.id };
  const options: Record<string, string> = {};
  for (const o of c.options) if (o.id !== undefined) options[o.name] = o.id;
  return { id: p.id, options };
}

/** The lock entries of a data source's properties, keyed by their live names. */
export function lockPropertiesOf(ds: LiveDataSource, names?: ReadonlySet<string>): Record<string, LockProperty> {
  const out: Record<string, LockProperty> = {};
  for (const p of ds.properties) {
    if (names !== undefined && !names.has(p.name)) continue;
    Object.defineProperty(out, p.name, { value: lockPropertyOf(p), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Pure: the lock with each bound data source's managed property ids (and option ids) recorded
 * as they are live, under the names the schema file declares (after apply, live names are
 * the declared names). Live properties the file does not name (synced far sides) are left out.
 */
export function recordPropertyIds(lock: LockFile, desired: DesiredState, live: LiveState): LockFile {
  let next = lock;
  for (const db of desired.databases) {
    for (const ds of db.data_sources) {
      const bound = live.data_sources.get(ds.ref);
      if (bound === undefined || lock.databases[db.key]?.data_sources[ds.key] === undefined) continue;
      next = setRecordedProperties(next, ds.ref, lockPropertiesOf(bound.live, new Set(ds.properties.map((p) => p.name))));
      const liveViews = live.views?.get(ds.ref);
      if (ds.views !== undefined && liveViews !== undefined) next = setRecordedViews(next, ds.ref, lockViewsOf(ds.views.map((v) => v.name), liveViews));
    }
  }
  return next;
}

/** Declared view name → live view id, for the declared views live under their declared names (the first of each name). */
export function lockViewsOf(names: readonly string[], live: readonly LiveView[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = live.find((x) => x.name === name);
    if (v !== undefined) Object.defineProperty(out, name, { value: v.id, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
