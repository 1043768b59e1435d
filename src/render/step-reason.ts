import type { FieldChange, MigrationSpec, Step, StepKind } from '../model/index.js';

/** A step as the planner makes it, before its sentence is written. */
type Unreasoned<K extends StepKind> = Omit<Extract<Step, { kind: K }>, 'reason' | 'id' | 'depends_on'>;
/** Any step without its id, dependencies and sentence. */
export type StepContent = Step extends infer S ? (S extends Step ? Omit<S, 'reason' | 'id' | 'depends_on'> : never) : never;

const fields = (changes: readonly FieldChange[]): string => changes.map((c) => c.field).join(', ');
const plural = (n: number, word: string): string => `${word}${n === 1 ? '' : 's'}`;
const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/**
 * The one English sentence of each step kind: what changes and why (its consequences for data).
 * The planner stores it in the step's `reason` for plan JSON consumers; renderers use it as is.
 */
const REASONS: { readonly [K in StepKind]: (s: Unreasoned<K>) => string } = {
  create_database: (s) => `Create database "${s.title}" (${s.database}) with its first data source ${s.initial_data_source}.`,
  create_data_source: (s) => `Create data source "${s.title}" (${s.data_source}) in database ${s.database}.`,
  update_database: (s) => {
    const move = s.changes.find((c) => c.field === 'parent');
    const to = move?.after as { type?: string; page_id?: string } | undefined;
    const rest = s.changes.filter((c) => c.field !== 'parent');
    const where = to?.type === 'workspace' ? 'the workspace' : `page ${to?.page_id ?? '?'}`;
    if (move === undefined) return `Update database ${s.database}: ${fields(s.changes)}.`;
    return `Move database ${s.database} under ${where} (PATCH parent)${rest.length > 0 ? `; update ${fields(rest)}` : ''}.`;
  },
  update_data_source: (s) => (s.completes_create === true
    ? `Set data source ${s.data_source}'s ${fields(s.changes)} (a new database's first data source takes the database title and no icon).`
    : `Update data source ${s.data_source}: ${fields(s.changes)}.`),
  add_property: (s) => `Add ${s.config.type} property "${s.property}" to ${s.data_source}.`,
  rename_property: (s) => {
    if (s.synced !== undefined) {
      const rel = `two-way relation "${s.synced.relation}" (${s.synced.relation_data_source})`;
      return s.synced.named_by_notion
        ? `Name the synced property of ${rel} on ${s.data_source} "${s.property}", once Notion has created it.`
        : `Rename the synced property of ${rel} on ${s.data_source} from "${s.from}" to "${s.property}".`;
    }
    const title = s.property_id === 'title' ? ' (the title property)' : '';
    if (s.drift === true) return `Rename property "${s.from}" back to "${s.property}"${title} in ${s.data_source}: it was renamed in Notion; its values are kept.`;
    return `Rename property "${s.from}" to "${s.property}"${title} in ${s.data_source}; its values are kept.`;
  },
  update_property: (s) => {
    const target = s.changes.find((c) => c.field === 'data_source');
    return target
      ? `Point relation "${s.property}" of ${s.data_source} at ${String(target.after)}; its existing relation values are lost.`
      : `Update property "${s.property}" of ${s.data_source}: ${fields(s.changes)}.`;
  },
  change_property_type: (s) => `Change property "${s.property}" of ${s.data_source} from ${s.from_type} to ${s.to_type}; values that do not convert are lost.`,
  remove_property: (s) => `Remove ${s.property_type} property "${s.property}" from ${s.data_source}; its values on every page are lost.`,
  add_options: (s) => `Add ${plural(s.options.length, 'option')} ${quoted(s.options.map((o) => o.name))} to "${s.property}" of ${s.data_source}.`,
  remove_options: (s) => `Remove ${plural(s.options.length, 'option')} ${quoted(s.options)} from "${s.property}" of ${s.data_source}; pages lose these values.`,
  migrate_values: (s) => migrationSentence(s.migration, s.property, s.data_source),
  remove_data_source: (s) => `Remove data source "${s.title}" (${s.data_source}): it is no longer in the schema file; it moves to Notion's trash with its pages (restorable there for 30 days).`,
  remove_database: (s) => `Remove database "${s.title}" (${s.database}): it is no longer in the schema file; it moves to Notion's trash with its data sources and pages (restorable there for 30 days).`,
  restore_database: (s) => `Restore database "${s.title}" (${s.database}) from Notion's trash: it was moved there in Notion, and the schema file still declares it.`,
  create_view: (s) => `Create ${s.spec.type} view "${s.view}" in ${s.data_source}${s.first === true ? ' as its first tab' : ' (a new tab at the end)'}.`,
  update_view: (s) => {
    if (s.adopts_default === true) return `Make the default table view Notion creates with ${s.data_source} the declared view "${s.view}": ${fields(s.changes)}.`;
    const rename = s.changes.find((c) => c.field === 'name');
    const rest = s.changes.filter((c) => c.field !== 'name');
    const head = rename !== undefined
      ? `Rename view "${String(rename.before)}" ${s.drift === true ? 'back ' : ''}to "${s.view}" in ${s.data_source}${s.drift === true ? ' (it was renamed in Notion)' : ''}`
      : `Update view "${s.view}" of ${s.data_source}`;
    return rest.length > 0 ? `${head}${rename !== undefined ? '; set' : ':'} ${fields(rest)}.` : `${head}.`;
  },
  remove_view: (s) => `Remove ${s.view_type} view "${s.view}" of ${s.data_source}: ${VIEW_REMOVAL[s.why]}; views hold no page data.`,
  manual: (s) => s.why,
};

const VIEW_REMOVAL: Record<Extract<Step, { kind: 'remove_view' }>['why'], string> = {
  undeclared: 'it is no longer in the schema file',
  exclusive: 'the file does not declare it and the data source sets views_exclusive: true',
  type_change: 'its type changed, which the API cannot update; the declared view is created anew',
  default_view: 'the default table view Notion creates with a new data source, which the first declared view (not a table) cannot adopt',
};

/** What a data migration does, in one sentence. */
function migrationSentence(m: MigrationSpec, property: string, ds: string): string {
  if (m.kind === 'convert') {
    return `Convert property "${property}" of ${ds} from ${m.from} to ${m.to} by copying every value into a new ${m.to} property that then takes its name (values kept; the property id changes).`;
  }
  const colour = m.to.color !== undefined ? ` (${m.to.color})` : '';
  if (m.to.name === m.from) {
    return `Recolour option "${m.from}" of "${property}" in ${ds} to ${m.to.color ?? 'its colour'}: move every page holding it to a temporary option and back (two passes; the API cannot recolour options).`;
  }
  const twoPass = m.to.name.toLowerCase() === m.from.toLowerCase() ? ' through a temporary option (names are unique regardless of case)' : '';
  return `Rename option "${m.from}" of "${property}" in ${ds} to "${m.to.name}"${colour}: add it, rewrite every page holding "${m.from}"${twoPass}, then remove "${m.from}".`;
}

/** The sentence that says what a step does and what it costs. */
export function stepReason(step: StepContent): string {
  return (REASONS[step.kind] as (s: StepContent) => string)(step);
}
