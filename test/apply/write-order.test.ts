import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/index.js';
import { EXCLUSIVE, WriteKeyLock, writeKeys } from '../../src/apply/write-order.js';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import type { PlanRequest, Step } from '../../src/model/plan.js';
import { createNotionClient } from '../../src/notion/client.js';
import type { NotionClient } from '../../src/notion/types.js';
import { createPlan } from '../../src/pipeline/create-plan.js';
import { desiredFrom, tempLock } from './converge-helpers.js';

/**
 * Ordering (issue #14 §3): no two writes to one data source are in flight at once, counting the
 * far side of a two-way relation as written. The emulator holds every schema write 150 ms and
 * answers an overlapping one 409; the client here never retries, so one overlap fails the apply.
 */
let emu: EmulatorHandle;
let client: NotionClient;
beforeAll(async () => {
  emu = await startEmulator({ schemaWriteMs: 150 });
  client = createNotionClient({ baseUrl: emu.url, token: 'test-token', rateLimit: 1000, maxRetries: 0 });
});
afterAll(async () => {
  await client.close();
  await emu.close();
});

function yaml(parent: string, relations: boolean): string {
  const ds = (key: string, extra: string) => `      ${key}:
        title: ${key}
        properties:
          Name: { type: title }${extra}`;
  const rel = (name: string) => (relations ? `\n          ${name}: { type: relation, data_source: hub.b, dual: { property: ${name} back } }` : '');
  return `version: 1
databases:
  hub:
    title: Hub
    parent: { page_id: "${parent}" }
    data_sources:
${ds('a', rel('To B from A'))}
${ds('b', relations ? '\n          Size: { type: number }' : '')}
${ds('c', rel('To B from C'))}
`;
}

describe('writes to one data source never overlap', () => {
  it('two relations onto the same far side and that side\'s own change, concurrency 3: no 409, all applied', async () => {
    const parent = randomUUID();
    await emu.ensurePage(parent, 'parent');
    const lockPath = tempLock();
    const first = await createPlan({ client, desired: desiredFrom(yaml(parent, false)), lockPath, toolVersion: 'test' });
    expect((await applyPlan(first.plan, { client, lockPath, journalDir: null })).ok).toBe(true);

    const desired = desiredFrom(yaml(parent, true));
    const { plan } = await createPlan({ client, desired, lockPath, toolVersion: 'test' });
    // Three PATCHes: a (far side b), b, c (far side b): independent in the plan, so concurrent but for the ordering.
    expect(plan.requests.filter((r) => r.method === 'PATCH').length).toBeGreaterThanOrEqual(3);
    emu.clearRequests();
    let inFlight = 0;
    let peak = 0;
    const result = await applyPlan(plan, {
      client, lockPath, desired, journalDir: null, concurrency: 3,
      onEvent: (e) => {
        if (e.type === 'request-start') peak = Math.max(peak, ++inFlight);
        if (e.type === 'request-end') inFlight--;
      },
    });
    expect(result.steps.filter((s) => s.status !== 'applied')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(emu.requests.filter((r) => r.status === 409)).toEqual([]);
    expect(peak).toBe(1);
  });
});

describe('writeKeys', () => {
  const steps = new Map<string, Step>();
  const patch = (target: unknown, body: unknown, stepIds: string[] = []): PlanRequest => ({
    id: 'r1', endpoint: 'update_data_source', method: 'PATCH', target, body, steps: stepIds, depends_on: [],
  } as unknown as PlanRequest);
  it('names the patched data source and every relation\'s far side, references resolved when known', () => {
    const req = patch('AAAA-bbbb', { properties: { R: { relation: { data_source_id: { $ref: 'data_source_id', key: 'x.y' }, type: 'dual_property', dual_property: {} } } } });
    expect(writeKeys(req, steps, () => 'cc-dd').sort()).toEqual(['aaaabbbb', 'ccdd']);
    expect(writeKeys(req, steps, () => undefined)).toContain('data_source_id(x.y)');
  });
  it('a removed relation property (far side not in the plan) runs alone', () => {
    const s = new Map<string, Step>([['s1', { id: 's1', kind: 'remove_property', data_source: 'x.y', property: 'R', property_type: 'relation' } as unknown as Step]]);
    expect(writeKeys(patch('a', { properties: { R: null } }, ['s1']), s, () => undefined)).toContain(EXCLUSIVE);
  });
});

describe('WriteKeyLock', () => {
  it('lets disjoint key sets run together, queues overlapping ones, and EXCLUSIVE waits for everyone', async () => {
    const lock = new WriteKeyLock();
    const order: string[] = [];
    const r1 = await lock.acquire(['a', 'b']);
    const r2 = await lock.acquire(['c']);
    const p3 = lock.acquire(['b']).then((r) => { order.push('b'); return r; });
    const p4 = lock.acquire([EXCLUSIVE]).then((r) => { order.push('*'); return r; });
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    r1();
    const r3 = await p3;
    expect(order).toEqual(['b']);
    r2();
    r3();
    (await p4)();
    expect(order).toEqual(['b', '*']);
    expect(lock.size).toBe(0);
  });
});
