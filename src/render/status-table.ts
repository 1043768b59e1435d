import type { PlanSummary } from '../model/plan.js';

/**
 * One environment's row of `notion-schema status`. Invariant: exactly one of `summary` (planned)
 * and `error` (could not be planned: no token, unreachable, invalid for it) is set.
 */
export interface StatusRow {
  /** The environment's name; `default` for a file that declares no environments (then `declared` is false). */
  readonly environment: string;
  readonly declared?: boolean;
  /** The API base URL or `local (…)`; never a token. */
  readonly target: string;
  readonly summary?: PlanSummary;
  readonly error?: string;
  /** From the environment's lock file: `{at, schema_hash}` of its last apply, or absent. */
  readonly lastApplied?: { readonly at: string; readonly schemaHash: string };
  /** Whether the last apply was of the schema file as it is now. */
  readonly appliedCurrent?: boolean;
}

/** Words for a row's state: `in sync`, `3 changes (1 destructive, 1 manual)` or `error: …`. */
export function statusState(row: StatusRow): string {
  if (row.error !== undefined) return `error: ${row.error}`;
  const s = row.summary;
  if (s === undefined || !s.has_changes) return 'in sync';
  const n = s.create + s.change + s.remove;
  const extra = [s.destructive > 0 ? `${s.destructive} destructive` : '', s.manual > 0 ? `${s.manual} manual` : ''].filter((x) => x !== '');
  return `${n} change${n === 1 ? '' : 's'}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

function lastAppliedText(row: StatusRow): string {
  if (row.lastApplied === undefined) return 'never';
  return `${row.lastApplied.at} (${row.lastApplied.schemaHash.slice(0, 12)}${row.appliedCurrent === true ? ', this file' : ', another version'})`;
}

/** The status table (plain text, columns padded), then one line saying what to do. */
export function statusTable(rows: readonly StatusRow[], style: { readonly green: (s: string) => string; readonly yellow: (s: string) => string; readonly red: (s: string) => string; readonly bold: (s: string) => string } ): string {
  const head = ['ENVIRONMENT', 'TARGET', 'STATE', 'LAST APPLIED'];
  const cells = rows.map((r) => [r.environment, r.target, statusState(r), lastAppliedText(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const pad = (c: readonly string[]): string => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i] ?? 0))).join('  ');
  const paint = (r: StatusRow, line: string): string => (r.error !== undefined ? style.red(line) : r.summary?.has_changes === true ? style.yellow(line) : style.green(line));
  const lines = [style.bold(pad(head)), ...rows.map((r, i) => paint(r, pad(cells[i] ?? [])))];
  const outRows = rows.filter((r) => r.summary?.has_changes === true);
  const out = outRows.map((r) => r.environment);
  const planCmd = outRows[0]?.declared === false ? 'notion-schema plan' : `notion-schema plan --env ${out[0] ?? ''}`;
  const failed = rows.filter((r) => r.error !== undefined).map((r) => r.environment);
  if (failed.length > 0) lines.push('', `Could not check ${failed.join(', ')}.`);
  if (out.length > 0) lines.push('', `Out of sync: ${out.join(', ')}. See the changes with \`${planCmd}\`.`);
  else if (failed.length === 0) lines.push('', 'Every environment is in sync with the schema file.');
  return `${lines.join('\n')}\n`;
}

/** The status table as Markdown (job summaries, scheduled drift reports). */
export function statusMarkdown(rows: readonly StatusRow[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = ['| environment | target | state | last applied |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${esc(r.environment)} | ${esc(r.target)} | ${esc(statusState(r))} | ${esc(lastAppliedText(r))} |`);
  return `${lines.join('\n')}\n`;
}
