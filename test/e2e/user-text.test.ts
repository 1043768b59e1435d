import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { cli, freshParent, projectDir, TOKEN } from './apply-helpers.js';

/**
 * User text that looks like a reference (`{{database_id:…}}`, `$ref`) is data: it reaches Notion
 * exactly as written, and the next plan is empty. Format 1 plans rewrote such text.
 */
let emu: EmulatorHandle;
beforeAll(async () => { emu = await startEmulator({ tokens: [TOKEN] }); });
afterAll(async () => { await emu.close(); });

const TITLE = 'CRM {{database_id:crm}}';
const DESC = 'ids look like {{database_id:crm}} and {"$ref": "data_source_id", "key": "crm.contacts"}';
const PROP = 'Ref {{synced_property_id:s1}}';
const OPTION = '{{data_source_id:crm.contacts}}';

function schema(parent: string, description: string, extraOption = ''): string {
  return `version: 1
databases:
  crm:
    title: ${JSON.stringify(TITLE)}
    description: ${JSON.stringify(description)}
    parent: { page_id: "${parent}" }
    data_sources:
      contacts:
        title: "Contacts {{data_source_id:crm.contacts}}"
        properties:
          Name: { type: title }
          ${JSON.stringify(PROP)}: { type: rich_text, description: ${JSON.stringify(DESC)} }
          Stage:
            type: select
            options:
              - { name: ${JSON.stringify(OPTION)}, color: blue }${extraOption}
`;
}

const plain = (rt: readonly { plain_text: string }[]): string => rt.map((t) => t.plain_text).join('');

describe('user text containing reference-like braces', () => {
  it('is written literally on create and on an already-bound database, and the next plan is empty', async () => {
    const parent = await freshParent(emu);
    const dir = projectDir(schema(parent, DESC));
    const first = await cli(dir, emu.url, ['apply', '--yes']);
    expect(first.stderr).not.toMatch(/unresolved/);
    expect(first.code).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: { crm: { id: string; data_sources: { contacts: string } } } };
    const notion = new Client({ auth: TOKEN, baseUrl: emu.url });
    const check = async (description: string, options: string[]): Promise<void> => {
      const db = await notion.databases.retrieve({ database_id: lock.databases.crm.id }) as { title: { plain_text: string }[]; description: { plain_text: string }[] };
      expect(plain(db.title)).toBe(TITLE);
      expect(plain(db.description)).toBe(description);
      const ds = await notion.dataSources.retrieve({ data_source_id: lock.databases.crm.data_sources.contacts }) as {
        title: { plain_text: string }[]; properties: Record<string, { description?: string | null; select?: { options: { name: string }[] } }>;
      };
      expect(plain(ds.title)).toBe('Contacts {{data_source_id:crm.contacts}}');
      expect(ds.properties[PROP]?.description).toBe(DESC);
      expect(ds.properties['Stage']?.select?.options.map((o) => o.name)).toEqual(options);
    };
    await check(DESC, [OPTION]);
    const again = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(again.stdout).toMatch(/No changes/);
    expect(again.code).toBe(0);

    // The database is bound now: text naming its own key must not be replaced by its id.
    const bound = 'now bound: {{database_id:crm}} {{data_source_id:crm.contacts}}';
    writeFileSync(path.join(dir, 'notion.schema.yaml'), schema(parent, bound, `\n              - { name: "{{database_id:crm}}", color: red }`));
    const second = await cli(dir, emu.url, ['apply', '--yes']);
    expect(second.code).toBe(0);
    await check(bound, [OPTION, '{{database_id:crm}}']);
    // The lock binds keys to ids, never to reference text (recorded property and option names are the user's text, as written).
    const written = JSON.parse(readFileSync(path.join(dir, 'notion-schema.lock.json'), 'utf8')) as { databases: unknown; properties?: Record<string, Record<string, { options?: Record<string, string> }>> };
    expect(JSON.stringify(written.databases)).not.toContain('{{');
    expect(Object.keys(written.properties?.['crm.contacts']?.['Stage']?.options ?? {})).toContain('{{database_id:crm}}');
    const last = await cli(dir, emu.url, ['plan', '--detailed-exitcode']);
    expect(last.stdout).toMatch(/No changes/);
    expect(last.code).toBe(0);
  });
});
