import { isSecretName } from '../config/env.js';
import { redact } from '../notion/redact.js';
import type { CliIO } from './io.js';

/**
 * The values of the environment's secrets: NOTION_TOKEN and every variable whose name looks like a secret
 * (TOKEN, SECRET, KEY, PASSWORD), of 8 characters or more (shorter values would redact ordinary words).
 */
export function secretValues(env: CliIO['env']): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const v = value?.trim();
    if (v !== undefined && v.length >= 8 && isSecretName(name)) out.push(v);
  }
  return out;
}

/**
 * The last line of defence: every byte the CLI writes to stdout or stderr passes through `redact` with the
 * environment's secrets, and anything shaped like a Notion token (`ntn_…`, `secret_…`) is redacted too.
 * Schemas cannot expand secrets (config refuses them), so this only ever catches a bug.
 */
export function redactingIO(io: CliIO, secrets: readonly string[] = secretValues(io.env)): CliIO {
  return {
    ...io,
    stdout: (s) => io.stdout(redact(s, secrets)),
    stderr: (s) => io.stderr(redact(s, secrets)),
  };
}
