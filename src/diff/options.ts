import type { FieldChange, ManualCause, OptionSpec, StatusGroupSpec } from '../model/index.js';

/** Where an option list lives, for the instructions of manual steps. */
export interface OptionContext {
  /** `Database › Data source` as the user sees it in the Notion app. */
  readonly location: string;
  readonly property: string;
}

/** A forbidden option change: the API cannot do it, the user does it in the app. */
export type ManualOptionChange = ManualCause;

/**
 * The differences between a desired and a live option list.
 * `keep` maps each desired option to the live option it denotes (by name, or by a forbidden rename),
 * so the request can re-send existing options by id and never deletes a renamed one.
 */
export interface OptionDiff {
  readonly added: readonly OptionSpec[];
  readonly removed: readonly OptionSpec[];
  readonly descriptions: readonly FieldChange[];
  readonly manual: readonly ManualOptionChange[];
  /** Desired option name → matched live option. */
  readonly keep: ReadonlyMap<string, OptionSpec>;
}

function groupOf(groups: readonly StatusGroupSpec[] | undefined, option: string): string | undefined {
  return groups?.find((g) => g.options.includes(option))?.name;
}

/**
 * Compares option lists. Rules (notion-api.md §2.3, §2.4):
 * - a desired option matches the live option of the same name; failing that, one named in its
 *   `renamed_from`, or one whose name differs only by case: that is a rename, which the API cannot do (manual);
 * - an absent desired colour means "any colour"; a different colour is a recolour (manual);
 * - a different description is a safe change; a different status group is forbidden (manual);
 * - unmatched desired options are added (safe), unmatched live options removed (destructive).
 */
export function diffOptions(
  desired: readonly OptionSpec[],
  live: readonly OptionSpec[],
  liveGroups: readonly StatusGroupSpec[] | undefined,
  ctx: OptionContext,
): OptionDiff {
  const used = new Set<OptionSpec>();
  const keep = new Map<string, OptionSpec>();
  const added: OptionSpec[] = [];
  const descriptions: FieldChange[] = [];
  const manual: ManualOptionChange[] = [];
  const at = { location: ctx.location, property: ctx.property };

  const byName = (name: string): OptionSpec | undefined => live.find((o) => !used.has(o) && o.name === name);
  // First pass: exact names, so a renamed_from never steals an option that keeps its name.
  const pending: OptionSpec[] = [];
  for (const d of desired) {
    const l = byName(d.name);
    if (l) { used.add(l); keep.set(d.name, l); } else pending.push(d);
  }
  for (const d of pending) {
    const l = (d.renamed_from ?? []).map(byName).find((o) => o !== undefined)
      ?? live.find((o) => !used.has(o) && o.name.toLowerCase() === d.name.toLowerCase());
    if (l) {
      used.add(l);
      keep.set(d.name, l);
      const color = d.color !== undefined && d.color !== l.color ? d.color : null;
      manual.push({ code: 'option_rename', ...at, from: l.name, to: d.name, color });
    } else {
      added.push(d);
    }
  }
  for (const d of desired) {
    const l = keep.get(d.name);
    if (!l) continue;
    const renamed = l.name !== d.name;
    if (!renamed && d.color !== undefined && d.color !== l.color) {
      manual.push({ code: 'option_recolour', ...at, option: d.name, from: l.color ?? null, to: d.color });
    }
    const before = l.description ?? null;
    const after = d.description ?? null;
    if (before !== after) descriptions.push({ field: `options.${d.name}.description`, before, after });
    if (d.group !== undefined && liveGroups !== undefined) {
      const current = groupOf(liveGroups, l.name);
      if (current !== undefined && current !== d.group) {
        manual.push({ code: 'status_group', ...at, option: d.name, from: current, to: d.group });
      }
    }
  }
  const removed = live.filter((o) => !used.has(o));
  return { added, removed, descriptions, manual, keep };
}
