/**
 * "Known after apply": fills `{{database_id:KEY}}`, `{{data_source_id:REF}}` and
 * `{{synced_property_id:STEP}}` placeholders in request paths and bodies (strings and object keys).
 */

/** Ids known so far: from plan bindings, created objects and earlier responses. Mutable, owned by one apply run. */
export interface KnownIds {
  readonly databases: Map<string, string>;
  readonly dataSources: Map<string, string>;
  /** Step id → synced property id of the two-way relation that step added. */
  readonly syncedProperties: Map<string, string>;
}

export function emptyKnownIds(): KnownIds {
  return { databases: new Map(), dataSources: new Map(), syncedProperties: new Map() };
}

/** A placeholder with no value at send time: an applier error, never sent to the API. */
export class UnresolvedPlaceholderError extends Error {
  override readonly name = 'UnresolvedPlaceholderError';
  constructor(readonly placeholder: string) {
    super(`unresolved placeholder ${placeholder}: the object it names was not created or bound`);
  }
}

const PLACEHOLDER = /\{\{(database_id|data_source_id|synced_property_id):([^}]+)\}\}/g;

function lookup(known: KnownIds, kind: string, key: string): string | undefined {
  switch (kind) {
    case 'database_id': return known.databases.get(key);
    case 'data_source_id': return known.dataSources.get(key);
    default: return known.syncedProperties.get(key);
  }
}

/** Replaces every placeholder in `text`; throws UnresolvedPlaceholderError on the first unknown one. */
export function fillString(text: string, known: KnownIds): string {
  return text.replace(PLACEHOLDER, (whole, kind: string, key: string) => {
    const id = lookup(known, kind, key);
    if (id === undefined) throw new UnresolvedPlaceholderError(whole);
    return id;
  });
}

/** Deep copy of a JSON value with every placeholder filled, in strings and object keys alike. */
export function fillValue(value: unknown, known: KnownIds): unknown {
  if (typeof value === 'string') return fillString(value, known);
  if (Array.isArray(value)) return value.map((v) => fillValue(v, known));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[fillString(k, known)] = fillValue(v, known);
    return out;
  }
  return value;
}

/** The placeholders a value mentions (for dependency checks and messages). */
export function placeholdersIn(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(PLACEHOLDER)) found.add(m[0]);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { visit(k); visit(x); }
  };
  visit(value);
  return [...found];
}
