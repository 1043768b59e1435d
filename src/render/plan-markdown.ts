import type { Plan, Step } from '../model/index.js';
import { renderMermaid } from './graph-mermaid.js';
import { fitSections, type Section } from './markdown-fit.js';
import { groupPlan, type PlanGroup } from './plan-groups.js';
import { groupLines, migrationLines, stepLine } from './plan-text.js';
import { graphOfPlan, type SchemaGraph } from './schema-graph.js';
import { PLAIN_STYLE } from './style.js';
import { summaryLine } from './summary-line.js';
import { SYMBOL } from './symbols.js';

/** Options of the Markdown plan. */
export interface MarkdownOptions {
  /** The schema's whole graph (`graphOfDesired`): the diagram shows the part the plan touches. */
  readonly graph?: SchemaGraph;
  /**
   * Most characters the Markdown may have: the largest sections collapse first (to one line per
   * step, then to a sentence), then the diagram goes; no sentence is ever cut. Default: no limit.
   */
  readonly limit?: number;
  /** A note shown under the summary line (e.g. that the plan compares two schema files). */
  readonly note?: string;
  /** Where the full plan is, for collapsed sections ("the job summary of this workflow run"). */
  readonly fullPlanAt?: string;
}

const BANNER_ITEMS = 20;
const n = (x: number): string => x.toLocaleString('en-US');
const s = (count: number, word: string, plural = `${word}s`): string => `${n(count)} ${count === 1 ? word : plural}`;

function cell(text: string): string {
  return text.replace(/\n/g, ' ');
}

/** A code fence longer than any backtick run in `body`. */
function fenced(lang: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

function capped<T>(items: readonly T[], line: (t: T) => string): string[] {
  const out = items.slice(0, BANNER_ITEMS).map(line);
  if (items.length > BANNER_ITEMS) out.push(`> - … and ${n(items.length - BANNER_ITEMS)} more, in the sections below.`);
  return out;
}

function impactOf(step: Step): string {
  if (!step.impact) return '';
  return ` (removes values from ${step.impact.capped ? `${n(step.impact.pages)}+ pages` : s(step.impact.pages, 'page')})`;
}

/** The destructive, manual and data-migration banners. */
function banners(plan: Plan): string[] {
  const out: string[] = [];
  const destructive = plan.steps.filter((x) => x.risk === 'destructive');
  if (destructive.length > 0) {
    const counted = destructive.filter((x) => x.impact !== undefined);
    const pages = counted.reduce((sum, x) => sum + (x.impact?.pages ?? 0), 0);
    const impact = counted.length > 0 ? ` ${s(counted.length, 'counted step')} remove${counted.length === 1 ? 's' : ''} values from ${n(pages)}${counted.some((x) => x.impact?.capped) ? '+' : ''} pages in all.` : '';
    out.push('> [!WARNING]', `> **${s(destructive.length, 'destructive step')}**: page values are lost. Apply needs \`--allow-destructive\`.${impact}`);
    out.push(...capped(destructive, (x) => `> - \`${x.id}\` ${cell(x.reason)}${impactOf(x)}`), '');
  }
  const manual = plan.steps.filter((x): x is Extract<Step, { kind: 'manual' }> => x.kind === 'manual');
  if (manual.length > 0) {
    out.push('> [!CAUTION]', `> **${s(manual.length, 'step')} need${manual.length === 1 ? 's' : ''} manual action** in the Notion app (the API cannot do ${manual.length === 1 ? 'it' : 'them'}):`);
    out.push(...capped(manual, (x) => `> - [ ] \`${x.id}\` ${cell(x.instruction)}`), '');
  }
  const migrations = plan.steps.filter((x): x is Extract<Step, { kind: 'migrate_values' }> => x.kind === 'migrate_values');
  if (migrations.length > 0) {
    out.push('> [!IMPORTANT]', `> ${s(migrations.length, 'data migration')} rewrite${migrations.length === 1 ? 's' : ''} page values. Apply needs \`--migrate-data\`.`);
    out.push(...capped(migrations, (x) => `> - \`${x.id}\` ${cell(x.reason)}${x.count ? ` (${cell(migrationLines(x, PLAIN_STYLE)[0]?.trim() ?? '')})` : ''}`), '');
  }
  return out;
}

/** "2 to create, 1 to change, 1 destructive" for one database's steps. */
function countsOf(steps: readonly Step[]): string {
  const c = { create: 0, change: 0, remove: 0, manual: 0, destructive: 0 };
  for (const x of steps) {
    const sym = SYMBOL[x.kind];
    if (x.kind === 'manual') c.manual++;
    else if (sym === '+') c.create++;
    else if (sym === '-') c.remove++;
    else c.change++;
    if (x.risk === 'destructive') c.destructive++;
  }
  const parts = [c.create > 0 ? `${n(c.create)} to create` : '', c.change > 0 ? `${n(c.change)} to change` : '', c.remove > 0 ? `${n(c.remove)} to remove` : '',
    c.destructive > 0 ? `${n(c.destructive)} destructive` : '', c.manual > 0 ? `${n(c.manual)} manual` : ''];
  return parts.filter((p) => p !== '').join(', ');
}

/** A text-plan line for a ```diff block: two spaces less, and a leading +, - or ~ sign moved to column 0 so GitHub colours it. */
function diffLine(line: string): string {
  const l = line.replace(/^ {2}/, '');
  const m = /^( +)([+~-]) (.*)$/.exec(l);
  return m ? `${m[2] ?? ''}${m[1] ?? ''} ${m[3] ?? ''}` : l;
}
const unindent = diffLine;

/** One collapsible section per database, at three levels: full blocks, one line per step, one sentence. */
function databaseSections(plan: Plan, fullPlanAt: string): Section[] {
  const byDb = new Map<string, PlanGroup[]>();
  for (const g of groupPlan(plan)) byDb.set(g.database, [...(byDb.get(g.database) ?? []), g]);
  return [...byDb].map(([db, groups]) => {
    const steps = groups.flatMap((g) => g.entries.flatMap((e) => [e.step, ...e.folded]));
    const summary = `<summary><b>${db}</b>: ${countsOf(steps)}</summary>`;
    const full = groups.flatMap((g, i) => [...(i > 0 ? [''] : []), ...groupLines(g, PLAIN_STYLE).map(unindent)]).join('\n');
    const compact = steps.slice().sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))).map((x) => unindent(stepLine(x, PLAIN_STYLE))).join('\n');
    return {
      levels: [
        `<details open>${summary}\n\n${fenced('diff', full)}\n\n</details>\n`,
        `<details>${summary}\n\n${fenced('diff', compact)}\n\n</details>\n`,
        `- **${db}**: ${countsOf(steps)}. Collapsed to fit the comment; the steps are in ${fullPlanAt}.\n`,
      ],
    };
  });
}

function diagramSection(plan: Plan, graph: SchemaGraph | undefined): Section[] {
  if (graph === undefined) return [];
  const touched = graphOfPlan(graph, plan);
  if (touched.entities.length === 0) return [];
  return [{
    levels: [
      `**Diagram** of the databases this plan changes (+ new, ~ changed, - removed):\n\n${fenced('mermaid', renderMermaid(touched).trimEnd())}\n`,
      '_The diagram was left out to fit the comment; `notion-schema graph` draws it._\n',
    ],
  }];
}

/**
 * Markdown for pull requests, in the style of tfcmt and atlas-action. The first line is the summary
 * ("**Plan: 3 to create, …**" or "**No changes.** …"), so a comment or notification preview leads with
 * it; then the note, a banner for destructive steps (with the impact counts when known), manual steps
 * and data migrations, one collapsible section per database (its blocks, as in the text plan), warnings,
 * and the Mermaid diagram of what the plan touches. Under `limit`, the largest sections collapse first.
 */
export function renderMarkdown(plan: Plan, opts: MarkdownOptions = {}): string {
  const head: string[] = [];
  if (!plan.summary.has_changes) {
    head.push(`**No changes.** Live schema matches \`${plan.schema_file ?? 'the schema file'}\`.`, '');
  } else {
    head.push(`**Plan: ${summaryLine(plan.summary)}** (${s(plan.summary.requests, 'API request')})`, '');
  }
  if (opts.note !== undefined) head.push('> [!NOTE]', `> ${opts.note}`, '');
  if (plan.summary.has_changes) head.push(...banners(plan));
  const warnings: string[] = [];
  if (plan.warnings.length > 0) {
    warnings.push('**Warnings**', '');
    for (const w of plan.warnings) warnings.push(`- ${cell(w.message)}`);
    warnings.push('');
  }
  const sections = plan.summary.has_changes ? databaseSections(plan, opts.fullPlanAt ?? 'the job summary and the plan file') : [];
  const diagram = plan.summary.has_changes ? diagramSection(plan, opts.graph) : [];
  const fixed = head.join('\n');
  const tail = warnings.join('\n');
  // The diagram comes last, after the warnings; it shrinks with the sections (largest first).
  const fitted = fitSections([...sections, ...diagram], (opts.limit ?? Infinity) - fixed.length - tail.length - 2);
  const steps = fitted.slice(0, sections.length).join('\n');
  const picture = fitted.slice(sections.length).join('\n');
  return [fixed, steps, tail, picture].filter((p) => p !== '').join('\n');
}

/** The note of a plan made by comparing schema files instead of reading a workspace. */
export function schemaDiffNote(oldFile: string): string {
  return `Compared with \`${oldFile}\`, without a Notion workspace: this shows what the schema change does, as if the workspace held that schema exactly. The plan against the workspace may differ (drift, adopted objects, page counts).`;
}

/** The note of a pull request from a fork: no token, so the schema was compared with the base branch's. */
export function forkDiffNote(baseRef: string): string {
  return `**No Notion token**: pull requests from forks get no secrets, so this compares the schema file with the base branch's (\`${baseRef}\`) instead of planning against the workspace (as \`notion-schema diff\` does). The plan against the workspace may differ (drift, page counts); it is made when the pull request is merged.`;
}
