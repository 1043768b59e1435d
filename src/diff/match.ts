import type { DesiredDataSource, DesiredProperty, Diagnostic, LiveDataSource, LiveProperty, RecordedProperty } from '../model/index.js';
import type { MatchedProperty } from './types.js';
import { MIGRATION_TEMP_SUFFIX } from '../model/index.js';

/** Properties of one data source that belong to a two-way relation declared elsewhere (Notion manages them). */
export interface OwnedSynced {
  readonly ids: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

export interface Matching {
  readonly matched: readonly MatchedProperty[];
  /** Live name → desired name, for matched pairs whose names differ. */
  readonly renames: ReadonlyMap<string, string>;
  readonly added: readonly DesiredProperty[];
  readonly removed: readonly LiveProperty[];
  readonly diagnostics: readonly Diagnostic[];
  /** Desired names paired by the id the lock file recorded, whose live name differs: renamed in Notion. */
  readonly drifted: ReadonlySet<string>;
}

/**
 * Pairs desired and live properties of one data source:
 * the title by id `title`; then the id the lock file recorded for the desired name (a live name
 * that differs was renamed in Notion: drift, renamed back); then exact names; then `renamed_from` (newest first).
 * A `renamed_from` that matches nothing while the new name is absent too is an error
 * (a silent add would lose the old column's data, cf. Atlas #3796). A removed and an added
 * property of the same type give a "possible rename" warning.
 * Owned synced properties (the far side of a two-way relation) match by exact name only,
 * and are never added or removed here.
 */
export function matchProperties(
  ref: string, desired: DesiredDataSource, live: LiveDataSource | null, owned: OwnedSynced,
  recorded: Readonly<Record<string, RecordedProperty>> = {},
): Matching {
  const used = new Set<LiveProperty>();
  const matched: MatchedProperty[] = [];
  const renames = new Map<string, string>();
  const added: DesiredProperty[] = [];
  const diagnostics: Diagnostic[] = [];
  const liveProps = live?.properties ?? [];
  const pair = (d: DesiredProperty, l: LiveProperty): void => {
    used.add(l);
    matched.push({ desired: d, live: l });
    if (l.name !== d.name) renames.set(l.name, d.name);
  };
  const pending: DesiredProperty[] = [];
  const drifted = new Set<string>();
  const named = byName(liveProps);
  const byRecordedId = renamedInNotion(desired.properties, liveProps, named, owned, recorded);
  const takenByRecordedId = new Set(byRecordedId.values());
  for (const d of desired.properties) {
    const recordedLive = byRecordedId.get(d);
    if (recordedLive) {
      pair(d, recordedLive);
      drifted.add(d.name);
      continue;
    }
    const l = d.config.type === 'title'
      ? liveProps.find((p) => p.id === 'title' || p.config.type === 'title')
      : firstFree(named.get(d.name), used);
    if (l && d.config.type === 'title' && l.name !== d.name && !d.renamed_from.includes(l.name)) {
      // The schema's title has the name of another live property: the user may mean "make X the
      // title" (impossible through the API), and renaming the title instead would drop X's values.
      const taken = liveProps.find((p) => p !== l && p.name === d.name && !owned.ids.has(p.id));
      // Not ambiguous when the schema renames that property away (another property's renamed_from).
      if (taken && !desired.properties.some((q) => q !== d && q.renamed_from.includes(taken.name))) {
        used.add(l);
        used.add(taken);
        diagnostics.push(titleNameTaken(ref, d, l, taken));
        continue;
      }
    }
    if (l && !used.has(l) && !takenByRecordedId.has(l)) pair(d, l);
    else pending.push(d);
  }
  // Pairs made so far are in desired order; only the later ones (below) can need sorting.
  const inOrder = matched.length;
  for (const d of pending) {
    if (owned.names.has(d.name)) continue;
    const l = d.renamed_from
      .map((old) => named.get(old)?.find((p) => !used.has(p) && p.config.type !== 'title' && !owned.ids.has(p.id)))
      .find((p) => p !== undefined);
    if (l) { pair(d, l); continue; }
    // A conversion killed between removing the old property and renaming the temporary one: rename it.
    const temp = d.convert !== undefined ? tempProperty(liveProps, used, [d.name, ...d.renamed_from], d.config.type) : undefined;
    if (temp) { pair(d, temp); continue; }
    if (d.renamed_from.length > 0 && live !== null) {
      diagnostics.push({
        severity: 'error',
        code: 'renamed-from-not-found',
        message: `Property "${d.name}" of ${ref} has renamed_from [${d.renamed_from.map((n) => `"${n}"`).join(', ')}], but neither "${d.name}" nor any of those names exists in the live data source.`,
        hint: `Set renamed_from to the property's current name in Notion, or remove renamed_from to create a new, empty property "${d.name}".`,
        ...(d.location ? { location: d.location } : {}),
      });
      continue;
    }
    added.push(d);
  }
  // A conversion under way: its temporary property belongs to it, not to the removals.
  for (const m of matched) {
    if (m.desired.convert === undefined || m.live.config.type === m.desired.config.type) continue;
    const temp = tempProperty(liveProps, used, [m.live.name], m.desired.config.type);
    if (temp) used.add(temp);
  }
  const removed = liveProps.filter((p) => !used.has(p) && !owned.ids.has(p.id) && !owned.names.has(p.name));
  if (live !== null) diagnostics.push(...possibleRenames(ref, added, removed));
  if (matched.length > inOrder) sortInFileOrder(matched, desired.properties);
  return { matched, renames, added, removed, diagnostics, drifted };
}

/** Sorts pairs by the file order of their desired property. */
function sortInFileOrder(matched: MatchedProperty[], properties: readonly DesiredProperty[]): void {
  const order = new Map(properties.map((p, i) => [p, i]));
  matched.sort((a, b) => (order.get(a.desired) ?? 0) - (order.get(b.desired) ?? 0));
}

/**
 * Desired properties whose recorded id (lock file) a live property holds under another name:
 * renamed in Notion. Only when no other live property holds the desired name (else the intent is unclear).
 */
function renamedInNotion(
  desired: readonly DesiredProperty[], liveProps: readonly LiveProperty[], named: ReadonlyMap<string, readonly LiveProperty[]>,
  owned: OwnedSynced, recorded: Readonly<Record<string, RecordedProperty>>,
): Map<DesiredProperty, LiveProperty> {
  const out = new Map<DesiredProperty, LiveProperty>();
  let byId: Map<string, LiveProperty[]> | undefined;
  for (const d of desired) {
    // A live property named d.name (its group is never empty) is not the renamed one (its name
    // would differ), so it always stands in the way: the usual case, decided by one look-up.
    if (d.config.type === 'title' || named.has(d.name)) continue;
    const id = Object.hasOwn(recorded, d.name) ? recorded[d.name]?.id : undefined;
    if (id === undefined || owned.names.has(d.name)) continue;
    byId ??= group(liveProps, (p) => p.id);
    const l = byId.get(id)?.find((p) => p.config.type !== 'title' && !owned.ids.has(p.id));
    if (l && l.name !== d.name) out.set(d, l);
  }
  return out;
}

/** `items` grouped by `key`, each group in list order (look-ups instead of scans: 100 properties make 10,000 comparisons). */
function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

const byName = (liveProps: readonly LiveProperty[]): Map<string, LiveProperty[]> => group(liveProps, (p) => p.name);

/** The first of `list` not used yet and not the title. */
function firstFree(list: readonly LiveProperty[] | undefined, used: ReadonlySet<LiveProperty>): LiveProperty | undefined {
  if (list === undefined) return undefined;
  for (const p of list) if (!used.has(p) && p.config.type !== 'title') return p;
  return undefined;
}

/** The live temporary property (` (migrating …)`, src/migrate/) of a conversion of a property once named one of `names`. */
function tempProperty(liveProps: readonly LiveProperty[], used: ReadonlySet<LiveProperty>, names: readonly string[], type: string): LiveProperty | undefined {
  return liveProps.find((p) => !used.has(p) && p.config.type === type && MIGRATION_TEMP_SUFFIX.test(p.name)
    && names.some((n) => p.name.replace(MIGRATION_TEMP_SUFFIX, '') === n.slice(0, 80)));
}

/** The schema names the title like another live property: renaming the title would collide with it. */
function titleNameTaken(ref: string, d: DesiredProperty, l: LiveProperty, taken: LiveProperty): Diagnostic {
  return {
    severity: 'error',
    code: 'title-name-taken',
    message: `The title property of ${ref} is "${l.name}" in Notion, but the schema gives the title the name "${d.name}", which in Notion is ${/^[aeiou]/.test(taken.config.type) ? 'an' : 'a'} ${taken.config.type} property. The API cannot turn a property into the title, and renaming the title to "${d.name}" would collide with it.`,
    hint: `To keep the title, name it "${l.name}" in the schema. To rename the title to "${d.name}", first rename or remove the ${taken.config.type} property "${d.name}" in the schema, then add renamed_from: ["${l.name}"] to the title.`,
    ...(d.location ? { location: d.location } : {}),
  };
}

/** A removed and an added property of the same type: warn that it may be a rename missing its `renamed_from`. */
function possibleRenames(ref: string, added: readonly DesiredProperty[], removed: readonly LiveProperty[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const a of added) {
    const twin = removed.find((r) => r.config.type === a.config.type);
    if (!twin) continue;
    out.push({
      severity: 'warning',
      code: 'possible-rename',
      message: `possible rename: add \`renamed_from: [${JSON.stringify(twin.name)}]\` to property "${a.name}" of ${ref}; as written, "${twin.name}" is removed (its values are lost) and "${a.name}" is added empty.`,
      hint: `If "${a.name}" is the old "${twin.name}" under a new name, write renamed_from: [${JSON.stringify(twin.name)}].`,
      ...(a.location ? { location: a.location } : {}),
    });
  }
  return out;
}
