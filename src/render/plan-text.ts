import { diffLines } from 'diff';
import type { FieldChange, Plan, Step, StepKind } from '../model/index.js';
import { PLAIN_STYLE, type TextStyle } from './style.js';
import { summaryLine } from './summary-line.js';
import { show, SYMBOL } from './symbols.js';
import { groupPlan, type GroupAction, type GroupEntry, type PlanGroup } from './plan-groups.js';
import { stepSettings, type Setting } from './settings.js';
import { counted } from './plural.js';

function colourFor(step: Step, st: TextStyle): (s: string) => string {
  if (step.kind === 'manual') return st.magenta;
  if (step.risk === 'destructive') return st.red;
  if (SYMBOL[step.kind] === '+') return st.green;
  return st.yellow;
}

/** Before/after lines of one field change; multi-line or long strings as a line diff. */
function changeLines(c: FieldChange, st: TextStyle, indent: string): string[] {
  const multi = typeof c.before === 'string' && typeof c.after === 'string' && (c.before.includes('\n') || c.after.includes('\n') || c.before.length + c.after.length > 60);
  if (!multi) return [`${indent}${c.field}: ${show(c.before)} → ${show(c.after)}`];
  const out = [`${indent}${c.field}:`];
  for (const part of diffLines(`${String(c.before)}\n`, `${String(c.after)}\n`)) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    const paint = part.added ? st.green : part.removed ? st.red : st.dim;
    for (const line of part.value.replace(/\n$/, '').split('\n')) out.push(paint(`${indent}  ${sign} ${line}`));
  }
  return out;
}

const IND = '        ';
type Detail<K extends StepKind> = (step: Extract<Step, { kind: K }>, st: TextStyle) => string[];
const none = (): string[] => [];
const fieldChanges = (step: { readonly changes: readonly FieldChange[] }, st: TextStyle): string[] => step.changes.flatMap((c) => changeLines(c, st, IND));

/** Detail lines under each step, per kind (a new kind without an entry fails to compile). */
const DETAIL: { readonly [K in StepKind]: Detail<K> } = {
  create_database: none,
  create_data_source: none,
  update_database: fieldChanges,
  update_data_source: fieldChanges,
  add_property: none,
  rename_property: none,
  update_property: fieldChanges,
  change_property_type: none,
  remove_property: none,
  add_options: (step, st) => step.options.map((o) => st.green(`${IND}+ "${o.name}"${o.color ? ` (${o.color})` : ''}${o.group ? ` in ${o.group}` : ''}`)),
  remove_options: (step, st) => step.options.map((o) => st.red(`${IND}- "${o}"`)),
  migrate_values: (step, st) => migrationLines(step, st),
  remove_data_source: none,
  remove_database: (step, st) => (step.data_sources.length > 0 ? [st.red(`${IND}with ${step.data_sources.join(', ')}`)] : []),
  restore_database: none,
  create_view: none,
  update_view: fieldChanges,
  remove_view: none,
  manual: (step, st) => [st.magenta(`${IND}→ ${step.instruction}`)],
};

/** "2m 05s", "40s", "1h 02m". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The work of a data migration: pages, requests and time at the rate limit (counted at plan time). */
export function migrationLines(step: Extract<Step, { kind: 'migrate_values' }>, st: TextStyle): string[] {
  const c = step.count;
  const n = (x: number): string => x.toLocaleString('en-US');
  if (c === undefined) return [st.cyan(`${IND}data migration (not counted: the plan was made without reading pages)`)];
  const out = [st.cyan(`${IND}rewrites ${n(c.pages)} page${c.pages === 1 ? '' : 's'} (${n(c.writes)} write${c.writes === 1 ? '' : 's'}${c.passes > 1 ? ` over ${c.passes} passes` : ''}); ${counted(c.requests, 'request')}, about ${duration(c.seconds)} at ${c.rate} requests/s; needs apply --migrate-data`)];
  if (c.target_options !== undefined && c.target_options.length > 0) {
    out.push(st.cyan(`${IND}options: ${c.target_options.map((o) => `"${o}"`).join(', ')}`));
  }
  return out;
}

function detailLines(step: Step, st: TextStyle): string[] {
  return (DETAIL[step.kind] as Detail<StepKind>)(step as never, st);
}

function riskTag(step: Step, st: TextStyle): string {
  if (step.risk === 'destructive') return ` ${st.red('[destructive]')}`;
  if (step.risk === 'forbidden') return ` ${st.magenta('[manual]')}`;
  return '';
}

/** The `target` prefix of plans made by comparing two schema files (`notion-schema diff`). */
export const SCHEMA_TARGET = 'schema:';

/** Options of the text plan. */
export interface TextOptions {
  /** One line per step, no groups and no settings (for huge plans). */
  readonly compact?: boolean;
}

function impactText(step: Step): string {
  if (!step.impact) return '';
  return step.impact.capped ? `removes values from ${step.impact.pages.toLocaleString('en-US')}+ pages` : `removes values from ${counted(step.impact.pages, 'page')}`;
}

/** The line of one step: symbol, id, sentence, risk tag. */
export function stepLine(step: Step, st: TextStyle, suffix = ''): string {
  return `  ${colourFor(step, st)(SYMBOL[step.kind].padEnd(3))} ${st.dim(step.id.padEnd(4))} ${step.reason}${riskTag(step, st)}${suffix}`;
}

/** `+ name: value` lines of a step's (and its folded steps') full settings. */
function settingLines(settings: readonly Setting[], st: TextStyle): string[] {
  return settings.flatMap((s) => {
    if (!s.value.includes('\n')) return [st.green(`${IND}+ ${s.name}: ${s.value}`)];
    return [st.green(`${IND}+ ${s.name}:`), ...s.value.split('\n').map((l) => st.green(`${IND}    ${l}`))];
  });
}

/** The lines of one grouped entry: the step line, its settings, the folded steps' settings, its details. */
export function entryLines(entry: GroupEntry, st: TextStyle): string[] {
  const { step, folded } = entry;
  const suffix = folded.length > 0 ? st.dim(` (includes ${folded.map((f) => f.id).join(', ')})`) : '';
  const out = [stepLine(step, st, suffix)];
  if (step.impact) out.push(st.red(`${IND}${impactText(step)}`));
  out.push(...settingLines(stepSettings(step), st));
  // A new relation's settings already name its synced property.
  for (const f of folded) if (step.kind !== 'add_property') out.push(...settingLines(stepSettings(f), st));
  out.push(...detailLines(step, st));
  return out;
}

const HEADER: Record<GroupAction, (g: PlanGroup) => string> = {
  create: () => 'will be created',
  update: () => 'will be updated in place',
  remove: (g) => `will be removed (moved to Notion's trash${g.kind === 'database' ? ' with its data sources' : ''})`,
  restore: () => "will be restored from Notion's trash",
  manual: () => 'needs manual action in the Notion app',
};

/** `# crm.contacts will be updated in place`. */
export function groupHeader(g: PlanGroup): string {
  return `# ${g.key} ${HEADER[g.action](g)}`;
}

function headerColour(g: PlanGroup, st: TextStyle): (s: string) => string {
  if (g.action === 'create') return st.green;
  if (g.action === 'remove') return st.red;
  if (g.action === 'manual') return st.magenta;
  return st.yellow;
}

/** The blocks of one group, as text lines (header first). */
export function groupLines(g: PlanGroup, st: TextStyle): string[] {
  return [st.bold(headerColour(g, st)(`  ${groupHeader(g)}`)), ...g.entries.flatMap((e) => entryLines(e, st))];
}

function compactLine(step: Step, st: TextStyle): string {
  const impact = impactText(step);
  return stepLine(step, st, impact === '' ? '' : st.red(` (${impact})`));
}

/** The lines under the summary: one block per database and data source, or one line per step. */
function stepSection(plan: Plan, st: TextStyle, opts: TextOptions): string[] {
  if (opts.compact === true) return plan.steps.map((s) => compactLine(s, st));
  return groupPlan(plan).flatMap((g, i) => [...(i > 0 ? [''] : []), ...groupLines(g, st)]);
}

/**
 * Terminal rendering of a plan file: the summary line first, then one block per database and
 * data source (Terraform style: `# crm.contacts will be updated in place`, the steps inside it with
 * the full settings of what they create), or one line per step with `compact`; warnings last.
 */
export function renderText(plan: Plan, st: TextStyle = PLAIN_STYLE, opts: TextOptions = {}): string {
  const out: string[] = [];
  const file = plan.schema_file ?? 'the schema file';
  const compared = plan.target.startsWith(SCHEMA_TARGET) ? plan.target.slice(SCHEMA_TARGET.length) : null;
  if (!plan.summary.has_changes) {
    out.push(st.green(compared === null ? `No changes. Live schema matches ${file}.` : `No changes. ${file} makes no change to ${compared}.`));
  } else {
    out.push(st.bold(`Plan: ${summaryLine(plan.summary)}.`));
    const where = compared === null ? `target ${plan.target}` : `compared with ${compared}, without reading a workspace`;
    out.push(st.dim(`${plan.summary.requests} API request${plan.summary.requests === 1 ? '' : 's'}; ${where}.`));
    const drift = plan.steps.filter((s) => s.drift === true);
    if (drift.length > 0) out.push(st.yellow(`Drift: ${drift.map((s) => s.id).join(', ')} undo${drift.length === 1 ? 'es' : ''} edits made in Notion.`));
    out.push('');
    // Not push(...lines): a plan of 100,000 steps has more lines than a call may take arguments.
    for (const line of stepSection(plan, st, opts)) out.push(line);
  }
  for (const line of trailer(plan, st)) out.push(line);
  return `${out.join('\n')}\n`;
}

/** Adoptions and warnings, after the steps. */
function trailer(plan: Plan, st: TextStyle): string[] {
  const out: string[] = [];
  const adopted = plan.bindings.filter((b) => b.source === 'adopted');
  if (adopted.length > 0) {
    out.push('');
    for (const b of adopted) out.push(st.cyan(`  = adopt ${b.kind === 'database' ? 'database' : 'data source'} ${b.key} → ${b.id} (found by title; recorded in the lock file on apply)`));
  }
  if (plan.warnings.length > 0) {
    out.push('');
    out.push(st.yellow('Warnings:'));
    for (const w of plan.warnings) out.push(st.yellow(`  ! ${w.message}`));
  }
  return out;
}
