/**
 * Request economy (issue #14 §5, docs/benchmarks.md): every request `plan`, `apply --yes` and
 * `apply --plan` send on a 50-data-source migration of 10 changes each, against the minimum.
 * Runs the same use cases as the CLI (`createPlan`, `applySession`) against the in-process emulator.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSchemaText } from '../src/config/index.js';
import { startEmulator, type EmulatorHandle } from '../src/emulator/index.js';
import type { DesiredState } from '../src/model/desired.js';
import { createNotionClient } from '../src/notion/client.js';
import type { NotionClient } from '../src/notion/types.js';
import { applySession } from '../src/pipeline/apply-session.js';
import { createPlan } from '../src/pipeline/create-plan.js';
import { layoutForLock } from '../src/pipeline/project.js';
import type { BenchSection } from './run.js';

export const SOURCES = 50;
export const CHANGES = 10;

/** `n` databases of one data source each; `changes` extra properties on each (none: the starting point). */
export function migrationSchema(parent: string, n: number, changes: number): string {
  const lines = ['version: 1', 'databases:'];
  for (let d = 1; d <= n; d++) {
    lines.push(`  db${d}:`, `    title: Economy ${d}`, `    parent: { page_id: "${parent}" }`, '    data_sources:',
      '      main:', `        title: Economy ${d}`, '        properties:', '          Name: { type: title }');
    for (let c = 1; c <= changes; c++) lines.push(`          Field ${c}: { type: ${c % 2 === 0 ? 'number' : 'rich_text'} }`);
  }
  return lines.join('\n') + '\n';
}

function desired(yaml: string): DesiredState {
  const { desired: d, diagnostics } = parseSchemaText(yaml, 'economy.schema.yaml', {});
  if (d === null) throw new Error(diagnostics.map((x) => x.message).join('\n'));
  return d;
}

/** What each command sent, against the minimum (reads of D databases + K data sources, one write per data source). */
export interface EconomyRow { readonly command: string; readonly sent: number; readonly minimum: number; readonly ok: boolean }

/** A fresh project at the starting point (n databases, applied), ready for the migration. */
async function project(emu: EmulatorHandle, client: NotionClient, n: number): Promise<{ lockPath: string; parent: string }> {
  const parent = randomUUID();
  await emu.ensurePage(parent, 'economy');
  const lockPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'ns-economy-')), 'notion-schema.lock.json');
  const out = await applySession({
    client, layout: layoutForLock(lockPath), source: { kind: 'schema', desired: desired(migrationSchema(parent, n, 0)) },
    toolVersion: 'bench', allowDestructive: false, skipManual: true, confirm: async () => true,
  });
  if (out.kind !== 'applied' || !out.result.ok) throw new Error(`economy: the starting point did not apply (${out.kind})`);
  return { lockPath, parent };
}

/** Measures `plan`, `apply --yes` and `apply --plan` on an n × changes migration. */
export async function measureEconomy(emu: EmulatorHandle, n: number, changes: number, token = 'bench'): Promise<EconomyRow[]> {
  const client = createNotionClient({ baseUrl: emu.url, token, rateLimit: 1000 });
  try {
    const reads = 2 * n;
    const rows: EconomyRow[] = [];
    const a = await project(emu, client, n);
    const target = desired(migrationSchema(a.parent, n, changes));
    let before = client.stats.requests;
    const made = await createPlan({ client, desired: target, lockPath: a.lockPath, toolVersion: 'bench' });
    rows.push({ command: 'plan', sent: client.stats.requests - before, minimum: reads, ok: made.errors.length === 0 });

    before = client.stats.requests;
    const applied = await applySession({
      client, layout: layoutForLock(a.lockPath), source: { kind: 'schema', desired: target },
      toolVersion: 'bench', allowDestructive: false, skipManual: true, confirm: async () => true,
    });
    const sent = client.stats.requests - before;
    const ok = applied.kind === 'applied' && applied.result.ok && applied.result.requests === sent;
    rows.push({ command: 'apply --yes', sent, minimum: reads + n, ok });

    const b = await project(emu, client, n);
    const targetB = desired(migrationSchema(b.parent, n, changes));
    const saved = await createPlan({ client, desired: targetB, lockPath: b.lockPath, toolVersion: 'bench', identifyWorkspace: true });
    before = client.stats.requests;
    const fromFile = await applySession({
      client, layout: layoutForLock(b.lockPath), source: { kind: 'saved', plan: saved.plan, schemaHash: targetB.hash, desired: targetB },
      toolVersion: 'bench', allowDestructive: false, skipManual: true, confirm: async () => true,
    });
    const sentB = client.stats.requests - before;
    // The saved plan is made again from fresh reads (and the workspace identity checked): that is its staleness check.
    rows.push({ command: 'apply --plan', sent: sentB, minimum: 1 + reads + n, ok: fromFile.kind === 'applied' && fromFile.result.ok });
    return rows;
  } finally {
    await client.close();
  }
}

export async function run(): Promise<BenchSection> {
  const emu = await startEmulator({});
  try {
    const rows = await measureEconomy(emu, SOURCES, CHANGES);
    const table = rows.map((r) => `| \`${r.command}\` | ${r.sent} | ${r.minimum} | ${(((r.sent - r.minimum) / r.minimum) * 100).toFixed(1)} %${r.ok ? '' : ' (**failed**)'} |`);
    const markdown = `
A migration of ${SOURCES} data sources (one per database) with ${CHANGES} changes each (new properties), run through
the same use cases as the CLI. *minimum*: one read of each database and data source (${2 * SOURCES}), one PATCH per
data source (${SOURCES}) for \`apply\`, and one \`GET /v1/users/me\` for a saved plan (its workspace is checked).
Target: at most minimum + 5 %.

| command | requests sent (reads included) | minimum | over the minimum |
|---|---|---|---|
${table.join('\n')}

\`apply --yes\` without \`--plan\` applies the plan it made a moment ago from the same reads: no staleness re-read
(with a prompt, the objects are re-read only when the answer took more than 5 s). \`apply --plan\` makes the plan again
from fresh reads and refuses a saved plan that differs: that is its staleness check. Verification re-plans against
the write responses (each PATCH returns the whole data source, a create returns its object) and the reads made
before; it re-reads only what no response covered (a created database's data source, the far side of a relation,
a database whose data source was created, renamed or trashed).
`;
    return { title: 'apply: requests against the minimum', markdown };
  } finally {
    await emu.close();
  }
}
