import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureEconomy, migrationSchema } from '../../bench/requests.bench.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { createNotionClient } from '../../src/notion/client.js';
import { applySession } from '../../src/pipeline/apply-session.js';
import { layoutForLock } from '../../src/pipeline/project.js';
import { desiredFrom } from '../apply/converge-helpers.js';
import { cli, freshParent, projectDir, TOKEN } from './apply-helpers.js';

/**
 * Request economy (issue #14 §5): `apply --yes` sends the minimum, one read of each database and
 * data source and one PATCH per data source; verification is made from the write responses. The
 * summary counts every request, reads included.
 */
const N = 4;
const CHANGES = 3;
let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

describe('apply sends only what it needs', () => {
  it(`apply --yes through the CLI on ${N} data sources × ${CHANGES} changes: ${2 * N + N} requests, all counted in the summary`, async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(migrationSchema(parent, N, 0));
    expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
    writeFileSync(path.join(dir, 'notion.schema.yaml'), migrationSchema(parent, N, CHANGES));
    emu.clearRequests();
    const res = await cli(dir, emu.url, ['apply', '--yes']);
    expect(res.code, res.stderr).toBe(0);
    const minimum = 2 * N + N;
    expect(emu.requests.map((r) => `${r.method} ${r.path}`).filter((r) => r.startsWith('PATCH'))).toHaveLength(N);
    expect(emu.requests).toHaveLength(minimum);
    expect(res.stdout).toMatch(new RegExp(`${N * CHANGES} applied, 0 skipped, 0 failed; ${minimum} requests in`));
    // And the result is right: the next plan is empty.
    const again = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  });

  it('with a prompt, the objects are re-read only when the answer took longer than the freshness window', async () => {
    const client = createNotionClient({ baseUrl: emu.url, token: TOKEN, rateLimit: 1000 });
    try {
      const parent = await freshParent(emu);
      const dir = projectDir(migrationSchema(parent, N, 0));
      expect((await cli(dir, emu.url, ['apply', '--yes'])).code).toBe(0);
      const layout = layoutForLock(path.join(dir, 'notion-schema.lock.json'));
      const run = async (changes: number, answerMs: number): Promise<number> => {
        const before = client.stats.requests;
        const out = await applySession({
          client, layout, source: { kind: 'schema', desired: desiredFrom(migrationSchema(parent, N, changes)) }, toolVersion: 'test',
          allowDestructive: false, skipManual: true, freshForMs: 200,
          confirm: () => new Promise((r) => setTimeout(() => r(true), answerMs)),
        });
        expect(out.kind === 'applied' && out.result.ok).toBe(true);
        return client.stats.requests - before;
      };
      expect(await run(1, 0)).toBe(2 * N + N);
      // A slow answer: the plan's basis (every database and data source) is read again before the first write.
      expect(await run(2, 400)).toBe(2 * N + 2 * N + N);
    } finally {
      await client.close();
    }
  });

  it(`plan, apply --yes and apply --plan each within minimum + 5 % (${N * 3} data sources)`, async () => {
    for (const row of await measureEconomy(emu, N * 3, CHANGES, TOKEN)) {
      expect(row.ok, row.command).toBe(true);
      expect(row.sent, row.command).toBeLessThanOrEqual(Math.floor(row.minimum * 1.05));
    }
  });
});
