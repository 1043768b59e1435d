import type { PageObjectResponse } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import {
  CrmContacts, NotionSchemaParseError, crmContactsToProperties, parseCrmContacts, parseCrmCompanies, nsText,
} from '../fixtures/codegen/expected.js';

const DS = '1f6e0000-0000-4000-8000-00000000c0de';
const rich = (s: string): unknown[] => (s === '' ? [] : [{ type: 'text', plain_text: s, text: { content: s } }]);
const user = (id: string): unknown => ({ object: 'user', id });
const date = { start: '2026-01-02', end: null, time_zone: null };

/** A page of crm.contacts as the API returns it (ids per FIXTURE_IDS where known). */
function contactPage(overrides: Record<string, unknown> = {}, parent: unknown = { type: 'data_source_id', data_source_id: DS }): PageObjectResponse {
  const v = (id: string, type: string, value: unknown): unknown => ({ id, type, [type]: value });
  const properties: Record<string, unknown> = {
    Name: v('title', 'title', rich('Ada')),
    'Full name': v('fn', 'rich_text', rich('Ada L')),
    'full-name': v('fn2', 'rich_text', []),
    Amount: v('amt1', 'number', 3),
    Stage: v('St%3Ag', 'select', { id: 'o1', name: 'Lead', color: 'gray' }),
    Tags: v('tg', 'multi_select', [{ id: 'o2', name: '🔥 hot', color: 'red' }]),
    Status: v('st', 'status', { id: 'o3', name: 'Done', color: 'green' }),
    When: v('wh', 'date', date),
    Owner: v('ow', 'people', [user('u1')]),
    Attachments: v('at', 'files', [{ name: 'a.pdf', type: 'file', file: { url: 'https://s3/a.pdf', expiry_time: 'x' } }]),
    Active: v('ac', 'checkbox', false),
    Website: v('ws', 'url', null),
    Email: v('em', 'email', 'a@b.c'),
    Phone: v('ph', 'phone_number', null),
    Score: v('sc', 'formula', { type: 'number', number: 6 }),
    Label: v('lb', 'formula', { type: 'string', string: 'Ada' }),
    Mixed: v('mx', 'formula', { type: 'boolean', boolean: true }),
    Company: { ...(v('co', 'relation', [{ id: 'p1' }]) as object), has_more: false },
    Referrer: v('rf', 'relation', []),
    Revenue: v('rv', 'rollup', { type: 'number', number: 10, function: 'sum' }),
    'First founded': v('ff', 'rollup', { type: 'date', date, function: 'earliest_date' }),
    Segments: v('sg', 'rollup', { type: 'array', array: [{ type: 'select', select: { id: 'x', name: 'SMB', color: 'red' } }, { type: 'select', select: null }], function: 'show_original' }),
    'Referrer names': v('rn', 'rollup', { type: 'array', array: [{ type: 'title', title: rich('Bob') }, { type: 'number', number: 2 }], function: 'show_original' }),
    Ticket: v('tk', 'unique_id', { prefix: 'CRM', number: 7 }),
    Created: v('cr', 'created_time', '2026-01-01T00:00:00.000Z'),
    'Created by': v('cb', 'created_by', user('u1')),
    Edited: v('ed', 'last_edited_time', '2026-01-01T00:00:00.000Z'),
    'Edited by': v('eb', 'last_edited_by', user('u2')),
    Office: v('of', 'place', null),
    Send: v('sd', 'button', {}),
    Verification: v('vf', 'verification', { state: 'verified', date, verified_by: user('u3') }),
    '🏢': v('em0', 'checkbox', true),
    '1st contact': v('fc', 'date', null),
    class: v('cl', 'rich_text', rich('x')),
    ...overrides,
  };
  return { object: 'page', id: 'page-1', parent, properties } as unknown as PageObjectResponse;
}

describe('parse', () => {
  it('reads every type into the row', () => {
    const row = parseCrmContacts(contactPage());
    expect(row).toMatchObject({
      Name: 'Ada', 'Full name': 'Ada L', 'full-name': '', Amount: 3, Stage: 'Lead', Tags: ['🔥 hot'], Status: 'Done',
      When: date, Owner: ['u1'], Attachments: [{ name: 'a.pdf', url: 'https://s3/a.pdf' }], Active: false, Website: null,
      Email: 'a@b.c', Phone: null, Score: 6, Label: 'Ada', Mixed: true, Company: ['p1'], Referrer: [], Revenue: 10,
      'First founded': date, Segments: ['SMB', null], 'Referrer names': ['Bob', 2], Ticket: { prefix: 'CRM', number: 7 },
      Created: '2026-01-01T00:00:00.000Z', 'Created by': 'u1', 'Edited by': 'u2', Office: null,
      Verification: { state: 'verified', date, verified_by: 'u3' }, '🏢': true, '1st contact': null, class: 'x',
    });
    expect(row).not.toHaveProperty('Send');
  });

  it('finds a property by id after a rename in Notion', () => {
    const page = contactPage();
    const props = page.properties as Record<string, unknown>;
    props['Stage (renamed)'] = props['Stage'];
    delete props['Stage'];
    expect(parseCrmContacts(page).Stage).toBe('Lead');
  });

  it('rejects a page of another data source', () => {
    const page = contactPage({}, { type: 'data_source_id', data_source_id: '00000000-0000-4000-8000-000000000000' });
    expect(() => parseCrmContacts(page)).toThrowError(NotionSchemaParseError);
    expect(() => parseCrmContacts(page)).toThrowError(/crm\.contacts: page page-1 is not a row of data source 1f6e0000/);
    // No data source id known for crm.companies: the missing properties give it away.
    expect(() => parseCrmCompanies(contactPage())).toThrowError(/crm\.companies: page page-1, property "ARR": the page has no such property/);
  });

  it('rejects values of the wrong shape, naming the property', () => {
    const bad = (overrides: Record<string, unknown>): (() => unknown) => () => parseCrmContacts(contactPage(overrides));
    expect(bad({ Amount: { id: 'amt1', type: 'rich_text', rich_text: [] } })).toThrowError(/property "Amount": expected a number value, got type "rich_text"/);
    expect(bad({ Amount: { id: 'amt1', type: 'number', number: '3' } })).toThrowError(/"Amount": expected a number or null, got "3"/);
    expect(bad({ Stage: { id: 'St%3Ag', type: 'select', select: { name: 'Prospect' } } })).toThrowError(/option "Prospect" is not in the schema \("Lead", "Customer", "It's \\"odd\\""\)/);
    expect(bad({ Tags: { id: 'tg', type: 'multi_select', multi_select: [{ name: 'cold' }] } })).toThrowError(/option "cold"/);
    expect(bad({ Company: { id: 'co', type: 'relation', relation: [], has_more: true } })).toThrowError(/has_more/);
    expect(bad({ Score: { id: 'sc', type: 'formula', formula: { type: 'string', string: 'x' } } })).toThrowError(/expected a number formula result/);
    expect(bad({ Ticket: { id: 'tk', type: 'unique_id', unique_id: { prefix: 'CRM', number: null } } })).toThrowError(/"Ticket": expected a unique id/);
    expect(bad({ When: { id: 'wh', type: 'date', date: { end: null } } })).toThrowError(/"When": expected a date or null/);
    expect(bad({ Segments: { id: 'sg', type: 'rollup', rollup: { type: 'array', array: [{ type: 'number', number: 1 }] } } })).toThrowError(/rollup item of type select/);
  });

  it('returns null for formula and rollup results Notion cannot compute', () => {
    const row = parseCrmContacts(contactPage({
      Score: { id: 'sc', type: 'formula', formula: { type: 'unsupported', unsupported: {} } },
      Revenue: { id: 'rv', type: 'rollup', rollup: { type: 'incomplete', incomplete: {}, function: 'sum' } },
    }));
    expect(row.Score).toBeNull();
    expect(row.Revenue).toBeNull();
  });

  it('rejects something that is not a page', () => {
    expect(() => parseCrmContacts({ object: 'database', id: 'x' } as unknown as PageObjectResponse)).toThrowError(/crm\.contacts: expected a page object/);
    expect(() => parseCrmContacts({ object: 'page', id: 'x' } as unknown as PageObjectResponse)).toThrowError(/has no properties/);
  });
});

describe('toProperties', () => {
  it('keys by property id when known, else by exact name, and leaves absent keys out', () => {
    const props = crmContactsToProperties({ Name: 'Ada', Stage: 'Lead', 'Full name': 'A', Amount: null });
    expect(props).toEqual({
      title: { title: [{ type: 'text', text: { content: 'Ada' } }] },
      'St%3Ag': { select: { name: 'Lead' } },
      'Full name': { rich_text: [{ type: 'text', text: { content: 'A' } }] },
      amt1: { number: null },
    });
    expect(CrmContacts.properties.stage.id).toBe('St%3Ag');
  });

  it('writes every writable type in the request shape', () => {
    expect(crmContactsToProperties({
      Tags: ['vip'], Status: null, When: date, Owner: ['u1'], Attachments: [{ name: 'n', url: 'https://u' }], Active: true,
      Website: 'https://w', Email: null, Phone: '1', Company: ['p1'], Office: { lat: 1, lon: 2 }, '🏢': false, class: '',
    })).toEqual({
      Tags: { multi_select: [{ name: 'vip' }] },
      Status: { status: null },
      When: { date: { start: '2026-01-02', end: null, time_zone: null } },
      Owner: { people: [{ id: 'u1', object: 'user' }] },
      Attachments: { files: [{ name: 'n', type: 'external', external: { url: 'https://u' } }] },
      Active: { checkbox: true },
      Website: { url: 'https://w' },
      Email: { email: null },
      Phone: { phone_number: '1' },
      Company: { relation: [{ id: 'p1' }] },
      Office: { place: { lat: 1, lon: 2 } },
      '🏢': { checkbox: false },
      class: { rich_text: [] },
    });
  });

  it('splits text into chunks of at most 2000 UTF-16 units without breaking a surrogate pair', () => {
    const s = `${'a'.repeat(1999)}😀${'b'.repeat(4000)}`;
    const chunks = nsText(s).map((c) => c.text.content);
    expect(chunks.join('')).toBe(s);
    expect(chunks.every((c) => c.length <= 2000)).toBe(true);
    expect(chunks[0]).toBe('a'.repeat(1999));
    expect(nsText('')).toEqual([]);
  });
});
