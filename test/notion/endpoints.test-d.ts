import type { DatabaseObjectResponse, DataSourceObjectResponse } from '@notionhq/client';
import { describe, expectTypeOf, it } from 'vitest';
import { getDatabase, getDataSource, updateDataSource, type createDatabase, type UpdateDataSourceBody } from '../../src/notion/endpoints.js';
import type { NotionClient } from '../../src/notion/types.js';

declare const client: NotionClient;

describe('typed endpoint bodies (from @notionhq/client)', () => {
  it('returns the SDK response types', () => {
    expectTypeOf(getDatabase(client, 'x')).resolves.toEqualTypeOf<DatabaseObjectResponse>();
    expectTypeOf(getDataSource(client, 'x')).resolves.toEqualTypeOf<DataSourceObjectResponse>();
  });

  it('accepts valid schema patches', () => {
    const ok: UpdateDataSourceBody = {
      properties: {
        Estimate: { number: { format: 'dollar' } },
        Stage: { select: { options: [{ name: 'Lead', color: 'gray' }] } },
        Old: null,
        Renamed: { name: 'New name' },
        Link: { relation: { data_source_id: 'x', type: 'dual_property', dual_property: {} } },
      },
    };
    expectTypeOf(updateDataSource).toBeCallableWith(client, 'id', ok);
  });

  it('rejects bodies the real API would reject', () => {
    // @ts-expect-error: the legacy `database_id` relation target does not exist under 2025-09-03.
    const legacyRelation: UpdateDataSourceBody = { properties: { Link: { relation: { database_id: 'x', type: 'single_property', single_property: {} } } } };
    // @ts-expect-error: an unknown colour.
    const badColor: UpdateDataSourceBody = { properties: { Stage: { select: { options: [{ name: 'A', color: 'turquoise' }] } } } };
    // @ts-expect-error: a database needs a parent.
    const noParent: Parameters<typeof createDatabase>[1] = { title: [] };
    // @ts-expect-error: a rollup needs its function.
    const rollup: UpdateDataSourceBody = { properties: { R: { rollup: { relation_property_name: 'A', rollup_property_name: 'B' } } } };
    void [legacyRelation, badColor, noParent, rollup];
  });
});
