import { APIResponseError, type Client } from '@notionhq/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { createDb, setup, type Any } from './helpers.js';

let emu: EmulatorHandle;
let client: Client;
beforeAll(async () => ({ emu, client } = await setup({}, { logLevel: 'error' })));
afterAll(async () => emu.close());

const NAMES = ['A', 'B', 'C', 'Name', 'Rel', 'F'];
const configs: Record<string, unknown>[] = [
  { rich_text: {} }, { number: { format: 'dollar' } }, { checkbox: {} }, { date: {} }, { place: {} },
  { select: { options: [{ name: 'x' }, { name: 'y', color: 'red' }] } }, { multi_select: { options: [{ name: 'x' }] } },
  { status: {} }, { formula: { expression: 'prop("Name") + "!"' } }, { formula: { expression: 'prop("A") * 2' } },
  { unique_id: { prefix: 'T' } }, { title: {} }, { button: {} }, { people: {} }, { url: {} },
];

const op = fc.oneof(
  fc.record({ kind: fc.constant('set'), key: fc.constantFrom(...NAMES), config: fc.constantFrom(...configs), description: fc.option(fc.constantFrom('d', null), { nil: undefined }) }),
  fc.record({ kind: fc.constant('rename'), key: fc.constantFrom(...NAMES), to: fc.constantFrom(...NAMES, 'Z') }),
  fc.record({ kind: fc.constant('delete'), key: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('relate'), key: fc.constantFrom(...NAMES), dual: fc.boolean() }),
);

/** Invariants every successful or failed schema write must leave behind. */
function checkInvariants(ds: Any, all: Map<string, Any>): void {
  const props = Object.entries(ds.properties as Record<string, Any>);
  expect(props.filter(([, p]) => p.type === 'title')).toHaveLength(1);
  expect(ds.properties[props.find(([, p]) => p.type === 'title')![0]].id).toBe('title');
  const ids = props.map(([, p]) => p.id as string);
  expect(new Set(ids).size).toBe(ids.length);
  for (const [name, p] of props) {
    expect(p.name).toBe(name);
    expect(p).toHaveProperty(p.type);
    if (p.type === 'relation' && p.relation.type === 'dual_property') {
      const target = all.get(p.relation.data_source_id);
      const far = Object.values(target.properties as Record<string, Any>).find((x) => x.id === p.relation.dual_property.synced_property_id);
      expect(far?.relation.dual_property.synced_property_id).toBe(p.id);
    }
  }
  expect(Buffer.byteLength(JSON.stringify(ds.properties))).toBeLessThanOrEqual(51200);
}

describe('schema PATCH fuzz', () => {
  it('random operation sequences either apply or fail with validation_error, and keep the invariants', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
      const other = await createDb(client, emu, { Name: { title: {} } }, 'Other');
      const { dsId } = await createDb(client, emu, { Name: { title: {} }, A: { number: {} } }, 'Main');
      for (const o of ops) {
        let properties: Record<string, unknown>;
        if (o.kind === 'set') properties = { [o.key]: { ...o.config, ...(o.description !== undefined ? { description: o.description } : {}) } };
        else if (o.kind === 'rename') properties = { [o.key]: { name: o.to } };
        else if (o.kind === 'delete') properties = { [o.key]: null };
        else properties = { [o.key]: { relation: { data_source_id: other.dsId, ...(o.dual ? { type: 'dual_property', dual_property: {} } : { type: 'single_property', single_property: {} }) } } };
        const before: Any = await client.dataSources.retrieve({ data_source_id: dsId });
        const res = await client.dataSources.update({ data_source_id: dsId, properties } as never).then(() => null, (e: unknown) => e);
        if (res !== null) {
          expect(res).toBeInstanceOf(APIResponseError);
          expect((res as APIResponseError).code).toBe('validation_error');
          const after: Any = await client.dataSources.retrieve({ data_source_id: dsId });
          expect(after.properties).toEqual(before.properties);
        }
        const main: Any = await client.dataSources.retrieve({ data_source_id: dsId });
        const far: Any = await client.dataSources.retrieve({ data_source_id: other.dsId });
        const all = new Map([[dsId, main], [other.dsId, far]]);
        checkInvariants(main, all);
        checkInvariants(far, all);
      }
    }), { numRuns: process.env.LONG ? 300 : 25, seed: 20261121 });
  });
});
