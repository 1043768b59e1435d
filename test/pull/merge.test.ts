import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeSchema, GONE_MARK } from '../../src/pull/merge.js';
import { emitSchema } from '../../src/pull/emit.js';
import { crmWorkspace, EMIT_OPTS, uuid } from './live-builders.js';
import { fixture, golden } from './golden.js';

const MERGE_OPTS = { ...EMIT_OPTS, complete: false } as const;

describe('mergeSchema', () => {
  const existing = fixture('pull-merge/existing.schema.yaml');

  it('matches the golden file and keeps every user comment', () => {
    const { yaml } = mergeSchema(existing, 'existing.schema.yaml', crmWorkspace(), MERGE_OPTS);
    expect(yaml).toBe(golden('pull-merge/merged.schema.yaml', yaml));
    for (const line of existing.split('\n')) {
      const comment = /#\s(?!.*\$schema)(?!Pulled from).*$/.exec(line)?.[0];
      if (comment !== undefined) expect(yaml).toContain(comment);
    }
  });

  it('reuses keys bound by id and rewrites relations with them', () => {
    const { yaml, lock } = mergeSchema(existing, 'x.yaml', crmWorkspace(), MERGE_OPTS);
    const data = parse(yaml);
    expect(data.databases.sales.data_sources.companies.properties.Contacts.data_source).toBe('sales.people');
    expect(lock.databases['sales']).toEqual({ id: uuid(1), data_sources: { people: uuid(11), companies: uuid(12) } });
    expect(data.databases.crm).toBeUndefined();
  });

  it('updates changed values, adds new entries and keeps ${…} values and renamed_from', () => {
    const data = parse(mergeSchema(existing, 'x.yaml', crmWorkspace(), MERGE_OPTS).yaml);
    const people = data.databases.sales.data_sources.people.properties;
    expect(people.Amount).toEqual({ type: 'number', format: 'dollar' });
    expect(people.Email).toEqual({ type: 'email', description: 'Work email' });
    expect(people.Status.type).toBe('status');
    expect(people['Full name']).toEqual({ type: 'rich_text', renamed_from: ['Fullname'] });
    expect(people.Stage.options.map((o: { name: string }) => o.name)).toEqual(['Lead', 'Customer', 'Churned']);
    expect(data.databases.sales.parent.page_id).toBe('${NOTION_PARENT_PAGE:-a0000000-0000-0000-0000-0000000003e7}');
    expect(data.databases.sales.id).toBe('A0000000000000000000000000000001');
  });

  it('marks what disappeared instead of deleting it, and leaves out-of-scope databases alone', () => {
    const { yaml } = mergeSchema(existing, 'x.yaml', crmWorkspace(), MERGE_OPTS);
    expect(yaml).toMatch(new RegExp(`# ${GONE_MARK} on [^\\n]*property[^\\n]*\\n\\s+Fax: \\{ type: phone_number \\} # legacy`));
    expect(yaml).toMatch(new RegExp(`# ${GONE_MARK}[^\\n]*option[^\\n]*\\n\\s+- \\{ name: Churned, color: red \\}`));
    expect(yaml).toMatch(/# Hand-written, not yet applied.\n {2}roadmap:/);
    expect(yaml.split(GONE_MARK)).toHaveLength(4); // Churned, Fax, Full name
  });

  it('marks databases that are gone when every database was pulled (--all)', () => {
    const { yaml } = mergeSchema(existing, 'x.yaml', crmWorkspace(), { ...MERGE_OPTS, complete: true });
    expect(yaml).toMatch(new RegExp(`# ${GONE_MARK}[^\\n]*database[^\\n]*\\n {2}roadmap:`));
  });

  it('is idempotent: merging twice gives the same text', () => {
    const once = mergeSchema(existing, 'x.yaml', crmWorkspace(), MERGE_OPTS).yaml;
    const twice = mergeSchema(once, 'x.yaml', crmWorkspace(), MERGE_OPTS).yaml;
    expect(twice).toBe(once);
  });

  it('merging a fresh pull into itself changes nothing but the header date', () => {
    const fresh = emitSchema(crmWorkspace(), EMIT_OPTS).yaml;
    const merged = mergeSchema(fresh, 'x.yaml', crmWorkspace(), { ...MERGE_OPTS, date: '2030-01-01T00:00:00Z' }).yaml;
    expect(merged).toBe(fresh.replace('2026-01-02T03:04:05Z', '2030-01-01T00:00:00Z'));
  });

  it('rejects a file that is not valid YAML with a located error', () => {
    expect(() => mergeSchema('databases: [\n', 'bad.yaml', crmWorkspace(), MERGE_OPTS)).toThrow(/bad.yaml is not valid YAML/);
  });

  it('uses lock-file bindings when the file has no ids', () => {
    const text = 'databases:\n  mine:\n    title: CRM\n    data_sources:\n      c:\n        title: Contacts\n        properties:\n          Name: { type: title }\n';
    const lock = { version: 1 as const, databases: { mine: { id: uuid(1), data_sources: { c: uuid(11) } } } };
    const data = parse(mergeSchema(text, 'x.yaml', crmWorkspace(), { ...MERGE_OPTS, lock }).yaml);
    expect(Object.keys(data.databases)).toEqual(['mine', 'tasks']);
    expect(data.databases.mine.data_sources.c.id).toBe(uuid(11));
    expect(data.databases.mine.data_sources.companies.properties.Contacts.data_source).toBe('mine.c');
  });

  it('drops fields the live side no longer has, but keeps renamed_from', () => {
    const text = emitSchema(crmWorkspace(), EMIT_OPTS).yaml
      .replace('Email: { type: email, description: Work email }', 'Email: { type: email, description: Old text, renamed_from: [Mail] }')
      .replace('Amount: { type: number, format: dollar }', 'Amount: { type: number, format: dollar, description: Gone }');
    const props = parse(mergeSchema(text, 'x.yaml', crmWorkspace(), MERGE_OPTS).yaml).databases.crm.data_sources.contacts.properties;
    expect(props.Email).toEqual({ type: 'email', description: 'Work email', renamed_from: ['Mail'] });
    expect(props.Amount).toEqual({ type: 'number', format: 'dollar' });
  });

  it('keeps one header when the leading comment touches the first key (no blank line), as in examples/', () => {
    const body = existing.replace(/^(#.*\n)+\n/, '');
    const schemaRef = '# yaml-language-server: $schema=../schemas/notion-schema.schema.json';
    const userHead = `${schemaRef}\n#\n# Our workspace.\n`;
    const once = mergeSchema(userHead + body, 'x.yaml', crmWorkspace(), MERGE_OPTS).yaml;
    const pulled = `# Pulled from ${EMIT_OPTS.source} on ${EMIT_OPTS.date} by notion-schema ${EMIT_OPTS.toolVersion}`;
    expect(once.startsWith(`${schemaRef}\n${pulled}\n#\n# Our workspace.\nversion: 1\n`)).toBe(true);
    const again = mergeSchema(once, 'x.yaml', crmWorkspace(), { ...MERGE_OPTS, date: '2030-01-01T00:00:00Z' }).yaml;
    expect(again).toBe(once.replace(EMIT_OPTS.date, '2030-01-01T00:00:00Z'));
    expect(again.match(/yaml-language-server/g)).toHaveLength(1);
    expect(again.match(/Pulled from/g)).toHaveLength(1);
  });

  it('puts the header above a leading user comment that has no schema line', () => {
    const body = existing.replace(/^(#.*\n)+\n/, '');
    const merged = mergeSchema(`# Our workspace.\n${body}`, 'x.yaml', crmWorkspace(), MERGE_OPTS).yaml;
    const header = emitSchema(crmWorkspace(), EMIT_OPTS).yaml.split('\n').slice(0, 2).join('\n');
    expect(merged.startsWith(`${header}\n\n# Our workspace.\nversion: 1\n`)).toBe(true);
    const again = mergeSchema(merged, 'x.yaml', crmWorkspace(), MERGE_OPTS).yaml;
    expect(again).toBe(merged);
  });

  it('fills an empty file, with the header', () => {
    const { yaml } = mergeSchema('', 'x.yaml', crmWorkspace(), MERGE_OPTS);
    expect(yaml).toBe(emitSchema(crmWorkspace(), EMIT_OPTS).yaml.replace('version: 1\n', ''));
  });

  it('turns a flow property into a block map when its new type has options', () => {
    const text = emitSchema(crmWorkspace(), EMIT_OPTS).yaml.replace(/ {10}Stage:\n( {12}.*\n)+/, '          Stage: { type: email } # was email\n');
    const yaml = mergeSchema(text, 'x.yaml', crmWorkspace(), MERGE_OPTS).yaml;
    expect(yaml).toContain('          Stage:\n            type: select\n            options:\n              - { name: Lead, color: gray, description: New }\n');
    expect(yaml).toContain('# was email');
  });
});
