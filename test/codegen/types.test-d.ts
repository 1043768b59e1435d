import type { CreatePageParameters, PageObjectResponse, UpdatePageParameters } from '@notionhq/client';
import { describe, expectTypeOf, it } from 'vitest';
import {
  CrmContacts, crmContactsToProperties, parseCrmContacts, type CrmContactsRow, type CrmContactsWritable,
  aBC2ToProperties, type ABC2Row, type NotionDateValue,
} from '../fixtures/codegen/expected.js';

declare const page: PageObjectResponse;
const row = parseCrmContacts(page);

describe('generated row types', () => {
  it('a select union is exact', () => {
    expectTypeOf(row.Stage).toEqualTypeOf<'Lead' | 'Customer' | 'It\'s "odd"' | null>();
    expectTypeOf(row.Status).toEqualTypeOf<'Not started' | 'Done' | null>();
    expectTypeOf(row.Tags).toEqualTypeOf<('vip' | '🔥 hot')[]>();
    expectTypeOf<ABC2Row['Empty']>().toEqualTypeOf<null>();
  });

  it('maps every value type as specified', () => {
    expectTypeOf(row.Name).toEqualTypeOf<string>();
    expectTypeOf(row['Full name']).toEqualTypeOf<string>();
    expectTypeOf(row.Amount).toEqualTypeOf<number | null>();
    expectTypeOf(row.When).toEqualTypeOf<{ start: string; end: string | null; time_zone: string | null } | null>();
    expectTypeOf(row.When).toMatchTypeOf<NotionDateValue | null>();
    expectTypeOf(row.Active).toEqualTypeOf<boolean>();
    expectTypeOf(row.Website).toEqualTypeOf<string | null>();
    expectTypeOf(row.Email).toEqualTypeOf<string | null>();
    expectTypeOf(row.Phone).toEqualTypeOf<string | null>();
    expectTypeOf(row.Owner).toEqualTypeOf<string[]>();
    expectTypeOf(row.Company).toEqualTypeOf<string[]>();
    expectTypeOf(row.Attachments).toEqualTypeOf<{ name: string; url: string }[]>();
    expectTypeOf(row.Ticket).toEqualTypeOf<{ prefix: string | null; number: number }>();
    expectTypeOf(row.Score).toEqualTypeOf<number | null>();
    expectTypeOf(row.Label).toEqualTypeOf<string | null>();
    expectTypeOf(row.Revenue).toEqualTypeOf<number | null>();
    expectTypeOf(row.Segments).toEqualTypeOf<('SMB' | 'Enterprise' | null)[]>();
    expectTypeOf(row.Created).toEqualTypeOf<string>();
    expectTypeOf(row['🏢']).toEqualTypeOf<boolean>();
  });

  it('created and edited fields and computed values are read-only', () => {
    // @ts-expect-error Created is read-only
    row.Created = 'x';
    // @ts-expect-error formula values are read-only
    row.Score = 1;
    const r: CrmContactsRow = row;
    r.Name = 'writable';
    expectTypeOf<keyof CrmContactsWritable>().not.toEqualTypeOf<keyof CrmContactsRow>();
    expectTypeOf<CrmContactsWritable>().not.toHaveProperty('Created');
    expectTypeOf<CrmContactsWritable>().not.toHaveProperty('Ticket');
    expectTypeOf<CrmContactsWritable>().toHaveProperty('Stage');
  });
});

describe('toProperties', () => {
  it('returns a value assignable to CreatePageParameters and UpdatePageParameters properties', () => {
    const props = crmContactsToProperties({ Name: 'Ada', Stage: 'Customer' });
    expectTypeOf(props).toMatchTypeOf<NonNullable<CreatePageParameters['properties']>>();
    expectTypeOf(props).toMatchTypeOf<NonNullable<UpdatePageParameters['properties']>>();
  });

  it('does not accept a read-only property', () => {
    // @ts-expect-error created_time is read-only
    crmContactsToProperties({ Created: '2026-01-01T00:00:00.000Z' });
    // @ts-expect-error formula values are read-only
    crmContactsToProperties({ Score: 2 });
    // @ts-expect-error unique ids are read-only
    crmContactsToProperties({ Ticket: { prefix: 'CRM', number: 1 } });
    expectTypeOf(crmContactsToProperties).parameter(0).not.toHaveProperty('Created by');
  });

  it('an unknown option fails to compile', () => {
    // @ts-expect-error "Prospect" is not an option of Stage
    crmContactsToProperties({ Stage: 'Prospect' });
    // @ts-expect-error "cold" is not an option of Tags
    crmContactsToProperties({ Tags: ['vip', 'cold'] });
    // @ts-expect-error a select with no options accepts only null
    aBC2ToProperties({ Empty: 'x' });
    crmContactsToProperties({ Stage: 'Lead', Tags: ['🔥 hot'] });
  });

  it('an unknown property fails to compile', () => {
    // @ts-expect-error "Nmae" is not a property
    crmContactsToProperties({ Nmae: 'typo' });
  });

  it('exposes ids and exact names as literal types', () => {
    expectTypeOf(CrmContacts.properties.stage.id).toEqualTypeOf<'St%3Ag'>();
    expectTypeOf(CrmContacts.properties.fullName2.name).toEqualTypeOf<'full-name'>();
    expectTypeOf(CrmContacts.dataSourceId).toEqualTypeOf<'1f6e0000-0000-4000-8000-00000000c0de'>();
  });
});
