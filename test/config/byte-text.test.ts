import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteLineIndex, decodeBytes, HighBytes, printableBytes, toByteText } from '../../src/config/byte-text.js';
import { printable } from '../../src/config/fast-yaml-scan.js';
import { lineIndex } from '../../src/config/line-index.js';
import { parseSchemaBytes, parseSchemaText } from '../../src/config/parse.js';
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateScale } from '../../bench/gen-scale.js';
import { yamlFiles } from './yaml-cases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const UNIT = fc.constantFrom('a', ' ', '\n', ':', 'é', '🏢', '日', '\u0085', '\u00a0', '\ufeff', '\u2028', '\ufffe', '\uffff', '\ufffd', '！', '\u00c2', '\r', '\r\n', '\t', '\u0007', '\u007f');

describe('byte texts (a text read as its UTF-8 bytes)', () => {
  it('an ASCII text, or one with a lone surrogate, is read as it is', () => {
    expect(toByteText('a: 1\n')).toBe(null);
    expect(toByteText('a: "\ud800"\n')).toBe(null);
    const bt = toByteText('a: é\n');
    expect(bt?.s).toBe('a: \xc3\xa9\n');
    expect([...(bt?.runs ?? [])]).toEqual([3, 5]);
  });

  it('HighBytes.has answers as a scan of the bytes would, in any order of questions', () => {
    fc.assert(fc.property(fc.string({ unit: UNIT, minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }), (text, ranges) => {
      const bt = toByteText(`${text}é`);
      if (bt === null) return;
      const high = new HighBytes(bt.runs);
      for (const [a, b] of ranges) {
        const p = a % bt.s.length;
        const end = p + (b % (bt.s.length - p + 1));
        expect(high.has(p, end)).toBe(/[\x80-\xff]/.test(bt.s.slice(p, end)));
      }
    }));
  });

  it('printableBytes says what printable says of the text', () => {
    fc.assert(fc.property(fc.string({ unit: UNIT, maxLength: 30 }), (text) => {
      const bt = toByteText(`é${text}`);
      if (bt === null) return;
      expect(printableBytes(bt.s, 0)).toBe(printable(`é${text}`, 0));
    }));
  });

  it('byte offsets are located in the lines and UTF-16 columns of the text', () => {
    fc.assert(fc.property(fc.string({ unit: UNIT, minLength: 1, maxLength: 40 }), (body) => {
      const text = `é${body}`;
      const bt = toByteText(text);
      if (bt === null) return;
      const at = byteLineIndex(bt, 'f', lineIndex(bt.s, 'f'));
      const units = lineIndex(text, 'f');
      // Every offset at a character boundary.
      for (let b = 0; b <= bt.s.length; b++) {
        if (b < bt.s.length && (bt.s.charCodeAt(b) & 0xc0) === 0x80) continue;
        expect(at(b)).toEqual(units(decodeBytes(bt.s.slice(0, b)).length));
      }
    }));
  });

  it('a diagnostic after characters above U+007F on its line has the exact column', () => {
    const line = '          Kind: { type: select, options: [{ name: "🏢 é 日本" }, { name: X, color: purpleish }] }';
    const text = `version: 1
databases:
  crm:
    title: "Kundenübersicht 🏢"
    parent: { page_id: "a3857312-2d80-4f6d-b6b3-0964702cd017" }
    data_sources:
      main:
        title: Größe
        properties:
          Name: { type: title }
${line}
`;
    const { diagnostics } = parseSchemaText(text, 'f.yaml');
    const bad = diagnostics.find((d) => d.severity === 'error');
    expect(bad?.location).toEqual({ file: 'f.yaml', line: 11, col: line.indexOf('purpleish') + 1 });
  });

  it('parseSchemaBytes gives what parseSchemaText gives of the decoded text: every fixture and example, with a BOM, CRLF, errors', () => {
    const files = [...yamlFiles(join(ROOT, 'test/fixtures')), ...yamlFiles(join(ROOT, 'examples'))];
    const texts = files.map((f) => readFileSync(f)).filter((b) => isUtf8(b)).map((b) => b.toString('utf8'));
    const scale = generateScale(4, { parent: 'a3857312-2d80-4f6d-b6b3-0964702cd017' });
    texts.push(`\uFEFF${scale}`, scale.replace(/\n/g, '\r\n'), scale.replace('color: purple', 'color: purpleish'), scale.replace(/Source/g, 'Größe 🏢'));
    let nonAscii = 0;
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length !== text.length) nonAscii++;
      for (const env of [{}, { HOME: 'é' }]) {
        expect(parseSchemaBytes(bytes, 'f.yaml', { env }), text.slice(0, 200)).toEqual(parseSchemaText(text, 'f.yaml', { env }));
      }
    }
    expect(nonAscii).toBeGreaterThan(10);
  });

  it('a position inside a formula after characters above U+007F is where the yaml package puts it', () => {
    const body = `version: 1
databases:
  crm:
    title: "Kundenübersicht 🏢"
    parent: { page_id: "a3857312-2d80-4f6d-b6b3-0964702cd017" }
    data_sources:
      main:
        title: Größe
        properties:
          Name: { type: title }
          "Größe €": { type: number }
          F: { type: formula, expression: 'prop("Größe €") + 🏢 + (1' }
`;
    const fast = parseSchemaText(body, 'f.yaml').diagnostics;
    // A directive sends the file to the yaml package (two lines more).
    const slow = parseSchemaText(`%YAML 1.2\n---\n${body}`, 'f.yaml').diagnostics
      .map((d) => ({ ...d, ...(d.location ? { location: { ...d.location, line: d.location.line - 2 } } : {}) }));
    expect(fast.map((d) => [d.code, d.location?.line, d.location?.col])).toEqual([['formula-syntax', 12, 62]]);
    expect(fast).toEqual(slow);
    expect(parseSchemaBytes(Buffer.from(body, 'utf8'), 'f.yaml').diagnostics).toEqual(fast);
  });
});
