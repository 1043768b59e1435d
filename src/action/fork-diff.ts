import { loadSchemaFile, parseSchemaText } from '../config/index.js';
import type { DesiredState } from '../model/desired.js';
import { diffSchemas } from '../pipeline/schema-diff.js';
import { commitExists, readSchemaSource } from '../pipeline/schema-source.js';
import { forkDiffNote } from '../render/index.js';
import { TOOL_VERSION } from '../version.js';
import type { PlanOutcome } from './engine.js';
import { planMarkdown } from './notion-engine.js';

/** The base side: the schema at the base commit (or the merge commit's first parent), or null when the base has no such file. */
async function baseSchema(schemaPath: string, baseSha: string | null, cwd: string): Promise<{ desired: DesiredState; ref: string } | { error: string }> {
  const refs = [...(baseSha !== null ? [baseSha] : []), 'HEAD^1'];
  let last = '';
  for (const ref of refs) {
    if (!(await commitExists(ref, cwd))) { last = `no commit ${ref} in the checkout`; continue; }
    try {
      const { text, name } = await readSchemaSource(`git:${ref}:${schemaPath}`, cwd);
      const parsed = parseSchemaText(text, name, { env: process.env });
      if (parsed.desired === null) return { error: `the base branch's ${schemaPath} (${name}) is invalid, so there is nothing to compare with` };
      return { desired: parsed.desired, ref: ref === baseSha ? ref.slice(0, 7) : ref };
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
      // The file is new in this pull request: everything in it is created.
      if (/does not exist|exists on disk, but not in/.test(last)) return { desired: { file: `git:${ref}:${schemaPath}`, hash: '', databases: [] }, ref: ref.slice(0, 7) };
    }
  }
  return { error: `cannot read the base branch's ${schemaPath} (${last}). Check out with \`fetch-depth: 2\` (or 0) so the base commit is there` };
}

/**
 * The outcome of a pull request from a fork, which gets no Notion token: the schema file compared with
 * the base branch's (`notion-schema diff git:BASE:PATH PATH`), with the same steps and risks as a plan
 * and a note saying so. No request reaches Notion.
 */
export async function forkDiffOutcome(schemaPath: string, baseSha: string | null, cwd: string, lockPath: string): Promise<PlanOutcome> {
  const loaded = await loadSchemaFile(schemaPath, { env: process.env });
  const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning');
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (loaded.desired === null) return { plan: null, markdown: '', warnings, errors, lockPath };
  const base = await baseSchema(schemaPath, baseSha, cwd);
  if ('error' in base) return { plan: null, markdown: '', warnings, errors: [{ severity: 'error', code: 'base-unreadable', message: base.error }], lockPath };
  const made = diffSchemas(base.desired, loaded.desired, TOOL_VERSION);
  if (made.errors.length > 0) return { plan: null, markdown: '', warnings, errors: made.errors, lockPath };
  return { plan: made.plan, ...planMarkdown(made.plan, loaded.desired, forkDiffNote(base.ref)), warnings, errors: [], lockPath, schemaDiff: true };
}
