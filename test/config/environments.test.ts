import { describe, expect, it } from 'vitest';
import { parseSchemaText } from '../../src/config/index.js';

const PARENT_S = '5d1b6e3a-0000-4000-8000-000000000001';
const PARENT_P = '9c2e7f4b-0000-4000-8000-000000000002';
const DBS = `databases:
  crm:
    title: CRM
    parent: { page_id: "\${PARENT}" }
    data_sources:
      contacts: { title: Contacts, properties: { Name: { type: title } } }
`;
const TWO = `environments:
  staging:    { token_env: NOTION_TOKEN_STAGING, vars: { PARENT: ${PARENT_S} }, default: true }
  production: { token_env: NOTION_TOKEN_PROD, vars: { PARENT: ${PARENT_P} }, requires: staging }
${DBS}`;

const errors = (text: string, opts = {}): string[] =>
  parseSchemaText(text, 's.yaml', opts).diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.location?.line ?? 0}:${d.location?.col ?? 0} ${d.code} ${d.message}`);

const parent = (text: string, opts = {}): string | undefined => {
  const db = parseSchemaText(text, 's.yaml', opts).desired?.databases[0];
  return db?.parent.type === 'page_id' ? db.parent.page_id : undefined;
};

describe('environments:', () => {
  it('expands ${NAME} from the chosen environment\'s vars before the process environment', () => {
    expect(parent(TWO, { env: { PARENT: PARENT_P } })).toBe(PARENT_S); // the default: staging's vars win
    expect(parent(TWO, { environment: 'production', env: { PARENT: PARENT_S } })).toBe(PARENT_P);
    const r = parseSchemaText(TWO, 's.yaml', { environment: 'production' });
    expect(r.environments?.declared.map((e) => e.name)).toEqual(['staging', 'production']);
    expect(r.environments?.selection?.selected).toMatchObject({ name: 'production', tokenEnv: 'NOTION_TOKEN_PROD', requires: 'staging', local: false });
  });

  it('the same schema hash for every environment (the text is hashed, not the expansion)', () => {
    const a = parseSchemaText(TWO, 's.yaml', { environment: 'staging' }).desired?.hash;
    expect(a).toBeDefined();
    expect(parseSchemaText(TWO, 's.yaml', { environment: 'production' }).desired?.hash).toBe(a);
  });

  it('an unknown --env is an error at the environments: key, listing the declared ones', () => {
    expect(errors(TWO, { environment: 'prod' })[0]).toBe('1:1 env-unknown unknown environment "prod"; the file declares: staging, production');
  });

  it('without a default and without --env, says how to choose; validate-style parsing does not', () => {
    const noDefault = TWO.replace(', default: true', '');
    expect(errors(noDefault)[0]).toContain('env-unknown the file declares 2 environments (staging, production) and none is the default');
    expect(errors(noDefault, { requireEnvironment: false, env: { PARENT: PARENT_S } })).toEqual([]);
  });

  it('--env on a file without environments is an error', () => {
    expect(errors(DBS, { environment: 'staging', env: { PARENT: PARENT_S } })).toEqual(['1:1 env-unknown --env staging: the file declares no environments']);
  });

  it('reports bad declarations with file:line:col', () => {
    const bad = `environments:
  a: { local: true, token_env: T_ONE }
  b: { vars: { API_TOKEN: x } }
  c: { local: true, requires: zz, default: true }
  d: { local: true, requires: d, default: true }
${DBS.replace('"${PARENT}"', PARENT_S)}`;
    expect(errors(bad, { environment: 'a' })).toEqual([
      '2:21 env-connection environment a has both local: true and token_env',
      '3:3 env-connection environment b says neither token_env nor local: true',
      '3:16 env-secret vars.API_TOKEN of environment b names a secret; vars are written in the file and reach plans',
      '4:31 env-requires environment c requires zz, which is not declared',
      '5:31 env-requires environment d requires itself',
      '5:34 env-default environments c and d are both default: true',
    ]);
  });

  it('a token pasted as token_env is refused without echoing it', () => {
    const token = 'ntn_' + 'a1B2c3D4e5'.repeat(4);
    const r = parseSchemaText(`environments:\n  s: { token_env: ${token} }\n${DBS.replace('"${PARENT}"', PARENT_S)}`, 's.yaml');
    const e = r.diagnostics.filter((d) => d.severity === 'error');
    expect(e.map((d) => `${d.location?.line}:${d.location?.col} ${d.code} ${d.message}`)).toEqual(['2:19 env-secret token_env of environment s looks like a token itself, not the name of a variable']);
    expect(JSON.stringify(r.diagnostics)).not.toContain(token);
  });

  it('a cycle of requires is refused; a chain is fine', () => {
    const cyc = `environments:
  a: { local: true, requires: b, default: true }
  b: { local: true, requires: a }
  c: { local: true, requires: a }
${DBS.replace('"${PARENT}"', PARENT_S)}`;
    expect(errors(cyc).filter((e) => e.includes('cycle'))).toEqual([
      '2:31 env-requires the requires of environment a form a cycle (a → b → a)',
      '3:31 env-requires the requires of environment b form a cycle (b → a → b)',
    ]);
  });

  it('structural problems in the section are JSON Schema errors with their place', () => {
    const typo = `environments:\n  s: { token_env: NOTION_TOKEN_S, rate_limt: 3 }\n${DBS.replace('"${PARENT}"', PARENT_S)}`;
    const e = errors(typo);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^2:\d+ .*rate_limt/);
  });
});
