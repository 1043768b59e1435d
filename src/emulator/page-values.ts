import { randomUUID } from 'node:crypto';
import { ApiError } from './errors.js';
import { encodePropertyId, normalizeId } from './ids.js';
import { evaluateFormula } from './formula-eval.js';
import { LIMITS, checkArray, isRecord, parseRichText, plainText } from './rich-text.js';
import { DEFAULT_OPTION_COLOR } from './schema/options.js';
import type { EmulatorState, RichTextItem, StoredDataSource, StoredGroup, StoredOption, StoredPage, StoredProperty } from './state-types.js';

const READ_ONLY = new Set(['formula', 'rollup', 'unique_id', 'created_time', 'created_by', 'last_edited_time', 'last_edited_by', 'button', 'verification']);

function userRef(id: string): { object: 'user'; id: string } {
  return { object: 'user', id };
}

function optionOut(o: StoredOption | undefined): { id: string; name: string; color: string } | null {
  return o === undefined ? null : { id: o.id, name: o.name, color: o.color };
}

function scalarOf(state: EmulatorState, ds: StoredDataSource, page: StoredPage, propId: string, depth: number): number | string | boolean | null {
  const p = ds.properties[propId];
  if (p === undefined) throw new Error('missing property');
  const v = page.values[propId];
  const opts = (p.config.options as StoredOption[] | undefined) ?? [];
  switch (p.type) {
    case 'number': return (v as number | undefined) ?? null;
    case 'checkbox': return v === true;
    case 'title': case 'rich_text': return plainText(v as RichTextItem[] | undefined);
    case 'url': case 'email': case 'phone_number': return (v as string | undefined) ?? '';
    case 'select': case 'status': return opts.find((o) => o.id === v)?.name ?? '';
    case 'unique_id': return (v as number | undefined) ?? null;
    case 'formula': {
      if (depth > 10) throw new Error('depth');
      const f = evaluateFormula(p.config.expression as string, (id) => scalarOf(state, ds, page, id, depth + 1));
      return f.type === 'number' ? f.number : f.type === 'boolean' ? f.boolean : f.string;
    }
    default: throw new Error('unsupported');
  }
}

function rollupValue(state: EmulatorState, ds: StoredDataSource, p: StoredProperty, page: StoredPage): Record<string, unknown> {
  const fn = p.config.function as string;
  const rel = ds.properties[p.config.relation_property_id as string];
  const target = rel === undefined ? undefined : state.data_sources[rel.config.data_source_id as string];
  const roll = target?.properties[p.config.rollup_property_id as string];
  const ids = rel === undefined ? [] : ((page.values[rel.id] as string[] | undefined) ?? []);
  const related = ids.map((id) => state.pages[id]).filter((x): x is StoredPage => x !== undefined);
  if (fn === 'count') return { type: 'number', number: related.length, function: fn };
  if (roll === undefined || target === undefined) return { type: 'number', number: null, function: fn };
  const values = related.map((r) => r.values[roll.id]);
  const filled = values.filter((v) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0));
  if (fn === 'count_values' || fn === 'not_empty') return { type: 'number', number: filled.length, function: fn };
  if (fn === 'empty') return { type: 'number', number: related.length - filled.length, function: fn };
  if (fn === 'show_original') {
    return { type: 'array', array: related.map((r) => renderPageValue(state, target, roll, r)), function: fn };
  }
  const nums = values.filter((v): v is number => typeof v === 'number');
  const sorted = [...nums].sort((a, b) => a - b);
  const sum = nums.reduce((a, b) => a + b, 0);
  const pick: Record<string, number | null> = {
    sum, average: nums.length === 0 ? null : sum / nums.length,
    min: sorted[0] ?? null, max: sorted[sorted.length - 1] ?? null,
    median: sorted.length === 0 ? null : sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2,
    range: sorted.length === 0 ? null : sorted[sorted.length - 1]! - sorted[0]!,
  };
  return { type: 'number', number: fn in pick ? pick[fn] ?? null : null, function: fn };
}

/** One property value of a page, in the response shape. */
export function renderPageValue(state: EmulatorState, ds: StoredDataSource, p: StoredProperty, page: StoredPage): Record<string, unknown> {
  const v = page.values[p.id];
  const base = { id: encodePropertyId(p.id), type: p.type };
  const opts = (p.config.options as StoredOption[] | undefined) ?? [];
  switch (p.type) {
    case 'title': case 'rich_text': return { ...base, [p.type]: v ?? [] };
    case 'select': case 'status': return { ...base, [p.type]: optionOut(opts.find((o) => o.id === v)) };
    case 'multi_select': return { ...base, multi_select: ((v as string[] | undefined) ?? []).map((id) => optionOut(opts.find((o) => o.id === id))).filter((x) => x !== null) };
    case 'people': return { ...base, people: ((v as string[] | undefined) ?? []).map(userRef) };
    case 'files': return { ...base, files: v ?? [] };
    case 'checkbox': return { ...base, checkbox: v === true };
    case 'relation': return { ...base, relation: ((v as string[] | undefined) ?? []).map((id) => ({ id })), has_more: false };
    case 'formula': {
      let value: unknown;
      try {
        value = evaluateFormula(p.config.expression as string, (id) => scalarOf(state, ds, page, id, 1));
      } catch {
        value = { type: 'string', string: null };
      }
      return { ...base, formula: value };
    }
    case 'rollup': return { ...base, rollup: rollupValue(state, ds, p, page) };
    case 'unique_id': return { ...base, unique_id: { prefix: p.config.prefix ?? null, number: v ?? null } };
    case 'created_time': return { ...base, created_time: page.created_time };
    case 'last_edited_time': return { ...base, last_edited_time: page.last_edited_time };
    case 'created_by': return { ...base, created_by: userRef(page.created_by) };
    case 'last_edited_by': return { ...base, last_edited_by: userRef(page.last_edited_by) };
    case 'button': return { ...base, button: {} };
    case 'verification': return { ...base, verification: { state: 'unverified', verified_by: null, date: null } };
    default: return { ...base, [p.type]: v ?? null };
  }
}

/** A change a page write makes to the schema (select options created on the fly). */
export interface NewOption {
  readonly prop: StoredProperty;
  readonly option: StoredOption;
}

/** Context for parsing page values. */
export interface ValueContext {
  readonly state: EmulatorState;
  readonly ds: StoredDataSource;
  readonly newOptions: NewOption[];
}

function stringValue(raw: unknown, max: number, where: string): string | undefined {
  if (raw === null) return undefined;
  if (typeof raw !== 'string') throw ApiError.validation(`${where} should be a string or \`null\`, instead was \`${JSON.stringify(raw)}\`.`);
  if (raw.length > max) throw ApiError.validation(`${where}.length should be ≤ \`${max}\`, instead was \`${raw.length}\`.`);
  return raw === '' ? undefined : raw;
}

function findOption(ctx: ValueContext, p: StoredProperty, raw: unknown, where: string, create: boolean): string {
  if (!isRecord(raw)) throw ApiError.validation(`${where} should be an object with \`name\` or \`id\`.`);
  const opts = p.config.options as StoredOption[];
  const pending = ctx.newOptions.filter((n) => n.prop === p).map((n) => n.option);
  if (typeof raw.id === 'string') {
    const o = opts.find((x) => x.id === raw.id);
    if (o === undefined) throw ApiError.validation(`${where}.id: no option with id \`${raw.id}\` exists on property \`${p.name}\`.`);
    return o.id;
  }
  if (typeof raw.name !== 'string' || raw.name === '') throw ApiError.validation(`${where}.name should be a non-empty string.`);
  const name = raw.name;
  const o = [...opts, ...pending].find((x) => x.name === name);
  if (o !== undefined) return o.id;
  if (!create) throw ApiError.validation(`${where}.name: \`${name}\` is not an option of status property \`${p.name}\`.`);
  if (name.includes(',')) throw ApiError.validation(`${where}.name should not contain commas.`);
  if (name.length > 100) throw ApiError.validation(`${where}.name.length should be ≤ \`100\`, instead was \`${name.length}\`.`);
  if ([...opts, ...pending].some((x) => x.name.toLowerCase() === name.toLowerCase())) {
    throw ApiError.validation(`${where}.name: \`${name}\` differs only in case from an existing option of \`${p.name}\`.`);
  }
  const color = typeof raw.color === 'string' ? raw.color : DEFAULT_OPTION_COLOR;
  const option: StoredOption = { id: randomUUID(), name, color, description: null };
  ctx.newOptions.push({ prop: p, option });
  return option.id;
}

function idList(raw: unknown, where: string): string[] {
  return checkArray(raw, where).map((item, i) => {
    const id = isRecord(item) && typeof item.id === 'string' ? normalizeId(item.id) : null;
    if (id === null) throw ApiError.validation(`${where}[${i}].id should be a valid uuid.`);
    return id;
  });
}

/**
 * Validates one requested value against the property and returns what to store
 * (`undefined` clears the value).
 */
export function parsePageValue(ctx: ValueContext, p: StoredProperty, raw: unknown, where: string): unknown {
  if (READ_ONLY.has(p.type)) throw ApiError.validation(`${where}: \`${p.name}\` is a ${p.type} property; its value cannot be set through the API.`);
  if (!isRecord(raw)) throw ApiError.validation(`${where} should be an object, instead was \`${JSON.stringify(raw)}\`.`);
  for (const k of Object.keys(raw)) {
    if (k !== p.type && k !== 'type' && k !== 'id' && k !== 'name') {
      throw ApiError.validation(`${where}.${k} should be not present (property \`${p.name}\` is of type \`${p.type}\`).`);
    }
  }
  if (!(p.type in raw)) throw ApiError.validation(`${where}.${p.type} should be defined (property \`${p.name}\` is of type \`${p.type}\`).`);
  const v = raw[p.type];
  const w = `${where}.${p.type}`;
  switch (p.type) {
    case 'title': case 'rich_text': {
      const rt = parseRichText(v, w);
      return rt.length === 0 ? undefined : rt;
    }
    case 'number':
      if (v === null) return undefined;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw ApiError.validation(`${w} should be a number or \`null\`, instead was \`${JSON.stringify(v)}\`.`);
      return v;
    case 'checkbox':
      if (typeof v !== 'boolean') throw ApiError.validation(`${w} should be a boolean, instead was \`${JSON.stringify(v)}\`.`);
      return v;
    case 'select': return v === null ? undefined : findOption(ctx, p, v, w, true);
    case 'status': return v === null ? undefined : findOption(ctx, p, v, w, false);
    case 'multi_select': {
      const ids = checkArray(v, w).map((o, i) => findOption(ctx, p, o, `${w}[${i}]`, true));
      return [...new Set(ids)];
    }
    case 'url': return stringValue(v, LIMITS.url, w);
    case 'email': return stringValue(v, LIMITS.email, w);
    case 'phone_number': return stringValue(v, LIMITS.phone, w);
    case 'date': {
      if (v === null) return undefined;
      if (!isRecord(v) || typeof v.start !== 'string' || Number.isNaN(Date.parse(v.start))) {
        throw ApiError.validation(`${w}.start should be an ISO 8601 date string, instead was \`${JSON.stringify(isRecord(v) ? v.start : v)}\`.`);
      }
      if (v.end !== undefined && v.end !== null && (typeof v.end !== 'string' || Number.isNaN(Date.parse(v.end)))) {
        throw ApiError.validation(`${w}.end should be an ISO 8601 date string or \`null\`.`);
      }
      return { start: v.start, end: v.end ?? null, time_zone: typeof v.time_zone === 'string' ? v.time_zone : null };
    }
    case 'people': {
      const ids = idList(v, w);
      ids.forEach((id, i) => {
        if (ctx.state.users[id] === undefined) throw ApiError.validation(`${w}[${i}].id: user ${id} does not exist.`);
      });
      return ids;
    }
    case 'relation': {
      const ids = idList(v, w);
      const target = p.config.data_source_id as string;
      ids.forEach((id, i) => {
        const page = ctx.state.pages[id];
        if (page === undefined || page.parent.type !== 'data_source_id' || page.parent.data_source_id !== target) {
          throw ApiError.validation(`${w}[${i}].id: page ${id} is not in the related data source ${target}.`);
        }
      });
      return [...new Set(ids)];
    }
    case 'files': {
      return checkArray(v, w).map((f, i) => {
        if (!isRecord(f)) throw ApiError.validation(`${w}[${i}] should be an object.`);
        if (isRecord(f.external) && typeof f.external.url === 'string') {
          return { name: typeof f.name === 'string' ? f.name : f.external.url, type: 'external', external: { url: f.external.url } };
        }
        if (isRecord(f.file_upload) && typeof f.file_upload.id === 'string') {
          return { name: typeof f.name === 'string' ? f.name : 'file', type: 'file_upload', file_upload: { id: f.file_upload.id } };
        }
        throw ApiError.validation(`${w}[${i}] should have \`external.url\` or \`file_upload.id\`.`);
      });
    }
    case 'place': {
      if (v === null) return undefined;
      if (!isRecord(v) || typeof v.lat !== 'number' || typeof v.lon !== 'number') throw ApiError.validation(`${w} should be an object with numeric \`lat\` and \`lon\`, or \`null\`.`);
      return v;
    }
    default:
      throw ApiError.validation(`${where}: values of type \`${p.type}\` cannot be set.`);
  }
}

/** Keeps the far side of two-way relations in step after `page`'s relation values changed. */
export function syncDualRelations(state: EmulatorState, ds: StoredDataSource, page: StoredPage, before: Readonly<Record<string, unknown>>): void {
  for (const p of Object.values(ds.properties)) {
    if (p.type !== 'relation' || p.config.type !== 'dual_property') continue;
    const farId = p.config.synced_property_id as string;
    const old = new Set((before[p.id] as string[] | undefined) ?? []);
    const now = new Set((page.values[p.id] as string[] | undefined) ?? []);
    for (const id of old) {
      if (now.has(id)) continue;
      const other = state.pages[id];
      if (other === undefined) continue;
      other.values[farId] = ((other.values[farId] as string[] | undefined) ?? []).filter((x) => x !== page.id);
    }
    for (const id of now) {
      if (old.has(id)) continue;
      const other = state.pages[id];
      if (other === undefined) continue;
      const list = (other.values[farId] as string[] | undefined) ?? [];
      if (!list.includes(page.id)) other.values[farId] = [...list, page.id];
    }
  }
}

/** The first option of the To-do group (Notion's default status for new pages). */
export function defaultStatus(p: StoredProperty): string | undefined {
  const groups = (p.config.groups as StoredGroup[] | undefined) ?? [];
  const todo = groups.find((g) => g.name === 'To-do') ?? groups[0];
  return todo?.option_ids[0];
}
