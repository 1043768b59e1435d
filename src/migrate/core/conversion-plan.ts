import type { ConvertMigrationSpec, TargetOption, UnconvertibleValue } from '../types.js';
import type { Cell, PageRow } from './cells.js';
import { cellAsTarget, convertCell, emptyValue, isSupportedConversion, sameTarget, sourceAtoms, type TargetValue } from './convert.js';

/**
 * The pure part of a conversion: which value every page gets, which values do not convert,
 * and the options a select / multi_select target needs.
 */

export interface ConversionPreview {
  /** Page id → the value to write (already applied `onUnconvertible: empty`). */
  readonly values: ReadonlyMap<string, TargetValue>;
  readonly unconvertible: readonly UnconvertibleValue[];
  /** Options for the temporary property, declared ones first, then new distinct values in page order. */
  readonly options: readonly TargetOption[];
}

/** Checks a spec before anything is read. Returns problems (empty: fine). */
export function checkConvertSpec(spec: ConvertMigrationSpec): string[] {
  const out: string[] = [];
  if (!isSupportedConversion(spec.from, spec.to)) out.push(`converting ${spec.from} to ${spec.to} is not supported (see docs/migrations.md, "Conversions")`);
  const cb = (spec.from === 'checkbox' && spec.to === 'select') || (spec.from === 'select' && spec.to === 'checkbox');
  if (cb && spec.rules.checkbox === undefined) out.push(`${spec.from} → ${spec.to} needs a declared mapping: \`checked: <option>\` and \`unchecked: <option or null>\``);
  return out;
}

/** The value a page's source cell converts to, or the reason it does not. */
export function targetFor(spec: ConvertMigrationSpec, cell: Cell | undefined): TargetValue | { readonly reason: string } {
  const c = convertCell(cell ?? { type: 'other', apiType: 'missing' }, spec.to, spec.rules);
  if (c.ok) return c.value;
  return spec.rules.onUnconvertible === 'empty' ? emptyValue(spec.to) : { reason: c.reason };
}

/** Previews the conversion of every row (the preflight: nothing is written). */
export function previewConversion(spec: ConvertMigrationSpec, rows: readonly PageRow[], sourceId: string, sourceColours: ReadonlyMap<string, string>): ConversionPreview {
  const values = new Map<string, TargetValue>();
  const unconvertible: UnconvertibleValue[] = [];
  const options: TargetOption[] = [...(spec.options ?? [])];
  const known = new Set(options.map((o) => o.name));
  for (const row of rows) {
    const cell = row.cells.get(sourceId);
    const t = targetFor(spec, cell);
    if ('reason' in t) {
      unconvertible.push({ pageId: row.id, title: row.title, value: cell === undefined ? '' : sourceAtoms(cell).join(', '), reason: t.reason });
      continue;
    }
    values.set(row.id, t);
    const names = t.type === 'select' ? (t.name === null ? [] : [t.name]) : t.type === 'multi_select' ? t.names : [];
    for (const n of names) {
      if (known.has(n)) continue;
      known.add(n);
      const colour = sourceColours.get(n);
      options.push(colour !== undefined ? { name: n, color: colour as TargetOption['color'] & string } : { name: n });
    }
  }
  return { values, unconvertible, options };
}

/** Whether a page's temporary cell already holds the value (then the page is skipped). */
export function alreadyHolds(cell: Cell | undefined, value: TargetValue): boolean {
  // A cell not returned (the property is new) holds the empty value.
  if (cell === undefined) return sameTarget(emptyValue(value.type), value);
  const current = cellAsTarget(cell);
  return current !== null && sameTarget(current, value);
}

/** Formulas of the data source that name the property: replacing it would break them. */
export function formulasReferring(props: readonly { readonly name: string; readonly expression: string | null }[], name: string): string[] {
  const needle = `prop("${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}")`;
  return props.filter((p) => p.expression !== null && p.expression.includes(needle)).map((p) => p.name);
}
