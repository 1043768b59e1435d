import type { DataSourceRef, Icon, OptionSpec, PropertyConfig } from '../model/index.js';

/** Resolves a relation target to a data source id, or a `{{data_source_id:REF}}` placeholder. */
export type TargetResolver = (ref: DataSourceRef) => string;

function optionBody(o: OptionSpec, status: boolean): Record<string, unknown> {
  if (o.id !== undefined) return { id: o.id, ...(o.description !== undefined ? { description: o.description } : {}) };
  return {
    name: o.name,
    ...(o.color !== undefined ? { color: o.color } : {}),
    ...(o.description !== undefined && o.description !== null ? { description: o.description } : {}),
    ...(status && o.group !== undefined ? { group: o.group } : {}),
  };
}

/**
 * The API request configuration for a property (notion-api.md §2.2): `{ <type>: {...} }`.
 * `options`, when given, replaces the config's option list (existing options re-sent by id).
 */
export function propertyBody(config: PropertyConfig, resolve: TargetResolver, options?: readonly OptionSpec[]): Record<string, unknown> {
  switch (config.type) {
    case 'number':
      return { number: { format: config.format } };
    case 'select':
    case 'multi_select':
    case 'status':
      return { [config.type]: { options: (options ?? config.options).map((o) => optionBody(o, config.type === 'status')) } };
    case 'formula':
      return { formula: { expression: config.expression } };
    case 'relation':
      return {
        relation: config.dual === null
          ? { data_source_id: resolve(config.target), type: 'single_property', single_property: {} }
          : {
              data_source_id: resolve(config.target), type: 'dual_property',
              dual_property: config.dual.property !== undefined ? { synced_property_name: config.dual.property } : {},
            },
      };
    case 'rollup':
      return { rollup: { relation_property_name: config.relation, rollup_property_name: config.property, function: config.function } };
    case 'unique_id':
      return { unique_id: { prefix: config.prefix } };
    default:
      return { [config.type]: {} };
  }
}

/** The API request form of an icon (`null` removes it). */
export function iconBody(icon: Icon | null): unknown {
  if (icon === null) return null;
  return icon.type === 'emoji' ? { type: 'emoji', emoji: icon.emoji } : { type: 'external', external: { url: icon.url } };
}
