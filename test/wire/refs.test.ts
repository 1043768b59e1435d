import { describe, expect, it } from 'vitest';
import { isIdRef, refsIn, resolveRefs, UnresolvedRefError } from '../../src/wire/refs.js';
import { resolveRequest } from '../../src/apply/executor.js';
import { emptyKnownIds } from '../../src/apply/known-ids.js';
import type { PlanRequest } from '../../src/model/index.js';

describe('reference nodes', () => {
  it('are recognised only as whole nodes of the exact shape', () => {
    expect(isIdRef({ $ref: 'database_id', key: 'crm' })).toBe(true);
    expect(isIdRef({ $ref: 'synced_property_id', step: 's3' })).toBe(true);
    expect(isIdRef({ $ref: 'database_id', key: 'crm', extra: 1 })).toBe(false);
    expect(isIdRef({ $ref: 'page_id', key: 'x' })).toBe(false);
    expect(isIdRef({ $ref: 'synced_property_id', key: 's3' })).toBe(false);
    expect(isIdRef('{{database_id:crm}}')).toBe(false);
  });

  it('resolve by structure and never touch strings or keys', () => {
    const lookup = (r: { $ref: string }) => (r.$ref === 'database_id' ? 'DB-ID' : undefined);
    const value = { '{{database_id:crm}}': 'text {{database_id:crm}}', parent: { database_id: { $ref: 'database_id', key: 'crm' } }, list: ['$ref'] };
    expect(resolveRefs(value, lookup)).toEqual({ '{{database_id:crm}}': 'text {{database_id:crm}}', parent: { database_id: 'DB-ID' }, list: ['$ref'] });
    expect(() => resolveRefs({ a: { $ref: 'data_source_id', key: 'x.y' } }, lookup)).toThrow(UnresolvedRefError);
    expect(refsIn(value)).toEqual([{ $ref: 'database_id', key: 'crm' }]);
  });

  it('a request keyed by a synced property id is resolved into properties, beside literal keys', () => {
    const known = emptyKnownIds();
    known.dataSources.set('crm.companies', 'DS-2');
    known.syncedProperties.set('s1', 'sync%3A');
    const req: PlanRequest = {
      id: 'r2', endpoint: 'update_data_source', method: 'PATCH', target: { $ref: 'data_source_id', key: 'crm.companies' },
      body: { properties: { '{{synced_property_id:s1}}': { name: 'literal' } } },
      ref_keyed: [{ key: { $ref: 'synced_property_id', step: 's1' }, value: { name: 'Contacts' } }],
      steps: ['s2'], depends_on: [], idempotent: true,
    };
    expect(resolveRequest(req, known)).toEqual({
      path: '/v1/data_sources/DS-2',
      body: { properties: { '{{synced_property_id:s1}}': { name: 'literal' }, 'sync%3A': { name: 'Contacts' } } },
    });
  });
});
