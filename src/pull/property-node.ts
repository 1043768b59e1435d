import type { Document, Node } from 'yaml';
import { YAMLMap, YAMLSeq } from 'yaml';
import type { LiveProperty, OptionSpec, PropertyConfig, StatusGroupName } from '../model/index.js';
import { STATUS_GROUPS, UNMANAGEABLE_TYPES } from '../model/index.js';
import { escapeDeep } from './escape.js';

/** The comment written after button and verification properties. */
export const READ_ONLY_COMMENT = ' read-only: managed in the Notion app';

/** A flow map longer than this (in characters) is written in block style. */
const FLOW_LIMIT = 100;

/** Maps a relation target data source id to how the file names it (`db.ds` or the id). */
export type RelationTargetName = (dataSourceId: string) => string;

/**
 * The plain value of one property in the schema file: `{ type, …settings }`.
 * Options keep their colours (and descriptions when non-null); status options name their group.
 */
export function propertyValue(prop: LiveProperty, target: RelationTargetName): Record<string, unknown> {
  const out: Record<string, unknown> = { type: prop.config.type };
  Object.assign(out, configSettings(prop.config, target));
  if (prop.description !== null) out['description'] = prop.description;
  return out;
}

function configSettings(config: PropertyConfig, target: RelationTargetName): Record<string, unknown> {
  switch (config.type) {
    case 'number':
      return { format: config.format };
    case 'select':
    case 'multi_select':
      return { options: config.options.map((o) => optionValue(o, undefined)) };
    case 'status': {
      const groupOf = new Map<string, StatusGroupName>();
      for (const g of config.groups ?? []) {
        if (!(STATUS_GROUPS as readonly string[]).includes(g.name)) continue;
        for (const name of g.options) groupOf.set(name, g.name as StatusGroupName);
      }
      return { options: config.options.map((o) => optionValue(o, groupOf.get(o.name) ?? o.group)) };
    }
    case 'formula':
      return { expression: config.expression };
    case 'relation': {
      const ref = config.target.kind === 'key' ? config.target.key : target(config.target.id);
      const out: Record<string, unknown> = { data_source: ref };
      if (config.dual !== null) {
        out['dual'] = config.dual.property !== undefined ? { property: config.dual.property } : true;
      }
      return out;
    }
    case 'rollup':
      return { relation: config.relation, property: config.property, function: config.function };
    case 'unique_id':
      return config.prefix !== null ? { prefix: config.prefix } : {};
    default:
      return {};
  }
}

function optionValue(o: OptionSpec, group: StatusGroupName | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { name: o.name };
  if (o.color !== undefined) out['color'] = o.color;
  if (o.description !== undefined && o.description !== null) out['description'] = o.description;
  if (group !== undefined) out['group'] = group;
  return out;
}

/**
 * Builds the YAML node for one property: a flow map (`{ type: email }`) when short and without
 * options, else a block map whose options are a block list of flow maps.
 */
export function propertyNode(doc: Document, prop: LiveProperty, target: RelationTargetName): Node {
  const value = escapeDeep(propertyValue(prop, target));
  const options = value['options'] as readonly Record<string, unknown>[] | undefined;
  let node: Node;
  if ((options === undefined || options.length === 0) && flowLength(value) <= FLOW_LIMIT) {
    node = doc.createNode(value, { flow: true });
  } else {
    const map = new YAMLMap();
    for (const [k, v] of Object.entries(value)) {
      if (k === 'options' && options !== undefined) {
        const seq = new YAMLSeq();
        for (const o of options) seq.items.push(doc.createNode(o, { flow: true }));
        map.add(doc.createPair(k, seq));
      } else {
        const flow = typeof v === 'object' && v !== null;
        map.add(doc.createPair(k, doc.createNode(v, { flow })));
      }
    }
    node = map;
  }
  if ((UNMANAGEABLE_TYPES as readonly string[]).includes(prop.config.type)) node.comment = READ_ONLY_COMMENT;
  return node;
}

function flowLength(value: unknown): number {
  return JSON.stringify(value).length;
}
