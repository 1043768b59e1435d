import { randomUUID } from 'node:crypto';
import { OPTION_COLORS, STATUS_GROUPS } from '../../model/property-types.js';
import { ApiError } from '../errors.js';
import { checkArray, isRecord } from '../rich-text.js';
import type { StoredGroup, StoredOption } from '../state-types.js';

/** Longest option name accepted (a [COMMUNITY] limit; the emulator enforces it). */
export const MAX_OPTION_NAME = 100;
/** Most options per property (a [COMMUNITY] limit; the emulator enforces it). */
export const MAX_OPTIONS = 100;
/** Colour given to a new option sent without one (unconfirmed in Notion; documented). */
export const DEFAULT_OPTION_COLOR = 'default';

const GROUP_COLORS: Readonly<Record<string, string>> = { 'To-do': 'gray', 'In progress': 'blue', Complete: 'green' };

function checkName(name: unknown, where: string): string {
  if (typeof name !== 'string' || name.trim() === '') throw ApiError.validation(`${where}.name should be a non-empty string.`);
  if (name.includes(',')) throw ApiError.validation(`${where}.name should not contain commas, instead was \`${JSON.stringify(name)}\`.`);
  if (name.length > MAX_OPTION_NAME) {
    throw ApiError.validation(`${where}.name.length should be ≤ \`${MAX_OPTION_NAME}\`, instead was \`${name.length}\`.`);
  }
  return name;
}

function checkColor(color: unknown, where: string): string | undefined {
  if (color === undefined) return undefined;
  if (typeof color !== 'string' || !(OPTION_COLORS as readonly string[]).includes(color)) {
    throw ApiError.validation(`${where}.color should be one of ${OPTION_COLORS.map((c) => `\`${c}\``).join(', ')}, instead was \`${JSON.stringify(color)}\`.`);
  }
  return color;
}

function checkDescription(d: unknown, where: string): string | null | undefined {
  if (d === undefined || d === null) return d as null | undefined;
  if (typeof d !== 'string') throw ApiError.validation(`${where}.description should be a string or \`null\`.`);
  return d;
}

function checkGroup(g: unknown, where: string): string | undefined {
  if (g === undefined) return undefined;
  if (typeof g !== 'string' || !(STATUS_GROUPS as readonly string[]).includes(g)) {
    throw ApiError.validation(`${where}.group should be one of ${STATUS_GROUPS.map((s) => `\`${s}\``).join(', ')}, instead was \`${JSON.stringify(g)}\`.`);
  }
  return g;
}

/** One requested option after validation; `matched` is the existing option it refers to, if any. */
export interface OptionRequest {
  readonly matched: StoredOption | undefined;
  readonly name: string | undefined;
  readonly color: string | undefined;
  readonly description: string | null | undefined;
  readonly group: string | undefined;
}

/**
 * Validates a requested option list against the existing options (matched by id, then by
 * exact name). Rejects renames and recolours of existing options (the emulator's stricter
 * choice), duplicates regardless of case, commas and more than 100 options.
 */
export function readOptionRequests(raw: unknown, existing: readonly StoredOption[], where: string, allowGroup: boolean): OptionRequest[] {
  const items = checkArray(raw, where);
  if (items.length > MAX_OPTIONS) throw ApiError.validation(`${where}.length should be ≤ \`${MAX_OPTIONS}\`, instead was \`${items.length}\`.`);
  const out: OptionRequest[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const w = `${where}[${i}]`;
    if (!isRecord(item)) throw ApiError.validation(`${w} should be an object.`);
    const color = checkColor(item.color, w);
    const description = checkDescription(item.description, w);
    const group = allowGroup ? checkGroup(item.group, w) : undefined;
    if (!allowGroup && item.group !== undefined) throw ApiError.validation(`${w}.group should be not present.`);
    let matched: StoredOption | undefined;
    if (item.id !== undefined) {
      if (typeof item.id !== 'string') throw ApiError.validation(`${w}.id should be a string.`);
      matched = existing.find((o) => o.id === item.id);
      if (matched === undefined) throw ApiError.validation(`${w}: no option with id \`${item.id}\` exists on this property.`);
    }
    let name: string | undefined;
    if (item.name !== undefined) name = checkName(item.name, w);
    if (matched === undefined) {
      if (name === undefined) throw ApiError.validation(`${w}.name should be defined, instead was \`undefined\`.`);
      matched = existing.find((o) => o.name === name);
    }
    if (matched !== undefined) {
      if (name !== undefined && name !== matched.name) {
        throw ApiError.validation(`${w}: option \`${matched.name}\` (id ${matched.id}) cannot be renamed to \`${name}\` through the API; rename it in the Notion app.`);
      }
      if (color !== undefined && color !== matched.color) {
        throw ApiError.validation(`${w}: option \`${matched.name}\` has color \`${matched.color}\`; its color cannot be changed through the API (asked for \`${color}\`).`);
      }
    }
    const finalName = matched?.name ?? name ?? '';
    const key = finalName.toLowerCase();
    if (seen.has(key)) throw ApiError.validation(`${w}.name: option names must be unique regardless of case; \`${finalName}\` is repeated.`);
    seen.add(key);
    out.push({ matched, name, color, description, group });
  });
  return out;
}

/** The resulting option list for a select or multi-select (new options get fresh ids). */
export function buildSelectOptions(requests: readonly OptionRequest[]): StoredOption[] {
  return requests.map((r) => r.matched !== undefined
    ? { ...r.matched, description: r.description === undefined ? r.matched.description : r.description }
    : { id: randomUUID(), name: r.name ?? '', color: r.color ?? DEFAULT_OPTION_COLOR, description: r.description ?? null });
}

/** A new status configuration: the three fixed groups, with Notion's default options when none are given. */
export function newStatusConfig(rawOptions: unknown, where: string): { options: StoredOption[]; groups: StoredGroup[] } {
  const groups: StoredGroup[] = STATUS_GROUPS.map((name) => ({ id: randomUUID(), name, color: GROUP_COLORS[name] ?? 'default', option_ids: [] }));
  if (rawOptions === undefined) {
    const defaults: [string, string, string][] = [['Not started', 'default', 'To-do'], ['In progress', 'blue', 'In progress'], ['Done', 'green', 'Complete']];
    const options = defaults.map(([name, color]) => ({ id: randomUUID(), name, color, description: null }));
    defaults.forEach(([, , g], i) => groups.find((x) => x.name === g)?.option_ids.push(options[i]!.id));
    return { options, groups };
  }
  return updateStatusConfig({ options: [], groups }, rawOptions, where);
}

/** Replaces the option list of a status property (2.4): new options go to their `group` or To-do. */
export function updateStatusConfig(
  current: { options: StoredOption[]; groups: StoredGroup[] }, rawOptions: unknown, where: string,
): { options: StoredOption[]; groups: StoredGroup[] } {
  const requests = readOptionRequests(rawOptions, current.options, where, true);
  const options = buildSelectOptions(requests);
  const groups = current.groups.map((g) => ({ ...g, option_ids: g.option_ids.filter((id) => options.some((o) => o.id === id)) }));
  const fallback = groups.find((g) => g.name === 'To-do') ?? groups[0];
  requests.forEach((r, i) => {
    const opt = options[i]!;
    const inGroup = groups.find((g) => g.option_ids.includes(opt.id));
    if (r.group !== undefined) {
      const target = groups.find((g) => g.name === r.group);
      if (target === undefined) throw ApiError.validation(`${where}[${i}].group: status group \`${r.group}\` does not exist.`);
      if (inGroup !== target) {
        if (inGroup !== undefined) inGroup.option_ids = inGroup.option_ids.filter((id) => id !== opt.id);
        target.option_ids.push(opt.id);
      }
    } else if (inGroup === undefined) {
      fallback?.option_ids.push(opt.id);
    }
  });
  return { options, groups };
}
