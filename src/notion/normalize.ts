import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import type { DatabaseParent, Icon } from '../model/common.js';
import type { LiveDatabase, LiveDataSource, LiveProperty } from '../model/live.js';
import { canonical, fingerprint, fingerprintCanonical } from './fingerprint.js';
import { toDashedId } from './ids.js';
import { isBuiltCanonical, normalizeProperty, type RawProperty } from './normalize-property.js';
import { plainText, plainTextOrNull } from './rich-text.js';

/**
 * Icons the model can express (emoji, external URL). Uploaded files and custom emoji
 * have no schema-file form: they normalise to null, so the tool neither compares nor removes them.
 */
export function normalizeIcon(icon: unknown): Icon | null {
  if (icon === null || typeof icon !== 'object') return null;
  const i = icon as { type?: unknown; emoji?: unknown; external?: { url?: unknown } };
  if (i.type === 'emoji' && typeof i.emoji === 'string') return { type: 'emoji', emoji: i.emoji };
  if (i.type === 'external' && typeof i.external?.url === 'string') return { type: 'external', url: i.external.url };
  return null;
}

/** A database parent in the model's form; other parents (block, wiki database) are kept raw. */
export function normalizeParent(parent: unknown): LiveDatabase['parent'] {
  const p = (parent ?? {}) as { type?: unknown; page_id?: unknown };
  if (p.type === 'page_id' && typeof p.page_id === 'string') return { type: 'page_id', page_id: toDashedId(p.page_id) } satisfies DatabaseParent;
  if (p.type === 'workspace') return { type: 'workspace' };
  return { type: 'other', raw: parent ?? null };
}

/** Pure: a database response → the live model. */
export function normalizeDatabase(resp: DatabaseObjectResponse): LiveDatabase {
  const base: Omit<LiveDatabase, 'fingerprint'> = {
    id: toDashedId(resp.id),
    title: plainText(resp.title),
    description: plainTextOrNull(resp.description),
    icon: normalizeIcon(resp.icon),
    parent: normalizeParent(resp.parent),
    is_inline: resp.is_inline === true,
    in_trash: resp.in_trash === true || (resp as { archived?: unknown }).archived === true,
    data_source_ids: (resp.data_sources ?? []).map((d) => ({ id: toDashedId(d.id), name: d.name })),
  };
  return { ...base, fingerprint: fingerprint(base) };
}

/** The normalised data source plus the properties whose types this tool does not know. */
export interface NormalizedDataSource {
  readonly live: LiveDataSource;
  readonly unknown: readonly { readonly name: string; readonly type: string }[];
}

/**
 * Pure: a data source response → the live model, reporting properties of unknown types (left out).
 * `fingerprint: false` leaves the fingerprint `''` (hashing every data source is a tenth of a plan at scale).
 */
export function normalizeDataSourceDetailed(resp: DataSourceObjectResponse, opts: { readonly fingerprint?: boolean } = {}): NormalizedDataSource {
  const props: LiveProperty[] = [];
  const unknown: { name: string; type: string }[] = [];
  const rawProps: Readonly<Record<string, unknown>> = resp.properties ?? {};
  for (const name of Object.keys(rawProps)) {
    const raw = rawProps[name];
    const p = normalizeProperty(name, raw as RawProperty);
    if (p === null) unknown.push({ name, type: String((raw as { type?: unknown }).type) });
    else props.push(p);
  }
  // API order, the title property first.
  const titleIdx = props.findIndex((p) => p.config.type === 'title');
  if (titleIdx > 0) props.unshift(...props.splice(titleIdx, 1));
  const parent = resp.parent as { database_id?: unknown } | undefined;
  const base: Omit<LiveDataSource, 'fingerprint'> = {
    id: toDashedId(resp.id),
    database_id: typeof parent?.database_id === 'string' ? toDashedId(parent.database_id) : '',
    title: plainText(resp.title),
    description: plainTextOrNull(resp.description),
    icon: normalizeIcon(resp.icon),
    in_trash: resp.in_trash === true || (resp as { archived?: unknown }).archived === true,
    properties: props,
  };
  return { live: { ...base, fingerprint: opts.fingerprint === false ? '' : dataSourceFingerprint(base) }, unknown };
}

/**
 * `fingerprint(base)`, without walking what is canonical as built: the same text is hashed, keys
 * in sorted order here (the type makes every key of the live model appear), the properties that
 * `normalizeProperty` builds canonical as they are, a canonical copy of the others.
 */
function dataSourceFingerprint(base: Omit<LiveDataSource, 'fingerprint'>): string {
  const sorted: { readonly [K in keyof typeof base]-?: unknown } = {
    database_id: base.database_id,
    description: base.description,
    icon: canonical(base.icon),
    id: base.id,
    in_trash: base.in_trash,
    properties: base.properties.map((p) => (isBuiltCanonical(p) ? p : canonical(p))),
    title: base.title,
  };
  return fingerprintCanonical(sorted);
}

/** Pure: a data source response → the live model. */
export function normalizeDataSource(resp: DataSourceObjectResponse): LiveDataSource {
  return normalizeDataSourceDetailed(resp).live;
}
