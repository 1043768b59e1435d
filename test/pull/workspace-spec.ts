import type { Client } from '@notionhq/client';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import type { NumberFormat, OptionColor, RollupFunction, StatusGroupName } from '../../src/model/index.js';

/**
 * A workspace to build in the emulator through @notionhq/client: the test bed of the pull
 * round-trip property and the hand-made golden workspaces.
 */
export type SimpleConfig =
  | { readonly type: 'rich_text' | 'date' | 'people' | 'files' | 'checkbox' | 'url' | 'email' | 'phone_number'
      | 'created_time' | 'created_by' | 'last_edited_time' | 'last_edited_by' | 'place' }
  | { readonly type: 'number'; readonly format: NumberFormat }
  | { readonly type: 'select' | 'multi_select'; readonly options: readonly OptionDef[] }
  | { readonly type: 'status'; readonly options: readonly (OptionDef & { readonly group: StatusGroupName })[] }
  | { readonly type: 'formula'; readonly expression: string }
  | { readonly type: 'unique_id'; readonly prefix: string | null };

export interface OptionDef { readonly name: string; readonly color: OptionColor; readonly description: string | null }
export interface PropDef { readonly name: string; readonly description: string | null; readonly config: SimpleConfig }
export interface DataSourceDef { readonly title: string; readonly titleProp: string; readonly props: readonly PropDef[] }
export interface DatabaseDef {
  readonly title: string;
  readonly description: string | null;
  readonly icon: string | null;
  readonly inline: boolean;
  readonly workspaceParent: boolean;
  readonly dataSources: readonly DataSourceDef[];
}
/** A relation between two data sources (indexes into the flattened data source list), optionally with a rollup over it. */
export interface RelationDef {
  readonly from: number;
  readonly to: number;
  readonly name: string;
  readonly dual: boolean;
  readonly rollup: { readonly name: string; readonly fn: RollupFunction } | null;
}
export interface WorkspaceDef {
  readonly databases: readonly DatabaseDef[];
  readonly relations: readonly RelationDef[];
  /** Button / verification properties, which the API cannot create: put straight into the emulator's store. */
  readonly readOnly: readonly { readonly ds: number; readonly name: string; readonly type: 'button' | 'verification' }[];
}

const rt = (s: string): { type: 'text'; text: { content: string } }[] => [{ type: 'text', text: { content: s } }];

function configBody(c: SimpleConfig): Record<string, unknown> {
  switch (c.type) {
    case 'number': return { number: { format: c.format } };
    case 'select':
    case 'multi_select':
      return { [c.type]: { options: c.options.map((o) => ({ name: o.name, color: o.color, ...(o.description !== null ? { description: o.description } : {}) })) } };
    case 'status':
      return { status: { options: c.options.map((o) => ({ name: o.name, color: o.color, group: o.group, ...(o.description !== null ? { description: o.description } : {}) })) } };
    case 'formula': return { formula: { expression: c.expression } };
    case 'unique_id': return { unique_id: { prefix: c.prefix } };
    default: return { [c.type]: {} };
  }
}

function propertiesBody(ds: DataSourceDef): Record<string, unknown> {
  const out: Record<string, unknown> = { [ds.titleProp]: { title: {} } };
  for (const p of ds.props) out[p.name] = { ...configBody(p.config), ...(p.description !== null ? { description: p.description } : {}) };
  return out;
}

/** Builds the workspace; returns the database ids and the flattened data source ids. */
export async function materialize(client: Client, emu: EmulatorHandle, ws: WorkspaceDef): Promise<{ databases: string[]; dataSources: string[] }> {
  const databases: string[] = [];
  const dataSources: string[] = [];
  for (const db of ws.databases) {
    const [first, ...rest] = db.dataSources;
    if (first === undefined) throw new Error('a database needs a data source');
    const created = await client.databases.create({
      parent: db.workspaceParent ? { type: 'workspace', workspace: true } : { type: 'page_id', page_id: emu.rootPageId },
      title: rt(db.title),
      ...(db.description !== null ? { description: rt(db.description) } : {}),
      ...(db.icon !== null ? { icon: { type: 'emoji', emoji: db.icon as never } } : {}),
      is_inline: db.inline,
      initial_data_source: { properties: propertiesBody(first) as never },
    });
    databases.push(created.id);
    const firstId = (created as unknown as { data_sources: { id: string }[] }).data_sources[0]?.id ?? '';
    if (first.title !== db.title) await client.dataSources.update({ data_source_id: firstId, title: rt(first.title) });
    dataSources.push(firstId);
    for (const ds of rest) {
      const made = await client.dataSources.create({ parent: { database_id: created.id }, title: rt(ds.title), properties: propertiesBody(ds) as never });
      dataSources.push(made.id);
    }
  }
  for (const r of ws.relations) {
    const from = dataSources[r.from] ?? '';
    const to = dataSources[r.to] ?? '';
    await client.dataSources.update({
      data_source_id: from,
      properties: { [r.name]: { relation: r.dual ? { data_source_id: to, type: 'dual_property', dual_property: {} } : { data_source_id: to, type: 'single_property', single_property: {} } } },
    });
  }
  for (const r of ws.relations) {
    if (r.rollup === null) continue;
    const target = ws.databases.flatMap((d) => d.dataSources)[r.to];
    await client.dataSources.update({
      data_source_id: dataSources[r.from] ?? '',
      properties: { [r.rollup.name]: { rollup: { relation_property_name: r.name, rollup_property_name: target?.titleProp ?? '', function: r.rollup.fn } } },
    });
  }
  for (const ro of ws.readOnly) {
    const ds = emu.store.dataSource(dataSources[ro.ds] ?? '');
    if (ds === undefined) throw new Error('no such data source');
    const id = `ro${ds.property_order.length}`;
    ds.properties[id] = { id, name: ro.name, description: null, type: ro.type, config: {} };
    ds.property_order.push(id);
    emu.store.markDirty();
  }
  return { databases, dataSources };
}
