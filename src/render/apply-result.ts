import { counted } from './plural.js';
import type { ApplyResult, StepResult } from '../model/apply.js';
import type { Plan } from '../model/plan.js';
import { diagnosticLine } from './diagnostic.js';
import { PLAIN_STYLE, type TextStyle } from './style.js';

/** What to do after a failed apply. */
export const RESUME_HINT = 'fix the cause and run `notion-schema apply` again: plans are declarative and re-planning converges';

const MANUAL_PREFIX = 'manual: ';
const isManual = (s: StepResult): boolean => s.status === 'skipped' && s.message?.startsWith(MANUAL_PREFIX) === true;
const count = (r: ApplyResult, status: StepResult['status']): number => r.steps.filter((s) => s.status === status).length;

/** "3 applied, 0 skipped, 1 failed; 12 requests in 4.2 s." */
export function applyCountsLine(r: ApplyResult): string {
  const secs = (r.elapsed_ms / 1000).toFixed(1);
  return `${count(r, 'applied')} applied, ${count(r, 'skipped')} skipped, ${count(r, 'failed')} failed; ${counted(r.requests, 'request')} in ${secs} s.`;
}

function headline(r: ApplyResult, st: TextStyle): string {
  const line = applyCountsLine(r);
  if (r.ok) return st.green(`Apply complete: ${line}`);
  if (r.interrupted === true) return st.yellow(`Apply interrupted: ${line}`);
  if (count(r, 'failed') === 0 && r.verification.length > 0) return st.red(`Apply finished but verification found ${r.verification.length} difference(s): ${line}`);
  return st.red(`Apply failed: ${line}`);
}

/**
 * The terminal report of an apply: objects created, manual steps to do in the Notion app, data
 * migrations, failed and skipped steps (verification differences are diagnostics, shown apart), the headline, how to resume and the journal path.
 */
export function applyResultText(plan: Plan, r: ApplyResult, opts: { readonly style?: TextStyle; readonly journal?: string } = {}): string {
  const st = opts.style ?? PLAIN_STYLE;
  const stepById = new Map(plan.steps.map((s) => [s.id, s]));
  const out: string[] = [];
  if (r.created.length > 0) {
    out.push('Created:');
    for (const o of r.created) out.push(`  ${o.kind === 'database' ? 'database   ' : 'data source'} ${o.key}  ${o.id}`);
  }
  const manual = r.steps.filter(isManual);
  if (manual.length > 0) {
    out.push(st.yellow('Not applied; do these in the Notion app:'));
    for (const s of manual) out.push(`  ${s.step}: ${s.message?.slice(MANUAL_PREFIX.length) ?? ''}`);
  }
  const migrated = r.steps.filter((s) => s.status === 'applied' && stepById.get(s.step)?.kind === 'migrate_values');
  for (const s of migrated) out.push(st.green(`Migrated ${s.step} ${stepById.get(s.step)?.data_source ?? ''}.${stepById.get(s.step)?.property ?? ''}: ${s.message ?? ''}`));
  for (const s of r.steps.filter((x) => x.status === 'failed' || (x.status === 'skipped' && !isManual(x)))) {
    const step = stepById.get(s.step);
    const what = step !== undefined ? `${step.kind} ${step.data_source ?? step.database}${step.property !== undefined ? `.${step.property}` : ''}` : '';
    out.push(`  ${s.status === 'failed' ? st.red('failed ') : st.dim('skipped')} ${s.step} ${what}${s.message !== undefined ? `: ${s.message}` : ''}`);
  }
  out.push(headline(r, st));
  if (!r.ok && r.interrupted !== true) out.push(`To resume: ${RESUME_HINT}.`);
  if (opts.journal !== undefined) out.push(st.dim(`Journal: ${opts.journal}`));
  return `${out.join('\n')}\n`;
}

/** The Markdown report (job summary): headline, counts, failed steps and verification differences. */
export function applyResultMarkdown(r: ApplyResult): string {
  const failed = r.steps.filter((s) => s.status === 'failed');
  const lines = [`### Apply ${r.ok ? 'succeeded' : 'failed'}`, '', `${counted(count(r, 'applied'), 'step')} applied, ${failed.length} failed, ${counted(r.requests, 'request')} in ${r.elapsed_ms} ms.`];
  for (const f of failed) lines.push(`- \`${f.step}\`: ${f.message ?? 'failed'}`);
  for (const v of r.verification) lines.push(`- verification: ${v.message}`);
  return `${lines.join('\n')}\n`;
}

/** Plain lines saying why an apply failed (for a CI failure message), or null when it succeeded. */
export function applyFailureText(r: ApplyResult): string | null {
  if (r.ok) return null;
  const reasons = [
    ...r.steps.filter((s) => s.status === 'failed').map((f) => `  - step ${f.step}: ${f.message ?? 'failed'}`),
    ...r.verification.map((v) => `  - ${diagnosticLine(v)}`),
  ];
  return `apply failed:\n${reasons.join('\n')}${r.journal ? `\njournal: ${r.journal}` : ''}`;
}
