import type { CreateDataSourceParameters, UpdateDataSourceParameters } from '@notionhq/client';
import type { DataSourceRef, Icon, IdOrRef, OptionSpec, PropertyConfig, WithRefs } from '../model/index.js';

/** A property configuration in a create body (`initial_data_source.properties`, POST /v1/data_sources). */
export type CreatePropertyRequest = CreateDataSourceParameters['properties'][string];
/** A property entry in PATCH /v1/data_sources/{id} `properties` (`null` deletes). */
export type UpdatePropertyRequest = NonNullable<UpdateDataSourceParameters['properties']>[string];
/** The property configuration part of an update entry (no rename-only or delete entries). */
export type UpdatePropertyConfig = Exclude<UpdatePropertyRequest, null | { name: string }>;

/**
 * A status option may carry `group`: the API documents it (notion-api.md §2.4) but the SDK's
 * request types lag behind; the SDK passes nested fields through, so the field reaches Notion.
 */
type WithGroup<T> = T extends { status: { options?: (infer O)[] } }
  ? Omit<T, 'status'> & { status: { options?: (O & { group?: string })[] } }
  : T;

export type EncodedCreateProperty = WithRefs<WithGroup<CreatePropertyRequest>>;
export type EncodedUpdateProperty = WithRefs<WithGroup<UpdatePropertyConfig>>;

/** Resolves a relation target to a data source id, or a reference known after apply. */
export type TargetResolver = (ref: DataSourceRef) => IdOrRef;

type UpdateOption = { name: string; id?: string; color?: OptionSpec['color']; description?: string | null; group?: string }
  | { id: string; name?: string; color?: OptionSpec['color']; description?: string | null; group?: string };

/** An option in an update: an existing one by id (its name, colour and group untouched), a new one by name. */
function updateOption(o: OptionSpec, status: boolean): UpdateOption {
  if (o.id !== undefined) {
    return {
      id: o.id,
      ...(o.description !== undefined ? { description: o.description } : {}),
      ...(status && o.group !== undefined ? { group: o.group } : {}),
    };
  }
  return createOption(o, status);
}

function createOption(o: OptionSpec, status: boolean): { name: string; color?: OptionSpec['color']; description?: string; group?: string } {
  return {
    name: o.name,
    ...(o.color !== undefined ? { color: o.color } : {}),
    ...(o.description !== undefined && o.description !== null ? { description: o.description } : {}),
    ...(status && o.group !== undefined ? { group: o.group } : {}),
  };
}

function relationBody(config: Extract<PropertyConfig, { type: 'relation' }>, resolve: TargetResolver) {
  const data_source_id = resolve(config.target);
  if (config.dual === null) return { data_source_id, type: 'single_property' as const, single_property: {} };
  return {
    data_source_id, type: 'dual_property' as const,
    dual_property: config.dual.property !== undefined ? { synced_property_name: config.dual.property } : {},
  };
}

/**
 * The request configuration of a new property (notion-api.md §2.2): `{ <type>: {...} }`.
 * Typed with the SDK's `PropertyConfigurationRequest`, so a shape Notion rejects fails to compile.
 */
export function createPropertyBody(config: PropertyConfig, resolve: TargetResolver): EncodedCreateProperty {
  switch (config.type) {
    case 'number': return { number: { format: config.format } };
    case 'select': return { select: { options: config.options.map((o) => createOption(o, false)) } };
    case 'multi_select': return { multi_select: { options: config.options.map((o) => createOption(o, false)) } };
    case 'status': return { status: { options: config.options.map((o) => createOption(o, true)) } };
    case 'formula': return { formula: { expression: config.expression } };
    case 'relation': return { relation: relationBody(config, resolve) };
    case 'rollup':
      return { rollup: { relation_property_name: config.relation, rollup_property_name: config.property, function: config.function } };
    case 'unique_id': return { unique_id: { prefix: config.prefix } };
    default: return emptyConfig(config.type);
  }
}

/**
 * The request configuration that changes an existing property: options that already exist
 * are re-sent by id (so a kept option is never deleted and recreated), new ones by name.
 */
export function updatePropertyBody(config: PropertyConfig, resolve: TargetResolver): EncodedUpdateProperty {
  switch (config.type) {
    case 'select': return { select: { options: config.options.map((o) => updateOption(o, false)) } };
    case 'multi_select': return { multi_select: { options: config.options.map((o) => updateOption(o, false)) } };
    case 'status': return { status: { options: config.options.map((o) => updateOption(o, true)) } };
    default: return createPropertyBody(config, resolve) as EncodedUpdateProperty;
  }
}

type EmptyType = Extract<PropertyConfig, { type: string }>['type'] & Exclude<PropertyConfig['type'],
  'number' | 'select' | 'multi_select' | 'status' | 'formula' | 'relation' | 'rollup' | 'unique_id'>;

/** `{ <type>: {} }` for the types with no settings. */
function emptyConfig(type: EmptyType): EncodedCreateProperty {
  return { [type]: {} } as unknown as EncodedCreateProperty;
}

/** The request form of an icon (`null` removes it). */
export function iconBody(icon: Icon): { type: 'emoji'; emoji: string } | { type: 'external'; external: { url: string } };
export function iconBody(icon: Icon | null): { type: 'emoji'; emoji: string } | { type: 'external'; external: { url: string } } | null;
export function iconBody(icon: Icon | null) {
  if (icon === null) return null;
  return icon.type === 'emoji' ? { type: 'emoji' as const, emoji: icon.emoji } : { type: 'external' as const, external: { url: icon.url } };
}
