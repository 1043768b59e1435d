import { APIResponseError, type Client } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { createDb, rt, setup, type Any } from './helpers.js';

let emu: EmulatorHandle;
let client: Client;
beforeAll(async () => ({ emu, client } = await setup()));
afterAll(async () => emu.close());

async function patch(dsId: string, properties: Record<string, unknown>): Promise<Any> {
  return client.dataSources.update({ data_source_id: dsId, properties } as never);
}

async function expectValidation(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(APIResponseError);
  expect((err as APIResponseError).code).toBe('validation_error');
  expect((err as APIResponseError).status).toBe(400);
  expect((err as APIResponseError).message).toMatch(pattern);
}

describe('property ids', () => {
  it('uses "title" for the title and short URL-encoded ids elsewhere', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, A: { rich_text: {} }, B: { number: {} }, C: { checkbox: {} } });
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    expect(ds.properties.Name.id).toBe('title');
    for (const k of ['A', 'B', 'C']) {
      const id: string = ds.properties[k].id;
      expect(decodeURIComponent(id)).toHaveLength(4);
      expect(encodeURIComponent(decodeURIComponent(id))).toBe(id);
    }
  });

  it('accepts keys by name, by encoded id and by raw id', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, A: { rich_text: {} }, B: { rich_text: {} } });
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    const idA: string = ds.properties.A.id;
    const idB: string = ds.properties.B.id;
    const r = await patch(dsId, { [idA]: { name: 'A2' }, [decodeURIComponent(idB)]: { name: 'B2' } });
    expect(r.properties.A2.id).toBe(idA);
    expect(r.properties.B2.id).toBe(idB);
  });

  it('accepts object ids with or without dashes', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} } });
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId.replace(/-/g, '') });
    expect(ds.id).toBe(dsId);
  });
});

describe('add, rename, delete, change type', () => {
  it('adds, renames (keeping description), deletes', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, Notes: { rich_text: {}, description: 'free text' } });
    let r = await patch(dsId, { Estimate: { number: { format: 'dollar' } } });
    expect(r.properties.Estimate.number.format).toBe('dollar');
    r = await patch(dsId, { Notes: { name: 'Remarks' } });
    expect(r.properties.Remarks.description).toBe('free text');
    expect(r.properties.Notes).toBeUndefined();
    r = await patch(dsId, { Remarks: null });
    expect(r.properties.Remarks).toBeUndefined();
  });

  it('rejects a new key with only {name}, a rename to a taken name, deleting an unknown property', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, A: { rich_text: {} }, B: { rich_text: {} } });
    await expectValidation(patch(dsId, { Nope: { name: 'Nope' } }), /does not exist; to add it/);
    await expectValidation(patch(dsId, { A: { name: 'B' } }), /two properties would be named `B`/);
    await expectValidation(patch(dsId, { Ghost: null }), /no property with that name or id/);
    // Empty names: neither a new key nor a rename may leave a property without a name.
    await expectValidation(patch(dsId, { '': { number: {} } }), /property name should be a non-empty string/);
    await expectValidation(patch(dsId, { ' ': { number: {} } }), /property name should be a non-empty string/);
    await expectValidation(patch(dsId, { A: { name: ' ' } }), /name should be a non-empty string/);
    const after: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    expect(Object.keys(after.properties).sort()).toEqual(['A', 'B', 'Name']);
  });

  it('keeps the title: cannot delete, convert, or add a second one', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, A: { rich_text: {} } });
    await expectValidation(patch(dsId, { Name: null }), /title property cannot be deleted/);
    await expectValidation(patch(dsId, { Name: { rich_text: {} } }), /title property cannot be converted/);
    await expectValidation(patch(dsId, { A: { title: {} } }), /cannot be converted to `title`/);
    await expectValidation(patch(dsId, { T2: { title: {} } }), /exactly one title/);
  });

  it('allows adding and renaming place but never converting to or from it', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, A: { rich_text: {} } });
    let r = await patch(dsId, { Office: { place: {} } });
    expect(r.properties.Office.type).toBe('place');
    r = await patch(dsId, { Office: { name: 'HQ' } });
    expect(r.properties.HQ.type).toBe('place');
    await expectValidation(patch(dsId, { HQ: { rich_text: {} } }), /to or from `place`/);
    await expectValidation(patch(dsId, { A: { place: {} } }), /to or from `place`/);
  });

  it('converts values on a type change (text → number, number → text, text → select)', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, Est: { rich_text: {} }, Tag: { rich_text: {} } });
    const page: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: {
      Name: { title: rt('x') }, Est: { rich_text: rt('42') }, Tag: { rich_text: rt('Urgent') } } } as never);
    const r = await patch(dsId, { Est: { number: {} }, Tag: { select: {} } });
    expect(r.properties.Est.id).toBeDefined();
    expect(r.properties.Tag.select.options.map((o: Any) => o.name)).toEqual(['Urgent']);
    const p: Any = await client.pages.retrieve({ page_id: page.id });
    expect(p.properties.Est.number).toBe(42);
    expect(p.properties.Tag.select.name).toBe('Urgent');
  });

  it('ignores button configuration and refuses to create verification', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} } });
    const r = await patch(dsId, { Send: { button: {} } });
    expect(r.properties.Send).toBeUndefined();
    await expectValidation(patch(dsId, { V: { verification: {} } }), /verification properties cannot be created/);
  });
});

describe('select and multi-select options', () => {
  it('replaces the whole list: keep by id or name, add new, delete omitted and clear their values', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} },
      Priority: { select: { options: [{ name: 'High', color: 'red' }, { name: 'Low', color: 'gray' }, { name: 'Mid', color: 'yellow' }] } },
      Tags: { multi_select: { options: [{ name: 'a' }, { name: 'b' }] } } });
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    const high = ds.properties.Priority.select.options[0];
    const page: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: {
      Name: { title: rt('p') }, Priority: { select: { name: 'Low' } }, Tags: { multi_select: [{ name: 'a' }, { name: 'b' }] } } } as never);
    const r = await patch(dsId, {
      Priority: { select: { options: [{ id: high.id }, { name: 'Mid' }, { name: 'Urgent', color: 'pink' }] } },
      Tags: { multi_select: { options: [{ name: 'b' }] } },
    });
    expect(r.properties.Priority.select.options.map((o: Any) => [o.name, o.color])).toEqual([['High', 'red'], ['Mid', 'yellow'], ['Urgent', 'pink']]);
    expect(r.properties.Priority.select.options[0].id).toBe(high.id);
    const p: Any = await client.pages.retrieve({ page_id: page.id });
    expect(p.properties.Priority.select).toBeNull();
    expect(p.properties.Tags.multi_select.map((o: Any) => o.name)).toEqual(['b']);
  });

  it('rejects renames and recolours of existing options, duplicates regardless of case, and commas', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, S: { select: { options: [{ name: 'High', color: 'red' }] } } });
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    const id = ds.properties.S.select.options[0].id;
    await expectValidation(patch(dsId, { S: { select: { options: [{ id, name: 'Higher' }] } } }), /cannot be renamed/);
    await expectValidation(patch(dsId, { S: { select: { options: [{ name: 'High', color: 'blue' }] } } }), /color cannot be changed/);
    await expectValidation(patch(dsId, { S: { select: { options: [{ name: 'x' }, { name: 'X' }] } } }), /unique regardless of case/);
    await expectValidation(patch(dsId, { S: { select: { options: [{ name: 'a,b' }] } } }), /commas/);
  });

  it('lets option descriptions change', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, S: { select: { options: [{ name: 'High', color: 'red' }] } } });
    const r = await patch(dsId, { S: { select: { options: [{ name: 'High', description: 'urgent' }] } } });
    expect(r.properties.S.select.options[0]).toMatchObject({ name: 'High', color: 'red', description: 'urgent' });
  });

  it('clears the property description when a select update omits it, and keeps it when re-sent', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, S: { description: 'pick one', select: { options: [{ name: 'a' }] } } });
    let r = await patch(dsId, { S: { description: 'pick one', select: { options: [{ name: 'a' }, { name: 'b' }] } } });
    expect(r.properties.S.description).toBe('pick one');
    r = await patch(dsId, { S: { select: { options: [{ name: 'a' }] } } });
    expect(r.properties.S.description).toBeNull();
  });
});

describe('status', () => {
  it('creates the default options and groups', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, Status: { status: {} } });
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    const st = ds.properties.Status.status;
    expect(st.options.map((o: Any) => o.name)).toEqual(['Not started', 'In progress', 'Done']);
    expect(st.groups.map((g: Any) => [g.name, g.option_ids.length])).toEqual([['To-do', 1], ['In progress', 1], ['Complete', 1]]);
  });

  it('puts new options in To-do unless a group is given, moves on group, and removes deleted options from groups', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, Status: { status: {} } });
    const r = await patch(dsId, { Status: { status: { options: [
      { name: 'Not started' }, { name: 'Done' }, { name: 'Blocked' }, { name: 'Shipped', group: 'Complete' }, { name: 'In progress', group: 'To-do' },
    ] } } });
    const st = r.properties.Status.status;
    const names = (g: string): string[] => st.groups.find((x: Any) => x.name === g).option_ids.map((id: string) => st.options.find((o: Any) => o.id === id).name);
    expect(names('To-do')).toEqual(['Not started', 'Blocked', 'In progress']);
    expect(names('In progress')).toEqual([]);
    expect(names('Complete')).toEqual(['Done', 'Shipped']);
  });

  it('creates custom status options with groups', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, Status: { status: { options: [{ name: 'Open', color: 'blue' }, { name: 'Closed', color: 'green', group: 'Complete' }] } } });
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    const st = ds.properties.Status.status;
    expect(st.groups.find((g: Any) => g.name === 'Complete').option_ids).toEqual([st.options[1].id]);
    expect(st.groups.find((g: Any) => g.name === 'To-do').option_ids).toEqual([st.options[0].id]);
  });
});

describe('relations', () => {
  it('creates the synced property on the target for a dual_property relation, with Notion’s default name', async () => {
    const a = await createDb(client, emu, { Name: { title: {} } }, 'Projects');
    const b = await createDb(client, emu, { Name: { title: {} } }, 'Tasks');
    const r = await patch(b.dsId, { Project: { relation: { data_source_id: a.dsId, type: 'dual_property', dual_property: { synced_property_name: 'Ignored' } } } });
    const rel = r.properties.Project.relation;
    expect(rel).toMatchObject({ data_source_id: a.dsId, database_id: a.dbId, type: 'dual_property' });
    expect(rel.dual_property.synced_property_name).toBe('Related to Tasks (Project)');
    const target: Any = await client.dataSources.retrieve({ data_source_id: a.dsId });
    const far = target.properties['Related to Tasks (Project)'];
    expect(far.id).toBe(rel.dual_property.synced_property_id);
    expect(far.relation).toMatchObject({ data_source_id: b.dsId, type: 'dual_property', dual_property: { synced_property_id: r.properties.Project.id, synced_property_name: 'Project' } });
    // Renaming the far side by its id shows up on the near side.
    await patch(a.dsId, { [far.id]: { name: 'Tasks' } });
    const again: Any = await client.dataSources.retrieve({ data_source_id: b.dsId });
    expect(again.properties.Project.relation.dual_property.synced_property_name).toBe('Tasks');
  });

  it('keeps values on both sides in step and turns the far side one-way when a side is deleted', async () => {
    const a = await createDb(client, emu, { Name: { title: {} } }, 'A');
    const b = await createDb(client, emu, { Name: { title: {} } }, 'B');
    const r = await patch(b.dsId, { Link: { relation: { data_source_id: a.dsId, type: 'dual_property', dual_property: {} } } });
    const farId = r.properties.Link.relation.dual_property.synced_property_id;
    const pa: Any = await client.pages.create({ parent: { data_source_id: a.dsId }, properties: { Name: { title: rt('a1') } } } as never);
    const pb: Any = await client.pages.create({ parent: { data_source_id: b.dsId }, properties: { Name: { title: rt('b1') }, Link: { relation: [{ id: pa.id }] } } } as never);
    const pa2: Any = await client.pages.retrieve({ page_id: pa.id });
    expect(pa2.properties['Related to B (Link)'].relation).toEqual([{ id: pb.id }]);
    await patch(b.dsId, { Link: null });
    const ta: Any = await client.dataSources.retrieve({ data_source_id: a.dsId });
    const far = Object.values(ta.properties as Record<string, Any>).find((p) => p.id === farId);
    expect(far.relation.type).toBe('single_property');
    expect(far.relation.single_property).toEqual({});
  });

  it('creates one-way relations and rejects unknown targets and database_id', async () => {
    const a = await createDb(client, emu, { Name: { title: {} } });
    const r = await patch(a.dsId, { Self: { relation: { data_source_id: a.dsId, single_property: {} } } });
    expect(r.properties.Self.relation).toEqual({ database_id: a.dbId, data_source_id: a.dsId, type: 'single_property', single_property: {} });
    const err: Any = await patch(a.dsId, { X: { relation: { data_source_id: '11111111-1111-1111-1111-111111111111', single_property: {} } } }).catch((e) => e);
    expect(err.code).toBe('object_not_found');
    await expectValidation(patch(a.dsId, { Y: { relation: { database_id: a.dbId, single_property: {} } } }), /data_source_id should be defined/);
  });
});

describe('rollups, formulas, unique_id', () => {
  it('validates rollups and renders names and ids', async () => {
    const a = await createDb(client, emu, { Name: { title: {} }, Est: { number: {} } }, 'Items');
    const b = await createDb(client, emu, { Name: { title: {} }, Items: { relation: { data_source_id: a.dsId, single_property: {} } } }, 'Orders');
    const r = await patch(b.dsId, { Total: { rollup: { relation_property_name: 'Items', rollup_property_name: 'Est', function: 'sum' } } });
    expect(r.properties.Total.rollup).toMatchObject({ relation_property_name: 'Items', rollup_property_name: 'Est', function: 'sum' });
    await expectValidation(patch(b.dsId, { Bad: { rollup: { relation_property_name: 'Name', rollup_property_name: 'Est', function: 'sum' } } }), /not a relation/);
    await expectValidation(patch(b.dsId, { Bad: { rollup: { relation_property_name: 'Items', rollup_property_name: 'Nope', function: 'sum' } } }), /does not exist/);
    await expectValidation(patch(b.dsId, { Bad: { rollup: { relation_property_name: 'Items', rollup_property_name: 'Est', function: 'total' } } }), /rollup functions/);
    const i1: Any = await client.pages.create({ parent: { data_source_id: a.dsId }, properties: { Name: { title: rt('i1') }, Est: { number: 2 } } } as never);
    const i2: Any = await client.pages.create({ parent: { data_source_id: a.dsId }, properties: { Name: { title: rt('i2') }, Est: { number: 3 } } } as never);
    const o: Any = await client.pages.create({ parent: { data_source_id: b.dsId }, properties: { Name: { title: rt('o') }, Items: { relation: [{ id: i1.id }, { id: i2.id }] } } } as never);
    expect(o.properties.Total.rollup).toEqual({ type: 'number', number: 5, function: 'sum' });
  });

  it('stores formula references by id so renames show in the expression, and rejects unknown references', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, Price: { number: {} }, Calc: { formula: { expression: 'prop("Price") * 2' } } });
    let r = await patch(dsId, { Price: { name: 'Cost' } });
    expect(r.properties.Calc.formula.expression).toBe('prop("Cost") * 2');
    await expectValidation(patch(dsId, { F: { formula: { expression: 'prop("Nope") + 1' } } }), /Nope/);
    await expectValidation(patch(dsId, { F: { formula: { expression: 'prop("Cost" + 1' } } }), /syntax/);
    r = await patch(dsId, { Calc: { formula: { expression: 'prop("Cost") + 1' } } });
    expect(r.properties.Calc.formula.expression).toBe('prop("Cost") + 1');
  });

  it('numbers pages with unique_id (backfilled), with a configurable prefix', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} } });
    const p1: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt('1') } } } as never);
    const r = await patch(dsId, { ID: { unique_id: { prefix: 'TASK' } } });
    expect(r.properties.ID.unique_id).toEqual({ prefix: 'TASK' });
    const p2: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: rt('2') } } } as never);
    expect(p2.properties.ID.unique_id).toEqual({ prefix: 'TASK', number: 2 });
    expect(((await client.pages.retrieve({ page_id: p1.id })) as Any).properties.ID.unique_id.number).toBe(1);
    const r2 = await patch(dsId, { ID: { unique_id: { prefix: null } } });
    expect(r2.properties.ID.unique_id).toEqual({ prefix: null });
    await expectValidation(patch(dsId, { ID2: { unique_id: {} } }), /only one unique_id/);
  });
});

describe('limits', () => {
  it('blocks schemas over 50 KB naming the largest property', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} } });
    const big = 'x'.repeat(1900);
    const props: Record<string, unknown> = {};
    for (let i = 0; i < 30; i++) props[`P${i}`] = { rich_text: {}, description: big };
    await expectValidation(patch(dsId, props), /50 KB.*largest property is `P\d+`/);
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    expect(Object.keys(ds.properties)).toEqual(['Name']);
  });

  it('is atomic: a failing entry leaves the schema and the page values untouched', async () => {
    const { dsId } = await createDb(client, emu, { Name: { title: {} }, A: { rich_text: {} } });
    const page: Any = await client.pages.create({ parent: { data_source_id: dsId }, properties: { A: { rich_text: rt('keep') } } } as never);
    await expectValidation(patch(dsId, { A: { name: 'A2' }, B: { number: { format: 'nope' } } }), /number formats/);
    await expectValidation(patch(dsId, { A: null, C: { formula: { expression: 'prop("A")' } } }), /does not exist/);
    await expectValidation(patch(dsId, { A: { number: {} }, D: { title: {} } }), /exactly one title/);
    const ds: Any = await client.dataSources.retrieve({ data_source_id: dsId });
    expect(Object.keys(ds.properties).sort()).toEqual(['A', 'Name']);
    expect(ds.properties.A.type).toBe('rich_text');
    const p: Any = await client.pages.retrieve({ page_id: page.id });
    expect(p.properties.A.rich_text[0].plain_text).toBe('keep');
  });
});
