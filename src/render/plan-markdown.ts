import type { Plan, Step } from '../model/index.js';
import { migrationLines, renderText } from './plan-text.js';
import { PLAIN_STYLE } from './style.js';
import { summaryLine } from './summary-line.js';
import { SYMBOL } from './symbols.js';

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const RISK: Record<Step['risk'], string> = { safe: 'safe', destructive: '⚠️ destructive', forbidden: '⛔ manual' };

/**
 * Markdown for pull requests. The first line is the summary ("**Plan: 3 to create, …**" or
 * "**No changes.** …"), so a PR comment or notification preview leads with it; then banners for
 * destructive steps, manual steps and data migrations, a step table, and the full text plan collapsed.
 */
export function renderMarkdown(plan: Plan): string {
  const out: string[] = [];
  if (!plan.summary.has_changes) {
    out.push(`**No changes.** Live schema matches \`${plan.schema_file ?? 'the schema file'}\`.`, '');
  } else {
    out.push(`**Plan: ${summaryLine(plan.summary)}** (${plan.summary.requests} API request${plan.summary.requests === 1 ? '' : 's'})`, '');
    const destructive = plan.steps.filter((s) => s.risk === 'destructive');
    if (destructive.length > 0) {
      out.push('> [!WARNING]', `> ${destructive.length} destructive step${destructive.length === 1 ? '' : 's'}: page values are lost. Apply needs \`--allow-destructive\`.`);
      for (const s of destructive) out.push(`> - \`${s.id}\` ${cell(s.reason)}${s.impact ? ` (removes values from ${s.impact.pages.toLocaleString('en-US')}${s.impact.capped ? '+' : ''} pages)` : ''}`);
      out.push('');
    }
    const manual = plan.steps.filter((s): s is Extract<Step, { kind: 'manual' }> => s.kind === 'manual');
    if (manual.length > 0) {
      out.push('> [!CAUTION]', `> ${manual.length} step${manual.length === 1 ? '' : 's'} need${manual.length === 1 ? 's' : ''} manual action in the Notion app (the API cannot do ${manual.length === 1 ? 'it' : 'them'}):`);
      for (const s of manual) out.push(`> - [ ] \`${s.id}\` ${cell(s.instruction)}`);
      out.push('');
    }
    const migrations = plan.steps.filter((s): s is Extract<Step, { kind: 'migrate_values' }> => s.kind === 'migrate_values');
    if (migrations.length > 0) {
      out.push('> [!IMPORTANT]', `> ${migrations.length} data migration${migrations.length === 1 ? '' : 's'} rewrite${migrations.length === 1 ? 's' : ''} page values. Apply needs \`--migrate-data\`.`);
      for (const s of migrations) out.push(`> - \`${s.id}\` ${cell(s.reason)}${s.count ? ` (${cell(migrationLines(s, PLAIN_STYLE)[0]?.trim() ?? '')})` : ''}`);
      out.push('');
    }
    out.push('| step | | change | risk |', '|---|---|---|---|');
    for (const s of plan.steps) out.push(`| \`${s.id}\` | \`${SYMBOL[s.kind]}\` | ${cell(s.reason)} | ${RISK[s.risk]} |`);
    out.push('');
  }
  if (plan.warnings.length > 0) {
    out.push('**Warnings**', '');
    for (const w of plan.warnings) out.push(`- ${cell(w.message)}`);
    out.push('');
  }
  out.push('<details><summary>Full plan</summary>', '', '```text', renderText(plan, PLAIN_STYLE).trimEnd(), '```', '', '</details>', '');
  return out.join('\n');
}
