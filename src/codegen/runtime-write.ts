/**
 * The second half of the runtime helpers (writing page properties, reading a page): see runtime.ts.
 * Emitted after it, as one text; the imports above `@runtime-begin` exist only for type-checking.
 */
/* eslint-disable */
import type { PageObjectResponse } from '@notionhq/client';
import type {
  NotionDateValue, NotionFileValue, NotionPageProperties, NotionPlaceValue, NotionPropertyValueRequest,
  NotionSchemaDataSourceSpec, NotionSchemaPropertySpec, NotionVerificationValue, NsReader,
} from './runtime.js';
import { nsCheckPage, nsField } from './runtime.js';
// @runtime-begin
/** Rich text request items for a plain string, split into chunks of at most 2000 UTF-16 units (the API limit). */
export function nsText(s: string): Array<{ type: "text"; text: { content: string } }> {
  const out: Array<{ type: "text"; text: { content: string } }> = [];
  let i = 0;
  while (i < s.length) {
    let end = Math.min(i + 2000, s.length);
    const last = s.charCodeAt(end - 1);
    if (end < s.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push({ type: "text", text: { content: s.slice(i, end) } });
    i = end;
  }
  return out;
}
/** True when the row has its own defined value for key (for names such as "constructor" that every object inherits). */
export function nsHas<T extends object, K extends keyof T>(row: T, key: K): row is T & { [P in K]-?: Exclude<T[P], undefined> } {
  return Object.prototype.hasOwnProperty.call(row, key) && row[key] !== undefined;
}
/** Sets an own property even when the key is "__proto__". */
export function nsDefine(out: NotionPageProperties, key: string, value: NotionPropertyValueRequest): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
/** The request key of a property: its id when known (survives renames), else its name. */
export function nsKey(spec: NotionSchemaPropertySpec): string {
  return spec.id ?? spec.name;
}
export function nsWriteTitle(s: string): NotionPropertyValueRequest {
  return { title: nsText(s) };
}
export function nsWriteRichText(s: string): NotionPropertyValueRequest {
  return { rich_text: nsText(s) };
}
export function nsWriteNumber(n: number | null): NotionPropertyValueRequest {
  return { number: n };
}
export function nsWriteSelect(name: string | null): NotionPropertyValueRequest {
  return { select: name === null ? null : { name } };
}
export function nsWriteStatus(name: string | null): NotionPropertyValueRequest {
  return { status: name === null ? null : { name } };
}
export function nsWriteMultiSelect(names: readonly string[]): NotionPropertyValueRequest {
  return { multi_select: names.map((name) => ({ name })) };
}
export function nsWriteDate(d: NotionDateValue | null): NotionPropertyValueRequest {
  return { date: d === null ? null : { start: d.start, end: d.end, time_zone: d.time_zone } };
}
export function nsWriteCheckbox(b: boolean): NotionPropertyValueRequest {
  return { checkbox: b };
}
export function nsWriteUrl(s: string | null): NotionPropertyValueRequest {
  return { url: s };
}
export function nsWriteEmail(s: string | null): NotionPropertyValueRequest {
  return { email: s };
}
export function nsWritePhoneNumber(s: string | null): NotionPropertyValueRequest {
  return { phone_number: s };
}
export function nsWritePeople(ids: readonly string[]): NotionPropertyValueRequest {
  return { people: ids.map((id) => ({ id, object: "user" as const })) };
}
export function nsWriteRelation(ids: readonly string[]): NotionPropertyValueRequest {
  return { relation: ids.map((id) => ({ id })) };
}
export function nsWriteFiles(files: readonly NotionFileValue[]): NotionPropertyValueRequest {
  return { files: files.map((f) => ({ name: f.name, type: "external" as const, external: { url: f.url } })) };
}
export function nsWritePlace(p: NotionPlaceValue | null): NotionPropertyValueRequest {
  if (p === null) return { place: null };
  const place: { lat: number; lon: number; name?: string | null; address?: string | null; aws_place_id?: string | null; google_place_id?: string | null } = { lat: p.lat, lon: p.lon };
  for (const k of ["name", "address", "aws_place_id", "google_place_id"] as const) {
    const s = p[k];
    if (s !== undefined) place[k] = s;
  }
  return { place };
}
/** Starts reading a page: checks it, and returns a field reader bound to it. */
export function nsReadPage(page: PageObjectResponse, ds: NotionSchemaDataSourceSpec): <T>(spec: NotionSchemaPropertySpec, read: NsReader<T>) => T {
  const props = nsCheckPage(page, ds);
  return (spec, read) => nsField(page, props, ds, spec, read);
}
