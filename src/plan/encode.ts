import type { CreateDatabaseParameters, CreateDataSourceParameters } from '@notionhq/client';
import type { DataSourceRef, IdOrRef, IdRef, LiveState, PlanRequest, Step, StepKind, WithRefs } from '../model/index.js';
import type { UpdateDatabaseBody, UpdateDataSourceBody } from '../wire/bodies.js';
import type { EncodedCreateProperty, EncodedUpdateProperty } from '../wire/encode-property.js';
import { createPropertyBody, iconBody, updatePropertyBody } from '../wire/encode-property.js';
import { PLAN_ENDPOINTS } from '../wire/plan-endpoints.js';
import { databaseRef, dataSourceRef, refLabel, syncedPropertyRef } from '../wire/refs.js';
import { richText, richTextOrEmpty } from '../wire/rich-text.js';
import type { RequestSlot } from './planned.js';
import type { CreateViewBody, UpdateViewBody } from '../wire/encode-view.js';
import { createViewBody, updateViewBody } from '../wire/encode-view.js';
import { CONFIG_FIELDS } from '../diff/index.js';

type Entry = EncodedCreateProperty | EncodedUpdateProperty | { name: string } | { description: string | null } | null;

/** Collects one request's body while its steps are encoded. Local to `encodeRequest`. */
interface BodyBuilder {
  readonly slot: RequestSlot;
  /** Sets top-level body fields. */
  fields(part: Partial<WithRefs<CreateDatabaseParameters>> | Partial<WithRefs<CreateDataSourceParameters>>
    | Partial<WithRefs<UpdateDatabaseBody>> | Partial<WithRefs<UpdateDataSourceBody>> | CreateViewBody | UpdateViewBody): void;
  /** Merges a property entry (by name, id or reference); `null` deletes the property. */
  entry(key: string | IdRef, value: Entry): void;
}

/** What encoders need besides the step: how to name ids that may exist only after apply. */
export interface EncodeContext {
  readonly target: (ref: DataSourceRef) => IdOrRef;
  readonly databaseId: (key: string) => IdOrRef;
}

type Encoder<K extends StepKind> = (step: Extract<Step, { kind: K }>, b: BodyBuilder, ctx: EncodeContext) => void;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A database parent as the API takes it (create and move). */
function parentBody(p: Extract<Step, { kind: 'create_database' }>['parent']): CreateDatabaseParameters['parent'] {
  return p.type === 'workspace' ? { type: 'workspace', workspace: true } : { type: 'page_id', page_id: p.page_id };
}

/** Pass 3's dispatch: one encoder per step kind (a new kind without one fails to compile). */
const ENCODERS: { readonly [K in StepKind]: Encoder<K> } = {
  create_database: (s, b) => b.fields({
    parent: parentBody(s.parent),
    title: richText(s.title),
    ...(s.description !== null ? { description: richText(s.description) } : {}),
    ...(s.icon !== null ? { icon: iconBody(s.icon) } : {}),
    is_inline: s.is_inline,
    initial_data_source: { properties: {} },
  }),
  create_data_source: (s, b, ctx) => b.fields({
    parent: { type: 'database_id', database_id: ctx.databaseId(s.database) },
    title: richText(s.title),
    ...(s.icon !== null ? { icon: iconBody(s.icon) } : {}),
    properties: {},
  }),
  update_database: (s, b) => {
    for (const c of s.changes) {
      if (c.field === 'title') b.fields({ title: richTextOrEmpty(str(c.after)) });
      else if (c.field === 'description') b.fields({ description: richTextOrEmpty(str(c.after)) });
      else if (c.field === 'icon') b.fields({ icon: iconBody(c.after as Parameters<typeof iconBody>[0]) as WithRefs<UpdateDatabaseBody>['icon'] });
      else if (c.field === 'is_inline') b.fields({ is_inline: c.after === true });
      else if (c.field === 'parent') b.fields({ parent: parentBody(c.after as Extract<Step, { kind: 'create_database' }>['parent']) });
    }
  },
  update_data_source: (s, b) => {
    for (const c of s.changes) {
      if (c.field === 'title') b.fields({ title: richTextOrEmpty(str(c.after)) });
      else if (c.field === 'icon') b.fields({ icon: iconBody(c.after as Parameters<typeof iconBody>[0]) });
    }
  },
  add_property: (s, b, ctx) => b.entry(s.property, {
    ...createPropertyBody(s.config, ctx.target), ...(s.description !== null ? { description: s.description } : {}),
  }),
  rename_property: (s, b) => b.entry(
    s.property_id ?? (s.synced_of !== undefined ? syncedPropertyRef(s.synced_of) : s.property), { name: s.property },
  ),
  update_property: (s, b, ctx) => b.entry(s.property_id ?? s.property, s.changes.every((c) => c.field === 'description')
    ? { description: s.description }
    : { ...updatePropertyBody(s.config, ctx.target), description: s.description }),
  change_property_type: (s, b, ctx) => b.entry(s.property_id ?? s.property, { ...updatePropertyBody(s.config, ctx.target), description: s.description }),
  remove_property: (s, b) => b.entry(s.property_id ?? s.property, null),
  add_options: (s, b, ctx) => b.entry(s.property_id ?? s.property, { ...updatePropertyBody(s.config, ctx.target), description: s.description }),
  remove_options: (s, b, ctx) => b.entry(s.property_id ?? s.property, { ...updatePropertyBody(s.config, ctx.target), description: s.description }),
  migrate_values: () => { /* never in a request: src/migrate/ runs it */ },
  remove_data_source: (_s, b) => b.fields({ in_trash: true }),
  remove_database: (_s, b) => b.fields({ in_trash: true }),
  restore_database: (_s, b) => b.fields({ in_trash: false }),
  create_view: (s, b, ctx) => b.fields(createViewBody(s, ctx.target({ kind: 'key', key: s.data_source }), ctx.databaseId(s.database))),
  update_view: (s, b) => b.fields(updateViewBody(s, CONFIG_FIELDS)),
  remove_view: () => { /* DELETE: no body */ },
  manual: () => { /* never in a request */ },
};

function encodeStep<K extends StepKind>(step: Extract<Step, { kind: K }>, b: BodyBuilder, ctx: EncodeContext): void {
  (ENCODERS[step.kind] as Encoder<K>)(step, b, ctx);
}

const ENDPOINT_OF: Record<RequestSlot['type'], PlanRequest['endpoint']> = {
  create_database: 'create_database',
  update_database: 'update_database',
  create_data_source: 'create_data_source',
  patch_data_source: 'update_data_source',
  create_view: 'create_view',
  update_view: 'update_view',
  delete_view: 'delete_view',
};

/** Builds one request's body from its steps, in order; later entries for the same key merge into earlier ones. */
export function encodeBody(slot: RequestSlot, steps: readonly Step[], ctx: EncodeContext): Pick<PlanRequest, 'body' | 'ref_keyed'> {
  const body: Record<string, unknown> = {};
  const byRef = new Map<string, { key: IdRef; value: Record<string, unknown> }>();
  const props = (): Record<string, unknown> => {
    if (slot.type === 'create_database') {
      const initial = (body['initial_data_source'] ??= { properties: {} }) as { properties: Record<string, unknown> };
      return initial.properties;
    }
    return (body['properties'] ??= {}) as Record<string, unknown>;
  };
  const merge = (prev: unknown, value: Entry): Record<string, unknown> | null =>
    value === null ? null : { ...(prev !== null && typeof prev === 'object' ? prev : {}), ...value };
  const b: BodyBuilder = {
    slot,
    fields: (part) => { Object.assign(body, part); },
    entry: (key, value) => {
      if (typeof key === 'string') {
        const p = props();
        Object.defineProperty(p, key, { value: merge(p[key], value), enumerable: true, writable: true, configurable: true });
        return;
      }
      const prev = byRef.get(refLabel(key));
      byRef.set(refLabel(key), { key, value: merge(prev?.value, value) ?? {} });
    },
  };
  for (const s of steps) encodeStep(s, b, ctx);
  return { body, ...(byRef.size > 0 ? { ref_keyed: [...byRef.values()] } : {}) };
}

/** The endpoint, method and target of a request slot. */
export function requestHead(slot: RequestSlot, ctx: EncodeContext & { readonly dataSourceId: (refOrId: string) => IdOrRef }): Pick<PlanRequest, 'endpoint' | 'method' | 'target'> {
  const endpoint = ENDPOINT_OF[slot.type];
  const method = PLAN_ENDPOINTS[endpoint].method;
  switch (slot.type) {
    case 'create_database':
    case 'create_data_source':
      return { endpoint, method };
    case 'update_database':
      return { endpoint, method, target: ctx.databaseId(slot.database) };
    case 'patch_data_source':
      return { endpoint, method, target: ctx.dataSourceId(slot.data_source) };
    case 'create_view':
      return { endpoint, method };
    case 'update_view':
    case 'delete_view':
      return { endpoint, method, target: slot.target };
  }
}

/** The encode context of a plan over `live`: ids known now, references for the rest. */
export function encodeContext(live: LiveState, desiredRefs: ReadonlySet<string>): EncodeContext & { readonly dataSourceId: (refOrId: string) => IdOrRef } {
  const dsId = (ref: string): IdOrRef => live.data_sources.get(ref)?.live.id ?? dataSourceRef(ref);
  return {
    target: (ref) => (ref.kind === 'id' ? ref.id : dsId(ref.key)),
    databaseId: (key) => live.databases.get(key)?.live.id ?? live.removed?.databases.get(key)?.live.id ?? databaseRef(key),
    dataSourceId: (refOrId) => (desiredRefs.has(refOrId) ? dsId(refOrId) : live.removed?.data_sources.get(refOrId)?.id ?? refOrId),
  };
}
