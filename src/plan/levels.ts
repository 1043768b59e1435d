import type { Draft } from './drafts.js';
import { PHASE } from './drafts.js';

/**
 * Gives every property draft the lowest request level its dependencies allow: one above each
 * property step it depends on, at least 1 after a create it depends on. Creates, database
 * updates and manual steps keep their level. Dependencies always raise the level, so the
 * resulting request groups never form cycles.
 */
export function assignLevels(drafts: readonly Draft[]): void {
  const done = new Set<Draft>();
  const visiting = new Set<Draft>();
  const levelOf = (d: Draft): number => {
    if (done.has(d) || visiting.has(d)) return d.level;
    const k = d.fields.kind;
    if (k === 'create_database' || k === 'create_data_source' || k === 'update_database' || k === 'manual') return d.level;
    visiting.add(d);
    for (const dep of d.deps) {
      const entity = dep.fields.kind === 'create_database' || dep.fields.kind === 'create_data_source';
      d.level = Math.max(d.level, entity ? 1 : levelOf(dep) + 1);
    }
    if (d.level >= 2 && (k === 'add_property' || k === 'update_property' || k === 'change_property_type')) {
      d.phase = Math.max(d.phase, PHASE.dependent);
    }
    visiting.delete(d);
    done.add(d);
    return d.level;
  };
  for (const d of drafts) levelOf(d);
}
