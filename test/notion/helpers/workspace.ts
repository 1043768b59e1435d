import type { CreateDatabaseParameters, CreateDataSourceParameters } from '@notionhq/client';
import type { DatabaseParent } from '../../../src/model/common.js';
import type { DesiredDatabase, DesiredDataSource, DesiredProperty, DesiredState } from '../../../src/model/desired.js';
import { createDatabase, createDataSource } from '../../../src/notion/endpoints.js';
import type { NotionClient } from '../../../src/notion/types.js';

type PropertiesRequest = NonNullable<CreateDataSourceParameters['properties']>;

/** A compact description of a database to create in the emulator. */
export interface SeedDatabase {
  readonly title: string;
  readonly parentPageId: string;
  /** One entry per data source: its title and extra properties (a `Name` title is always added). */
  readonly dataSources: readonly { readonly title: string; readonly properties?: PropertiesRequest }[];
}

const text = (content: string) => [{ type: 'text' as const, text: { content } }];

/** Creates the databases and data sources through the API; returns ids in creation order. */
export async function seed(client: NotionClient, dbs: readonly SeedDatabase[]): Promise<{ id: string; dataSourceIds: string[] }[]> {
  return Promise.all(dbs.map(async (db) => {
    const [first, ...rest] = db.dataSources;
    const body: CreateDatabaseParameters = {
      parent: { type: 'page_id', page_id: db.parentPageId },
      title: text(db.title),
      initial_data_source: { properties: { Name: { title: {} }, ...(first?.properties ?? {}) } },
    };
    const created = await createDatabase(client, body);
    const dataSourceIds = created.data_sources.map((d) => d.id);
    // The first data source is named after the database; retitle it when asked.
    if (first && first.title !== db.title) {
      await client.request({ method: 'PATCH', path: `/v1/data_sources/${dataSourceIds[0]}`, body: { title: text(first.title) } });
    }
    for (const ds of rest) {
      const c = await createDataSource(client, {
        parent: { type: 'database_id', database_id: created.id },
        title: text(ds.title),
        properties: { Name: { title: {} }, ...(ds.properties ?? {}) },
      });
      dataSourceIds.push(c.id);
    }
    return { id: created.id, dataSourceIds };
  }));
}

const titleProp: DesiredProperty = { name: 'Name', description: null, renamed_from: [], config: { type: 'title' } };

/** A minimal desired state: each database with data sources of the given titles (properties: a title). */
export function desiredState(dbs: readonly {
  readonly key: string;
  readonly title: string;
  readonly parent: DatabaseParent;
  readonly id?: string;
  readonly dataSources: readonly { readonly key: string; readonly title: string; readonly id?: string; readonly properties?: readonly DesiredProperty[] }[];
}[]): DesiredState {
  return {
    file: 'notion.schema.yaml',
    hash: '0'.repeat(64),
    databases: dbs.map((db): DesiredDatabase => ({
      key: db.key,
      ...(db.id ? { id: db.id } : {}),
      title: db.title,
      description: null,
      icon: null,
      parent: db.parent,
      is_inline: false,
      data_sources: db.dataSources.map((ds): DesiredDataSource => ({
        key: ds.key,
        ref: `${db.key}.${ds.key}`,
        ...(ds.id ? { id: ds.id } : {}),
        title: ds.title,
        description: null,
        icon: null,
        properties: ds.properties ?? [titleProp],
      })),
    })),
  };
}
