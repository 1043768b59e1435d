import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Plan } from '../model/plan.js';
import { fitMarkdown, STEP_SUMMARY_LIMIT } from './truncate.js';

/** Writes the plan JSON under RUNNER_TEMP (or the system temp dir) and returns its path. */
export async function writePlanFile(plan: Plan, schemaPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  const slug = schemaPath.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'schema';
  const path = join(env['RUNNER_TEMP'] || tmpdir(), 'notion-schema', `plan-${slug}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(plan, null, 2) + '\n', 'utf8');
  return path;
}

/** Appends to the job summary file (what `core.summary.write()` does, without its cached path). */
export async function writeSummary(text: string, env: NodeJS.ProcessEnv): Promise<void> {
  const path = env['GITHUB_STEP_SUMMARY'];
  if (!path || text === '') return;
  const fitted = fitMarkdown(text, STEP_SUMMARY_LIMIT, '> [!WARNING]\n> **Plan truncated** to fit the job summary; the full plan is the `plan-path` file.');
  await appendFile(path, fitted.text.endsWith('\n') ? fitted.text : `${fitted.text}\n`, 'utf8');
}
