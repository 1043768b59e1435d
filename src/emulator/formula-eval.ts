import type { StoredProperty } from './state-types.js';

/** A computed formula value in the page response shape. */
export type FormulaValue =
  | { type: 'number'; number: number | null }
  | { type: 'string'; string: string | null }
  | { type: 'boolean'; boolean: boolean | null };

type Scalar = number | string | boolean | null;

/**
 * Evaluates the simple formulas the emulator supports: number, string and boolean literals,
 * property references, `+ - * /`, parentheses and unary minus. Anything else yields a
 * typed null (`{type: "string", string: null}`), documented in docs/emulator.md.
 */
export function evaluateFormula(stored: string, read: (propId: string) => Scalar): FormulaValue {
  try {
    const v = new Parser(stored, read).parse();
    if (typeof v === 'number') return { type: 'number', number: Number.isFinite(v) ? v : null };
    if (typeof v === 'boolean') return { type: 'boolean', boolean: v };
    return { type: 'string', string: v };
  } catch {
    return { type: 'string', string: null };
  }
}

class Parser {
  private i = 0;
  constructor(private readonly s: string, private readonly read: (propId: string) => Scalar) {}

  parse(): Scalar {
    const v = this.sum();
    this.ws();
    if (this.i < this.s.length) throw new Error('trailing input');
    return v;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] ?? '')) this.i++;
  }

  private sum(): Scalar {
    let v = this.product();
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c !== '+' && c !== '-') return v;
      this.i++;
      const r = this.product();
      if (c === '+') v = typeof v === 'string' || typeof r === 'string' ? `${v ?? ''}${r ?? ''}` : num(v) + num(r);
      else v = num(v) - num(r);
    }
  }

  private product(): Scalar {
    let v = this.unary();
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c !== '*' && c !== '/') return v;
      this.i++;
      const r = this.unary();
      v = c === '*' ? num(v) * num(r) : num(v) / num(r);
    }
  }

  private unary(): Scalar {
    this.ws();
    if (this.s[this.i] === '-') {
      this.i++;
      return -num(this.unary());
    }
    return this.atom();
  }

  private atom(): Scalar {
    this.ws();
    const rest = this.s.slice(this.i);
    if (rest.startsWith('(')) {
      this.i++;
      const v = this.sum();
      this.ws();
      if (this.s[this.i] !== ')') throw new Error('expected )');
      this.i++;
      return v;
    }
    const ref = /^\{\{notion:block_property:([^}]+)\}\}/.exec(rest);
    if (ref !== null) {
      this.i += ref[0].length;
      return this.read(decodeURIComponent(ref[1] ?? ''));
    }
    const n = /^\d+(\.\d+)?/.exec(rest);
    if (n !== null) {
      this.i += n[0].length;
      return Number(n[0]);
    }
    const str = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (str !== null) {
      this.i += str[0].length;
      return (str[1] ?? '').replace(/\\(.)/g, '$1');
    }
    if (rest.startsWith('true')) { this.i += 4; return true; }
    if (rest.startsWith('false')) { this.i += 5; return false; }
    throw new Error('unsupported');
  }
}

function num(v: Scalar): number {
  if (typeof v === 'number') return v;
  if (v === null || v === '') return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error('not a number');
  return n;
}

/** Whether a property's value can be read as a formula scalar. */
export function isScalarType(p: StoredProperty): boolean {
  return ['number', 'checkbox', 'title', 'rich_text', 'url', 'email', 'phone_number', 'select', 'status', 'unique_id'].includes(p.type);
}
