import type { OptionMigrationSpec } from '../types.js';
import type { Cell, OptionValue } from './cells.js';

/**
 * Planning of option migrations (rename, recolour). Pure.
 *
 * A pass moves every page from one option (`source`) to another (`target`): add the target,
 * rewrite the pages, re-query until none holds the source, remove the source.
 * A rename is one pass. A recolour, or a rename changing only the case of the name (option
 * names are unique regardless of case), needs a temporary option: two passes.
 */

/** One live option of the property. */
export interface LiveOption {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly description: string | null;
}

/** An option by what it looks like (its id is only known once it exists). */
export interface OptionShape {
  readonly name: string;
  readonly color: string;
}

export interface OptionPass {
  readonly source: OptionShape;
  readonly target: OptionShape;
}

/** The temporary option's name: recognisable, unique to the migration, ≤ 100 characters, no commas. */
export function temporaryOptionName(from: string, migrationId: string): string {
  return `${from.slice(0, 60)} (migrating ${migrationId.slice(-8)})`;
}

/** The passes of an option migration, given the colour the source option has (or had) live. */
export function optionPasses(spec: OptionMigrationSpec, sourceColor: string, migrationId: string): OptionPass[] {
  const source = { name: spec.from, color: sourceColor };
  const target = { name: spec.to.name, color: spec.to.color ?? sourceColor };
  if (source.name.toLowerCase() !== target.name.toLowerCase()) return [{ source, target }];
  const temp = { name: temporaryOptionName(spec.from, migrationId), color: target.color };
  return [{ source, target: temp }, { source: temp, target }];
}

function find(live: readonly LiveOption[], shape: OptionShape, strictColor: boolean): LiveOption | undefined {
  return live.find((o) => o.name === shape.name && (!strictColor || o.color === shape.color));
}

/**
 * Where a (possibly interrupted) migration stands, from the live options alone — the journal may
 * lag the server by the request in flight when a run was killed. Returns the index of the first
 * pass not finished, or `passes.length` when all are done. A pass is finished when its source is
 * gone and its target exists. In a two-pass migration the source and the final option share a
 * name, so options are told apart by colour.
 */
export function currentPass(passes: readonly OptionPass[], live: readonly LiveOption[]): number | { readonly error: string } {
  const strict = passes.length > 1;
  // The first pass whose source still exists is the one under way (or about to start).
  for (let i = 0; i < passes.length; i++) {
    if (find(live, passes[i]!.source, strict && i === 0) !== undefined) return i;
  }
  const last = passes[passes.length - 1]!;
  if (find(live, last.target, strict) !== undefined) return passes.length;
  const first = passes[0]!;
  return { error: `option "${first.source.name}" does not exist on the property (options: ${live.map((o) => `"${o.name}"`).join(', ') || 'none'})` };
}

/** Finds a live option by shape (by name, and by colour when `strictColor`). */
export function liveOption(live: readonly LiveOption[], shape: OptionShape, strictColor: boolean): LiveOption | undefined {
  return find(live, shape, strictColor);
}

/** The value a page must get so it holds `targetId` instead of `sourceId`, or null when it does not hold `sourceId`. */
export function rewriteOptionCell(cell: Cell, sourceId: string, targetId: string): { readonly ids: readonly string[] } | { readonly id: string } | null {
  if (cell.type === 'select' || cell.type === 'status') {
    return cell.option?.id === sourceId ? { id: targetId } : null;
  }
  if (cell.type === 'multi_select') {
    if (!cell.options.some((o: OptionValue) => o.id === sourceId)) return null;
    const ids: string[] = [];
    for (const o of cell.options) {
      const id = o.id === sourceId ? targetId : o.id;
      if (!ids.includes(id)) ids.push(id);
    }
    return { ids };
  }
  return null;
}
