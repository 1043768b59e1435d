import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { BlockedError } from '../errors.js';
import type { ApplyResult } from '../model/apply.js';
import type { Plan } from '../model/plan.js';
import { applyFailureText, applyResultMarkdown, errorLines } from '../render/index.js';
import type { ApplyOptions, EngineSession } from './engine.js';
import type { ActionInputs } from './inputs.js';
import { lockChange } from './lock-diff.js';

/**
 * Applies the plan (`--yes` semantics), prints the lock-file change and sets the
 * `lock-changed`, `lock-diff` and `lock-path` outputs (also when apply is refused or fails).
 * Returns markdown for the job summary and the failure message, or null on success.
 */
export async function applyAndReport(
  session: EngineSession,
  inputs: ActionInputs,
  hooks: Pick<ApplyOptions, 'show' | 'confirm'>,
): Promise<{ readonly markdown: string; readonly failure: string | null } | null> {
  const lockPath = session.lockPath;
  const before = await readText(lockPath);
  let result: ApplyResult | null;
  let plan: Plan | null = null;
  try {
    result = await session.apply({
      allowDestructive: inputs.allowDestructive, skipManual: inputs.failOn === 'never',
      show: async (o) => { plan = o.plan; await hooks.show(o); },
      confirm: hooks.confirm,
    });
  } catch (err) {
    const e = err as Error & { details?: readonly string[] };
    // Only safety refusals are reported here; API and network errors go to the caller.
    if (!(e instanceof BlockedError)) throw err;
    const hint = (plan as Plan | null)?.steps.some((s) => s.risk === 'destructive') === true && !inputs.allowDestructive
      ? '\nSet `allow-destructive: true` on the apply step once the destructive steps are reviewed.'
      : '';
    return { markdown: '', failure: `notion-schema: apply refused: ${errorLines(e, { audience: 'action' }).join('\n')}${hint}` };
  } finally {
    const after = await readText(lockPath);
    const change = lockChange(lockPath, before, after);
    core.setOutput('lock-changed', String(change.changed));
    core.setOutput('lock-diff', change.diff);
    core.setOutput('lock-path', lockPath);
    if (change.changed) {
      core.startGroup(`lock file ${lockPath} changed (commit it back; see docs/ci.md)`);
      core.info(change.diff);
      core.endGroup();
    } else {
      core.info(`lock file ${lockPath} unchanged`);
    }
  }
  if (result === null) return null;
  const failure = applyFailureText(result);
  return { markdown: applyResultMarkdown(result), failure: failure === null ? null : `notion-schema: ${failure}` };
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
