/**
 * The runtime helpers emitted verbatim into every generated file (everything after the
 * `@runtime-begin` line), so the generated code needs nothing at runtime: only type imports
 * from `@notionhq/client`. A real, type-checked module: `npm run build` turns it into text
 * (scripts/gen-runtime.mjs → runtime-text.ts), and a test keeps the two in step.
 *
 * Written to compile under `strict`, `noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`,
 * `noPropertyAccessFromIndexSignature`, `noUnusedLocals` and `erasableSyntaxOnly`
 * (every helper is exported; no enums, namespaces or parameter properties).
 * Every name it declares is listed in `RUNTIME_NAMES` (runtime-source.ts).
 */
import type { CreatePageParameters, PageObjectResponse, UpdatePageParameters } from '@notionhq/client';
// @runtime-begin
// ---------------------------------------------------------------------------
// Runtime helpers (generated; self-contained, no runtime dependency).
// ---------------------------------------------------------------------------

/** The "properties" of a create or update page request. */
export type NotionPageProperties = NonNullable<CreatePageParameters["properties"]> & NonNullable<UpdatePageParameters["properties"]>;
/** One property value of a create or update page request. */
export type NotionPropertyValueRequest = NotionPageProperties[string];

/** A date or date range as Notion returns it. */
export interface NotionDateValue {
  start: string;
  end: string | null;
  time_zone: string | null;
}
/** A file attachment: its name and URL (external, or Notion-hosted and expiring). */
export interface NotionFileValue {
  name: string;
  url: string;
}
/** A place value. */
export interface NotionPlaceValue {
  lat: number;
  lon: number;
  name?: string | null;
  address?: string | null;
  aws_place_id?: string | null;
  google_place_id?: string | null;
}
/** A verification value; verified_by is a user id. */
export interface NotionVerificationValue {
  state: "verified" | "expired" | "unverified";
  date: NotionDateValue | null;
  verified_by: string | null;
}
/** A value whose type the schema does not determine (formulas, rollup items). */
export type NotionAnyValue = string | number | boolean | NotionDateValue | string[] | null;

/** One property of a data source: its exact Notion name, its id (null when unknown) and its type. */
export interface NotionSchemaPropertySpec {
  readonly name: string;
  readonly id: string | null;
  readonly type: string;
  readonly options?: readonly string[];
}
/** A data source: its logical ref, its id (null when unknown) and its properties keyed by identifier. */
export interface NotionSchemaDataSourceSpec {
  readonly ref: string;
  readonly title: string;
  readonly dataSourceId: string | null;
  readonly properties: { readonly [identifier: string]: NotionSchemaPropertySpec };
}

/** Thrown by the generated parse* functions: the page is not a row of the data source, or a value has the wrong shape. */
export class NotionSchemaParseError extends Error {
  readonly ref: string;
  readonly property: string | null;
  readonly pageId: string | null;
  constructor(message: string, ref: string, property: string | null, pageId: string | null) {
    super(message);
    this.name = "NotionSchemaParseError";
    this.ref = ref;
    this.property = property;
    this.pageId = pageId;
  }
}

export type NsObject = { readonly [key: string]: unknown };
export interface NsContext {
  readonly ref: string;
  readonly property: string;
  readonly pageId: string;
}
export type NsReader<T> = (value: NsObject, ctx: NsContext) => T;

export function nsDescribe(x: unknown): string {
  if (x === undefined) return "undefined";
  const s = JSON.stringify(x);
  return s.length > 80 ? s.slice(0, 77) + "..." : s;
}
export function nsFail(c: NsContext, what: string): never {
  throw new NotionSchemaParseError(c.ref + ": page " + c.pageId + ", property " + JSON.stringify(c.property) + ": " + what, c.ref, c.property, c.pageId);
}
export function nsIsObject(x: unknown): x is NsObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
export function nsArray(v: NsObject, key: string, c: NsContext): readonly unknown[] {
  const a = v[key];
  if (!Array.isArray(a)) return nsFail(c, "expected " + JSON.stringify(key) + " to be an array, got " + nsDescribe(a));
  return a;
}
export function nsNormalizeId(id: string): string {
  return id.replace(/-/g, "").toLowerCase();
}
export function nsSameKey(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}

/** Checks that page is a full page object and, when the data source id is known, a row of that data source. */
export function nsCheckPage(page: PageObjectResponse, ds: NotionSchemaDataSourceSpec): NsObject {
  const p: unknown = page;
  if (!nsIsObject(p) || p["object"] !== "page" || typeof p["id"] !== "string") {
    throw new NotionSchemaParseError(ds.ref + ": expected a page object, got " + nsDescribe(p), ds.ref, null, null);
  }
  const id = p["id"];
  const props = p["properties"];
  if (!nsIsObject(props)) {
    throw new NotionSchemaParseError(ds.ref + ": page " + id + " has no properties (a partial page? retrieve it with pages.retrieve)", ds.ref, null, id);
  }
  if (ds.dataSourceId !== null) {
    const parent = p["parent"];
    const parentId = nsIsObject(parent) && typeof parent["data_source_id"] === "string" ? parent["data_source_id"] : null;
    if (parentId === null || nsNormalizeId(parentId) !== nsNormalizeId(ds.dataSourceId)) {
      throw new NotionSchemaParseError(
        ds.ref + ": page " + id + " is not a row of data source " + ds.dataSourceId + " (its parent is " + nsDescribe(parent) + ")",
        ds.ref, null, id);
    }
  }
  return props;
}

/** Finds a property value on the page (by id first, so renames are survived; then by name) and reads it. */
export function nsField<T>(page: PageObjectResponse, props: NsObject, ds: NotionSchemaDataSourceSpec, spec: NotionSchemaPropertySpec, read: NsReader<T>): T {
  const c: NsContext = { ref: ds.ref, property: spec.name, pageId: page.id };
  let v: unknown = undefined;
  if (spec.id !== null) {
    for (const k of Object.keys(props)) {
      const x = props[k];
      if (nsIsObject(x) && typeof x["id"] === "string" && nsSameKey(x["id"], spec.id)) {
        v = x;
        break;
      }
    }
  }
  if (v === undefined && Object.prototype.hasOwnProperty.call(props, spec.name)) v = props[spec.name];
  if (!nsIsObject(v)) {
    return nsFail(c, "the page has no such property: it is not a row of " + ds.ref + ", or the schema changed (regenerate with notion-schema codegen)");
  }
  if (v["type"] !== spec.type) return nsFail(c, "expected a " + spec.type + " value, got type " + nsDescribe(v["type"]));
  return read(v, c);
}

export function nsPlainText(v: NsObject, key: string, c: NsContext): string {
  return nsArray(v, key, c).map((t) => {
    if (nsIsObject(t) && typeof t["plain_text"] === "string") return t["plain_text"];
    return nsFail(c, "expected a rich text item with plain_text, got " + nsDescribe(t));
  }).join("");
}
export const nsTitle: NsReader<string> = (v, c) => nsPlainText(v, "title", c);
export const nsRichText: NsReader<string> = (v, c) => nsPlainText(v, "rich_text", c);
export const nsNumber: NsReader<number | null> = (v, c) => {
  const x = v["number"];
  if (x === null || typeof x === "number") return x;
  return nsFail(c, "expected a number or null, got " + nsDescribe(x));
};
export function nsStringOrNull(key: string): NsReader<string | null> {
  return (v, c) => {
    const x = v[key];
    if (x === null || typeof x === "string") return x;
    return nsFail(c, "expected a string or null, got " + nsDescribe(x));
  };
}
export const nsUrl: NsReader<string | null> = nsStringOrNull("url");
export const nsEmail: NsReader<string | null> = nsStringOrNull("email");
export const nsPhoneNumber: NsReader<string | null> = nsStringOrNull("phone_number");
export const nsCheckbox: NsReader<boolean> = (v, c) => {
  const x = v["checkbox"];
  if (typeof x === "boolean") return x;
  return nsFail(c, "expected a boolean, got " + nsDescribe(x));
};
function nsOptionName<O extends readonly string[]>(x: unknown, options: O, c: NsContext): O[number] {
  if (!nsIsObject(x) || typeof x["name"] !== "string") return nsFail(c, "expected an option, got " + nsDescribe(x));
  const name = x["name"];
  if (!options.includes(name)) {
    return nsFail(c, "option " + JSON.stringify(name) + " is not in the schema (" + options.map((o) => JSON.stringify(o)).join(", ") + "): the schema is out of date; update it and regenerate with notion-schema codegen");
  }
  return name as O[number];
}
/** Reads a select or status value, checking that the option is one the schema declares. */
export function nsOptionOf<O extends readonly string[]>(options: O): NsReader<O[number] | null> {
  return (v, c) => {
    const x = v[String(v["type"])];
    return x === null ? null : nsOptionName(x, options, c);
  };
}
export function nsMultiSelectOf<O extends readonly string[]>(options: O): NsReader<O[number][]> {
  return (v, c) => nsArray(v, "multi_select", c).map((x) => nsOptionName(x, options, c));
}
export function nsDateIn(x: unknown, c: NsContext): NotionDateValue | null {
  if (x === null) return null;
  if (!nsIsObject(x) || typeof x["start"] !== "string") return nsFail(c, "expected a date or null, got " + nsDescribe(x));
  const end = x["end"] ?? null;
  const tz = x["time_zone"] ?? null;
  if (end !== null && typeof end !== "string") return nsFail(c, "expected a date end string or null, got " + nsDescribe(end));
  if (tz !== null && typeof tz !== "string") return nsFail(c, "expected a time zone string or null, got " + nsDescribe(tz));
  return { start: x["start"], end, time_zone: tz };
}
export const nsDate: NsReader<NotionDateValue | null> = (v, c) => nsDateIn(v["date"], c);
export function nsIds(v: NsObject, key: string, c: NsContext): string[] {
  return nsArray(v, key, c).map((x) => {
    if (nsIsObject(x) && typeof x["id"] === "string") return x["id"];
    return nsFail(c, "expected an object with an id, got " + nsDescribe(x));
  });
}
export const nsPeople: NsReader<string[]> = (v, c) => nsIds(v, "people", c);
export const nsRelation: NsReader<string[]> = (v, c) => {
  if (v["has_more"] === true) {
    return nsFail(c, "the page lists only the first related pages (has_more is true); read the full list with pages.properties.retrieve");
  }
  return nsIds(v, "relation", c);
};
export const nsFiles: NsReader<NotionFileValue[]> = (v, c) => nsArray(v, "files", c).map((f) => {
  if (nsIsObject(f) && typeof f["name"] === "string") {
    const inner = f[String(f["type"])];
    if (nsIsObject(inner) && typeof inner["url"] === "string") return { name: f["name"], url: inner["url"] };
  }
  return nsFail(c, "expected a file with a name and a url, got " + nsDescribe(f));
});
export const nsTime: NsReader<string> = (v, c) => {
  const x = v[String(v["type"])];
  if (typeof x === "string") return x;
  return nsFail(c, "expected a timestamp string, got " + nsDescribe(x));
};
export const nsUserId: NsReader<string> = (v, c) => {
  const x = v[String(v["type"])];
  if (nsIsObject(x) && typeof x["id"] === "string") return x["id"];
  return nsFail(c, "expected a user, got " + nsDescribe(x));
};
export const nsUniqueId: NsReader<{ prefix: string | null; number: number }> = (v, c) => {
  const x = v["unique_id"];
  if (nsIsObject(x) && typeof x["number"] === "number" && (x["prefix"] === null || x["prefix"] === undefined || typeof x["prefix"] === "string")) {
    return { prefix: x["prefix"] ?? null, number: x["number"] };
  }
  return nsFail(c, "expected a unique id {prefix, number}, got " + nsDescribe(x));
};
export const nsPlace: NsReader<NotionPlaceValue | null> = (v, c) => {
  const x = v["place"];
  if (x === null || x === undefined) return null;
  if (!nsIsObject(x) || typeof x["lat"] !== "number" || typeof x["lon"] !== "number") return nsFail(c, "expected a place {lat, lon}, got " + nsDescribe(x));
  const out: NotionPlaceValue = { lat: x["lat"], lon: x["lon"] };
  for (const k of ["name", "address", "aws_place_id", "google_place_id"] as const) {
    const s = x[k];
    if (s === null || typeof s === "string") out[k] = s;
  }
  return out;
};
export const nsVerification: NsReader<NotionVerificationValue> = (v, c) => {
  const x = v["verification"];
  if (x === null || x === undefined) return { state: "unverified", date: null, verified_by: null };
  if (!nsIsObject(x) || (x["state"] !== "verified" && x["state"] !== "expired" && x["state"] !== "unverified")) {
    return nsFail(c, "expected a verification, got " + nsDescribe(x));
  }
  const by = x["verified_by"];
  return { state: x["state"], date: nsDateIn(x["date"] ?? null, c), verified_by: nsIsObject(by) && typeof by["id"] === "string" ? by["id"] : null };
};

function nsFormulaResult(v: NsObject, c: NsContext): NsObject | null {
  const f = v["formula"];
  if (!nsIsObject(f)) return nsFail(c, "expected a formula result, got " + nsDescribe(f));
  return f["type"] === "unsupported" ? null : f;
}
export const nsFormulaString: NsReader<string | null> = (v, c) => {
  const f = nsFormulaResult(v, c);
  if (f === null) return null;
  if (f["type"] !== "string") return nsFail(c, "expected a string formula result, got " + nsDescribe(f));
  return nsStringOrNull("string")(f, c);
};
export const nsFormulaNumber: NsReader<number | null> = (v, c) => {
  const f = nsFormulaResult(v, c);
  if (f === null) return null;
  if (f["type"] !== "number") return nsFail(c, "expected a number formula result, got " + nsDescribe(f));
  return nsNumber(f, c);
};
export const nsFormulaBoolean: NsReader<boolean | null> = (v, c) => {
  const f = nsFormulaResult(v, c);
  if (f === null) return null;
  const x = f["boolean"];
  if (f["type"] !== "boolean" || (x !== null && typeof x !== "boolean")) return nsFail(c, "expected a boolean formula result, got " + nsDescribe(f));
  return x;
};
export const nsFormulaDate: NsReader<NotionDateValue | null> = (v, c) => {
  const f = nsFormulaResult(v, c);
  if (f === null) return null;
  if (f["type"] !== "date") return nsFail(c, "expected a date formula result, got " + nsDescribe(f));
  return nsDateIn(f["date"], c);
};
export const nsFormulaAny: NsReader<NotionAnyValue> = (v, c) => {
  const f = nsFormulaResult(v, c);
  if (f === null) return null;
  switch (f["type"]) {
    case "string": return nsStringOrNull("string")(f, c);
    case "number": return nsNumber(f, c);
    case "boolean": return nsFormulaBoolean(v, c);
    case "date": return nsDateIn(f["date"], c);
    default: return nsFail(c, "unknown formula result " + nsDescribe(f));
  }
};

function nsRollupResult(v: NsObject, c: NsContext): NsObject | null {
  const r = v["rollup"];
  if (!nsIsObject(r)) return nsFail(c, "expected a rollup result, got " + nsDescribe(r));
  return r["type"] === "unsupported" || r["type"] === "incomplete" ? null : r;
}
export const nsRollupNumber: NsReader<number | null> = (v, c) => {
  const r = nsRollupResult(v, c);
  if (r === null) return null;
  if (r["type"] !== "number") return nsFail(c, "expected a number rollup result, got " + nsDescribe(r));
  return nsNumber(r, c);
};
export const nsRollupDate: NsReader<NotionDateValue | null> = (v, c) => {
  const r = nsRollupResult(v, c);
  if (r === null) return null;
  if (r["type"] !== "date") return nsFail(c, "expected a date rollup result, got " + nsDescribe(r));
  return nsDateIn(r["date"], c);
};
/** Reads an array rollup; each item must have type itemType (any type when null) and is read with item. */
export function nsRollupArrayOf<T>(itemType: string | null, item: NsReader<T>): NsReader<T[]> {
  return (v, c) => {
    const r = v["rollup"];
    if (!nsIsObject(r) || r["type"] !== "array") return nsFail(c, "expected an array rollup result, got " + nsDescribe(r));
    return nsArray(r, "array", c).map((x) => {
      if (!nsIsObject(x) || (itemType !== null && x["type"] !== itemType)) {
        return nsFail(c, "expected a rollup item of type " + (itemType ?? "any") + ", got " + nsDescribe(x));
      }
      return item(x, c);
    });
  };
}
/** Reads any property value into the closest plain value (used where the schema does not determine the type). */
export const nsAny: NsReader<NotionAnyValue> = (v, c) => {
  const t = v["type"];
  switch (t) {
    case "title": case "rich_text": return nsPlainText(v, t, c);
    case "number": return nsNumber(v, c);
    case "select": case "status": {
      const x = v[t];
      return nsIsObject(x) && typeof x["name"] === "string" ? x["name"] : null;
    }
    case "multi_select": return nsArray(v, t, c).map((x) => (nsIsObject(x) && typeof x["name"] === "string" ? x["name"] : ""));
    case "date": return nsDate(v, c);
    case "checkbox": return nsCheckbox(v, c);
    case "url": case "email": case "phone_number": return nsStringOrNull(t)(v, c);
    case "people": case "relation": return nsIds(v, t, c);
    case "files": return nsFiles(v, c).map((f) => f.url);
    case "created_time": case "last_edited_time": return nsTime(v, c);
    case "created_by": case "last_edited_by": return nsUserId(v, c);
    case "unique_id": {
      const u = nsUniqueId(v, c);
      return u.prefix === null ? String(u.number) : u.prefix + "-" + String(u.number);
    }
    case "formula": return nsFormulaAny(v, c);
    case "rollup": {
      const r = nsRollupResult(v, c);
      if (r === null) return null;
      if (r["type"] === "number") return nsNumber(r, c);
      if (r["type"] === "date") return nsDateIn(r["date"], c);
      return null;
    }
    default: return null;
  }
};

