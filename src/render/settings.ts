import type { DataSourceRef, DatabaseParent, Icon, OptionSpec, PropertyConfig, Step } from '../model/index.js';
import { show } from './symbols.js';

/**
 * The full settings of what a step creates or rewrites, as `name: value` pairs (no sign, no indent):
 * options with colours, formula expressions, relation targets and two-way names, rollup functions,
 * number formats, prefixes, descriptions. Multi-line values (formulas) keep their lines.
 */
export interface Setting {
  readonly name: string;
  readonly value: string;
}

/** `crm.companies`, or the id of a data source outside the schema file. */
export function refText(ref: DataSourceRef): string {
  return ref.kind === 'key' ? ref.key : ref.id;
}

/** `Lead (gray)`, `Done (green, Complete)`. */
export function optionText(o: OptionSpec): string {
  const extra = [o.color, o.group].filter((x) => x !== undefined);
  return `${o.name}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** `page 5d1b…` or `the workspace`. */
export function parentText(p: DatabaseParent): string {
  return p.type === 'workspace' ? 'the workspace' : `page ${p.page_id}`;
}

function iconText(icon: Icon | null): string {
  return icon === null ? '(none)' : show(icon);
}

/** The settings of one property configuration (its type is in the step sentence). */
export function configSettings(config: PropertyConfig, description: string | null): Setting[] {
  const out: Setting[] = [];
  switch (config.type) {
    case 'number': out.push({ name: 'format', value: config.format }); break;
    case 'select': case 'multi_select': case 'status':
      out.push({ name: 'options', value: config.options.length === 0 ? '(none)' : config.options.map(optionText).join(', ') });
      break;
    case 'formula': out.push({ name: 'expression', value: config.expression }); break;
    case 'relation': {
      const way = config.dual === null ? 'one-way' : config.dual.property !== undefined ? `two-way, "${config.dual.property}"` : 'two-way, synced property named by Notion';
      out.push({ name: 'relation', value: `→ ${refText(config.target)} (${way})` });
      break;
    }
    case 'rollup': out.push({ name: 'rollup', value: `${config.function} of "${config.property}" through "${config.relation}"` }); break;
    case 'unique_id': out.push({ name: 'prefix', value: config.prefix === null ? '(none)' : `"${config.prefix}"` }); break;
    default: break;
  }
  if (description !== null) out.push({ name: 'description', value: JSON.stringify(description) });
  return out;
}

/** The settings a create or property-writing step carries; empty for the other kinds. */
export function stepSettings(step: Step): Setting[] {
  switch (step.kind) {
    case 'create_database': {
      const out: Setting[] = [{ name: 'parent', value: parentText(step.parent) }];
      if (step.description !== null) out.push({ name: 'description', value: JSON.stringify(step.description) });
      if (step.icon !== null) out.push({ name: 'icon', value: iconText(step.icon) });
      if (step.is_inline) out.push({ name: 'inline', value: 'true' });
      return out;
    }
    case 'create_data_source':
      return step.icon !== null ? [{ name: 'icon', value: iconText(step.icon) }] : [];
    case 'add_property': case 'change_property_type':
      return configSettings(step.config, step.description);
    case 'update_data_source':
      return step.completes_create === true ? step.changes.map((c) => ({ name: `${step.data_source} ${c.field}`, value: show(c.after) })) : [];
    case 'rename_property':
      return step.synced?.named_by_notion === true ? [{ name: `synced property on ${step.data_source}`, value: `"${step.property}"` }] : [];
    default:
      return [];
  }
}
