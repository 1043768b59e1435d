import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/notion/redact.js';

describe('redact', () => {
  it('removes any secret wherever it appears (property)', () => {
    fc.assert(fc.property(
      fc.string({ minLength: 4, maxLength: 40 }).filter((s) => s.trim().length >= 4),
      fc.array(fc.string(), { maxLength: 4 }),
      (secret, parts) => {
        const text = parts.join(secret) + secret + encodeURIComponent(secret);
        expect(redact(text, [secret])).not.toContain(secret);
        expect(redact(`x ${secret} REDACTED`, [secret])).not.toContain(secret);
      },
    ));
  });

  it('redacts Notion-shaped tokens and Bearer values it was not told about', () => {
    const out = redact('Authorization: Bearer abc.def-123 then ntn_abcdefgh12345678 and secret_ZZZZZZZZZZ', []);
    expect(out).not.toMatch(/abc\.def-123|ntn_abcdefgh|secret_ZZZ/);
  });

  it('copes with a secret that is part of the marker', () => {
    expect(redact('a DACT b', ['DACT'])).not.toContain('DACT');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('GET /v1/users/me 200 3ms', ['ntn_nothere123'])).toBe('GET /v1/users/me 200 3ms');
  });
});
