import type { FieldChange, ManualCause, OptionColor, OptionSpec, StatusGroupSpec } from '../model/index.js';
import { MIGRATION_TEMP_SUFFIX } from '../model/index.js';

/** Where an option list lives, for the instructions of manual steps. */
export interface OptionContext {
  /** `Database › Data source` as the user sees it in the Notion app. */
  readonly location: string;
  readonly property: string;
}

/** A forbidden option change: the API cannot do it, the user does it in the app. */
export type ManualOptionChange = ManualCause;

/** An option whose pages a data migration moves: rename and/or recolour (`to.color` absent: keep the colour). */
export interface OptionMigration {
  /** The live option name the pages hold now (or held when the migration started). */
  readonly from: string;
  readonly to: { readonly name: string; readonly color?: OptionColor };
  /** The option was renamed in Notion (found by the id the lock file recorded): this renames it back. */
  readonly drift?: boolean;
}

/**
 * The differences between a desired and a live option list.
 * `keep` maps each desired option to the live option it denotes (by name, or by a rename),
 * so the request can re-send existing options by id and never deletes a renamed one.
 * `carry`: live options a migration owns (its source, temporary or target option) that no desired
 * option denotes: requests re-send them by id too, so a concurrent schema write never drops them.
 */
export interface OptionDiff {
  readonly added: readonly OptionSpec[];
  readonly removed: readonly OptionSpec[];
  readonly descriptions: readonly FieldChange[];
  /** Status group moves (`options.<name>.group`): sent as `{id, group}` on the existing option, a safe change. */
  readonly groups: readonly FieldChange[];
  readonly manual: readonly ManualOptionChange[];
  readonly migrations: readonly OptionMigration[];
  /** Desired option name → matched live option. */
  readonly keep: ReadonlyMap<string, OptionSpec>;
  readonly carry: readonly OptionSpec[];
}

function groupOf(groups: readonly StatusGroupSpec[] | undefined, option: string): string | undefined {
  return groups?.find((g) => g.options.includes(option))?.name;
}

const baseName = (o: OptionSpec): string | null => (MIGRATION_TEMP_SUFFIX.test(o.name) ? o.name.replace(MIGRATION_TEMP_SUFFIX, '') : null);

/**
 * Compares option lists. Rules (notion-api.md §2.3, §2.4; docs/migrations.md):
 * - a desired option matches the live option of the same name; failing that, one named in its
 *   `renamed_from`, or one whose name differs only by case: a rename, made by a data migration;
 * - an absent desired colour means "any colour"; a different colour is a recolour (a data migration);
 * - a live temporary option (` (migrating …)`) of a desired option, or a live option named in the
 *   `renamed_from` of a desired option that exists too, is a migration under way: it is resumed;
 * - a different description is a safe change, and so is a different status group (moved with `{id, group}`);
 * - a live option holding the id the lock file recorded for a desired option's name was renamed in
 *   Notion: it is renamed back by a data migration, like a `renamed_from` (the API renames no option);
 * - unmatched desired options are added (safe), unmatched live options removed (destructive).
 */
/** The working state of one comparison: which live options are taken, and what each desired option became. */
interface OptionMatch {
  readonly live: readonly OptionSpec[];
  /** Live options named like a migration's temporary option (` (migrating …)`), in list order. */
  readonly temps: readonly OptionSpec[];
  /** Live options that are not temporary, by name, in list order. */
  readonly plain: ReadonlyMap<string, readonly OptionSpec[]>;
  readonly used: Set<OptionSpec>;
  readonly keep: Map<string, OptionSpec>;
  readonly carry: OptionSpec[];
  readonly migrations: OptionMigration[];
  readonly migrating: Set<string>;
}

const byName = (m: OptionMatch, name: string): OptionSpec | undefined =>
  m.plain.get(name)?.find((o) => !m.used.has(o));

/** The match state for `live`: temporary options and the others by name, found once (lists are compared option by option). */
function startMatch(live: readonly OptionSpec[]): OptionMatch {
  const temps: OptionSpec[] = [];
  const plain = new Map<string, OptionSpec[]>();
  for (const o of live) {
    if (baseName(o) !== null) temps.push(o);
    else {
      const list = plain.get(o.name);
      if (list === undefined) plain.set(o.name, [o]);
      else list.push(o);
    }
  }
  return { live, temps, plain, used: new Set(), keep: new Map(), carry: [], migrations: [], migrating: new Set() };
}

function migrate(m: OptionMatch, d: OptionSpec, from: string, drift = false): void {
  m.migrating.add(d.name);
  m.migrations.push({ from, to: { name: d.name, ...(d.color !== undefined ? { color: d.color } : {}) }, ...(drift ? { drift: true } : {}) });
}

function takeCarried(m: OptionMatch, o: OptionSpec | undefined): void {
  if (o === undefined || m.used.has(o)) return;
  m.used.add(o);
  m.carry.push(o);
}

/** A temporary option of a migration towards `d` (its base is `d`'s name in any case, or a former name). */
const tempFor = (m: OptionMatch, d: OptionSpec): OptionSpec | undefined => m.temps.find((o) => {
  const base = baseName(o);
  return !m.used.has(o) && base !== null && (base.toLowerCase() === d.name.toLowerCase() || (d.renamed_from ?? []).includes(base));
});

/** Migrations under way whose target exists under its own name: a temporary option, or a former name still live. */
function resumeKept(m: OptionMatch, desired: readonly OptionSpec[]): void {
  for (const d of desired) {
    if (!m.keep.has(d.name)) continue;
    const temp = tempFor(m, d);
    const former = (d.renamed_from ?? []).map((n) => byName(m, n)).find((o) => o !== undefined);
    if (temp !== undefined) {
      const base = baseName(temp) ?? d.name;
      takeCarried(m, temp);
      takeCarried(m, m.live.find((o) => !m.used.has(o) && o.name === base));
      migrate(m, d, base);
    } else if (former !== undefined) {
      takeCarried(m, former);
      migrate(m, d, former.name);
    }
  }
}

/** Matches a desired option with no live namesake; returns false when nothing denotes it (an add). */
function matchPending(m: OptionMatch, d: OptionSpec, recorded: Readonly<Record<string, string>>): boolean {
  const temp = tempFor(m, d);
  if (temp !== undefined) {
    const base = baseName(temp) ?? d.name;
    const source = m.live.find((o) => !m.used.has(o) && o.name === base);
    m.used.add(temp);
    if (source !== undefined) { m.used.add(source); m.keep.set(d.name, source); m.carry.push(temp); } else m.keep.set(d.name, temp);
    migrate(m, d, base);
    return true;
  }
  const recordedId = Object.hasOwn(recorded, d.name) ? recorded[d.name] : undefined;
  const former = (d.renamed_from ?? []).map((n) => byName(m, n)).find((o) => o !== undefined);
  const drifted = former === undefined && recordedId !== undefined
    ? m.live.find((o) => !m.used.has(o) && o.id === recordedId && baseName(o) === null) : undefined;
  const l = former ?? drifted
    ?? m.live.find((o) => !m.used.has(o) && baseName(o) === null && o.name.toLowerCase() === d.name.toLowerCase());
  if (!l) return false;
  m.used.add(l);
  m.keep.set(d.name, l);
  migrate(m, d, l.name, drifted !== undefined && l === drifted);
  return true;
}

/**
 * Compares option lists. Rules (notion-api.md §2.3, §2.4; docs/migrations.md):
 * - a desired option matches the live option of the same name; failing that, one named in its
 *   `renamed_from`, or one whose name differs only by case: a rename, made by a data migration;
 * - an absent desired colour means "any colour"; a different colour is a recolour (a data migration);
 * - a live temporary option (` (migrating …)`) of a desired option, or a live option named in the
 *   `renamed_from` of a desired option that exists too, is a migration under way: it is resumed;
 * - a different description is a safe change, and so is a different status group (moved with `{id, group}`);
 * - a live option holding the id the lock file recorded for a desired option's name was renamed in
 *   Notion: it is renamed back by a data migration, like a `renamed_from` (the API renames no option);
 * - unmatched desired options are added (safe), unmatched live options removed (destructive).
 */
export function diffOptions(
  desired: readonly OptionSpec[],
  live: readonly OptionSpec[],
  liveGroups: readonly StatusGroupSpec[] | undefined,
  _ctx: OptionContext,
  recorded: Readonly<Record<string, string>> = {},
): OptionDiff {
  if (sameNames(desired, live)) {
    // The common case: the same names in the same order and no temporary option. Each desired
    // option keeps the live option at its place (what the passes below find), and nothing else
    // can match: nothing is added, removed, carried or resumed.
    const keep = new Map<string, OptionSpec>();
    for (let i = 0; i < desired.length; i++) keep.set((desired[i] as OptionSpec).name, live[i] as OptionSpec);
    const m: OptionMatch = { live, temps: [], plain: new Map(), used: new Set(), keep, carry: [], migrations: [], migrating: new Set() };
    return settle(m, desired, liveGroups, [], []);
  }
  const m = startMatch(live);
  // First pass: exact names, so a renamed_from never steals an option that keeps its name.
  const pending: OptionSpec[] = [];
  for (const d of desired) {
    const l = byName(m, d.name);
    if (l) { m.used.add(l); m.keep.set(d.name, l); } else pending.push(d);
  }
  resumeKept(m, desired);
  const added = pending.filter((d) => !matchPending(m, d, recorded));
  return settle(m, desired, liveGroups, added, live.filter((o) => !m.used.has(o)));
}

/** Same option names in the same order, and no live temporary option. */
function sameNames(desired: readonly OptionSpec[], live: readonly OptionSpec[]): boolean {
  if (desired.length !== live.length) return false;
  for (let i = 0; i < live.length; i++) {
    const l = live[i] as OptionSpec;
    if (l.name !== (desired[i] as OptionSpec).name || MIGRATION_TEMP_SUFFIX.test(l.name)) return false;
  }
  return true;
}

/** Recolours (migrations), description changes and group moves of the matched options. */
function settle(
  m: OptionMatch, desired: readonly OptionSpec[], liveGroups: readonly StatusGroupSpec[] | undefined,
  added: readonly OptionSpec[], removed: readonly OptionSpec[],
): OptionDiff {
  const descriptions: FieldChange[] = [];
  const groups: FieldChange[] = [];
  for (const d of desired) {
    const l = m.keep.get(d.name);
    if (!l) continue;
    if (!m.migrating.has(d.name) && d.color !== undefined && d.color !== l.color) migrate(m, d, d.name);
    if (m.migrating.has(d.name)) continue;
    const before = l.description ?? null;
    const after = d.description ?? null;
    if (before !== after) descriptions.push({ field: `options.${d.name}.description`, before, after });
    if (d.group !== undefined && liveGroups !== undefined) {
      const current = groupOf(liveGroups, l.name);
      if (current !== undefined && current !== d.group) groups.push({ field: `options.${d.name}.group`, before: current, after: d.group });
    }
  }
  return { added, removed, descriptions, groups, manual: [], migrations: m.migrations, keep: m.keep, carry: m.carry };
}
