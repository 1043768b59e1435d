import { describe, expect, it } from 'vitest';
import { emptyKnownIds, fillValue, placeholdersIn, UnresolvedPlaceholderError } from '../../src/apply/placeholders.js';

describe('placeholders', () => {
  const known = emptyKnownIds();
  known.databases.set('crm', 'db-1');
  known.dataSources.set('crm.contacts', 'ds-1');
  known.syncedProperties.set('s3', 'ab%3C');

  it('fills strings and object keys, deeply', () => {
    const body = { parent: { database_id: '{{database_id:crm}}' }, properties: { '{{synced_property_id:s3}}': { name: 'X' }, L: [{ id: 'x {{data_source_id:crm.contacts}}' }] } };
    expect(fillValue(body, known)).toEqual({ parent: { database_id: 'db-1' }, properties: { 'ab%3C': { name: 'X' }, L: [{ id: 'x ds-1' }] } });
    expect(placeholdersIn(body).sort()).toEqual(['{{data_source_id:crm.contacts}}', '{{database_id:crm}}', '{{synced_property_id:s3}}']);
  });

  it('throws on an unresolved placeholder instead of sending it', () => {
    expect(() => fillValue({ a: '{{data_source_id:crm.nope}}' }, known)).toThrow(UnresolvedPlaceholderError);
  });
});
