import { counted } from './plural.js';
import type { Diagnostic, SourceLocation, UnconvertibleValue } from '../model/index.js';

/**
 * The sentences of data migrations that are not step reasons: plan-time refusals and the
 * apply-time results (docs/migrations.md). Pure.
 */

/** How many unconvertible values a plan lists one by one. */
export const UNCONVERTIBLE_LISTED = 50;

/** One error per value that does not convert (the plan refuses), and one for the rest when there are more. */
export function unconvertibleDiagnostics(
  property: string, ds: string, to: string, values: readonly UnconvertibleValue[], location: SourceLocation | undefined,
): Diagnostic[] {
  const at = location !== undefined ? { location } : {};
  const hint = 'say what to do with it under `convert:` of the property: `map: { "<value>": "<new value or null>" }`, or `on_unconvertible: empty` to clear such values';
  const out: Diagnostic[] = values.slice(0, UNCONVERTIBLE_LISTED).map((v) => ({
    severity: 'error', code: 'unconvertible-value',
    message: `property "${property}" of ${ds}: page "${v.title}" (${v.pageId}) holds "${v.value}", which does not convert to ${to}: ${v.reason}`,
    hint, ...at,
  }));
  if (values.length > UNCONVERTIBLE_LISTED) {
    out.push({
      severity: 'error', code: 'unconvertible-value',
      message: `property "${property}" of ${ds}: ${values.length - UNCONVERTIBLE_LISTED} more value(s) do not convert to ${to}`, hint, ...at,
    });
  }
  return out;
}

/** A migration that cannot be counted (so cannot be planned), e.g. the option is gone or a formula refers to the property. */
export function uncountableDiagnostic(property: string, ds: string, why: string, location: SourceLocation | undefined): Diagnostic {
  return {
    severity: 'error', code: 'migration-cannot-start',
    message: `the data migration of property "${property}" of ${ds} cannot start: ${why}`,
    hint: 'fix the schema file or the workspace, then run plan again',
    ...(location !== undefined ? { location } : {}),
  };
}

/** Options a conversion creates that the file does not declare: the next plan would remove them. */
export function undeclaredOptionsWarning(property: string, ds: string, names: readonly string[], location: SourceLocation | undefined): Diagnostic {
  return {
    severity: 'warning', code: 'conversion-undeclared-options',
    message: `converting "${property}" of ${ds} creates option(s) ${names.map((n) => `"${n}"`).join(', ')} from existing values, which the schema file does not list; the next plan would remove them`,
    hint: 'add them to the options of the property (or map them to declared ones under `convert: map:`)',
    ...(location !== undefined ? { location } : {}),
  };
}

/** The result line of a migration step in apply output. */
export function migrationResultMessage(r: { readonly writes: number; readonly writesBefore: number; readonly skipped: readonly string[]; readonly journal: string }): string {
  const before = r.writesBefore > 0 ? ` (${r.writesBefore} more by an interrupted earlier run)` : '';
  const skipped = r.skipped.length > 0 ? `; ${counted(r.skipped.length, 'page')} deleted meanwhile ${r.skipped.length === 1 ? 'was' : 'were'} skipped` : '';
  return `${counted(r.writes, 'page')} rewritten${before}${skipped}; journal ${r.journal}`;
}
