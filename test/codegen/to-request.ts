import type { DesiredProperty } from '../../src/model/desired.js';

/**
 * The property configuration request for one desired property (test helper: the real
 * mapping lives in apply/; this one covers what the round-trip fixture uses).
 * Relations must target data sources by id.
 */
export function configRequest(p: DesiredProperty): Record<string, unknown> {
  const c = p.config;
  switch (c.type) {
    case 'number': return { number: { format: c.format } };
    case 'select': case 'multi_select': case 'status':
      return { [c.type]: { options: c.options.map((o) => ({ name: o.name, ...(o.color ? { color: o.color } : {}) })) } };
    case 'formula': return { formula: { expression: c.expression } };
    case 'relation': {
      if (c.target.kind !== 'id') throw new Error('test helper: relations must target an id');
      return { relation: c.dual === null
        ? { data_source_id: c.target.id, type: 'single_property', single_property: {} }
        : { data_source_id: c.target.id, type: 'dual_property', dual_property: {} } };
    }
    case 'rollup': return { rollup: { relation_property_name: c.relation, rollup_property_name: c.property, function: c.function } };
    case 'unique_id': return { unique_id: { prefix: c.prefix } };
    default: return { [c.type]: {} };
  }
}

export function propertiesRequest(props: readonly DesiredProperty[]): Record<string, unknown> {
  return Object.fromEntries(props.map((p) => [p.name, configRequest(p)]));
}
