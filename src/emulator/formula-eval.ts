/** A computed formula value in the page response shape. */
export type FormulaValue =
  | { type: 'number'; number: number | null }
  | { type: 'string'; string: string | null }
  | { type: 'boolean'; boolean: boolean | null };

type Scalar = number | string | boolean | null;

/**
 * Evaluates the subset of Notion formulas the emulator supports: number, string and boolean
 * literals, property references, `+ - * / %`, comparisons (`== != > < >= <=`), `and`/`or`/`not`
 * (also `&& || !`), parentheses, unary minus, and the functions `if`, `concat`, `length`,
 * `lower`, `upper`, `contains`, `empty`, `abs`, `round`, `floor`, `ceil`, `min`, `max`,
 * `toNumber` and `format`. Anything else yields a typed null (`{type: "string", string: null}`),
 * documented in docs/emulator.md.
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

function num(v: Scalar): number {
  if (typeof v === 'number') return v;
  if (v === null || v === '') return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error('not a number');
  return n;
}

function str(v: Scalar): string {
  return v === null ? '' : String(v);
}

function truthy(v: Scalar): boolean {
  return v !== null && v !== false && v !== 0 && v !== '';
}

const FUNCTIONS: Readonly<Record<string, (args: Scalar[]) => Scalar>> = {
  concat: (a) => a.map(str).join(''),
  length: (a) => str(a[0] ?? null).length,
  lower: (a) => str(a[0] ?? null).toLowerCase(),
  upper: (a) => str(a[0] ?? null).toUpperCase(),
  contains: (a) => str(a[0] ?? null).includes(str(a[1] ?? null)),
  empty: (a) => !truthy(a[0] ?? null),
  abs: (a) => Math.abs(num(a[0] ?? null)),
  round: (a) => {
    const p = 10 ** num(a[1] ?? 0);
    return Math.round(num(a[0] ?? null) * p) / p;
  },
  floor: (a) => Math.floor(num(a[0] ?? null)),
  ceil: (a) => Math.ceil(num(a[0] ?? null)),
  min: (a) => Math.min(...a.map(num)),
  max: (a) => Math.max(...a.map(num)),
  toNumber: (a) => {
    const n = Number(str(a[0] ?? null));
    return Number.isNaN(n) ? null : n;
  },
  format: (a) => str(a[0] ?? null),
};

class Parser {
  private i = 0;
  constructor(private readonly s: string, private readonly read: (propId: string) => Scalar) {}

  parse(): Scalar {
    const v = this.or();
    this.ws();
    if (this.i < this.s.length) throw new Error('trailing input');
    return v;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] ?? '')) this.i++;
  }

  /** Consumes one of `tokens` (words must not run into an identifier). */
  private eat(...tokens: string[]): string | null {
    this.ws();
    for (const t of tokens) {
      if (!this.s.startsWith(t, this.i)) continue;
      if (/^[a-z]/.test(t) && /[A-Za-z0-9_]/.test(this.s[this.i + t.length] ?? '')) continue;
      this.i += t.length;
      return t;
    }
    return null;
  }

  private or(): Scalar {
    let v = this.and();
    while (this.eat('||', 'or') !== null) {
      const r = this.and();
      v = truthy(v) || truthy(r);
    }
    return v;
  }

  private and(): Scalar {
    let v = this.cmp();
    while (this.eat('&&', 'and') !== null) {
      const r = this.cmp();
      v = truthy(v) && truthy(r);
    }
    return v;
  }

  private cmp(): Scalar {
    const v = this.sum();
    const op = this.eat('==', '!=', '>=', '<=', '>', '<');
    if (op === null) return v;
    const r = this.sum();
    switch (op) {
      case '==': return v === r;
      case '!=': return v !== r;
      case '>': return num(v) > num(r);
      case '<': return num(v) < num(r);
      case '>=': return num(v) >= num(r);
      default: return num(v) <= num(r);
    }
  }

  private sum(): Scalar {
    let v = this.product();
    for (;;) {
      const op = this.eat('+', '-');
      if (op === null) return v;
      const r = this.product();
      if (op === '+') v = typeof v === 'string' || typeof r === 'string' ? `${str(v)}${str(r)}` : num(v) + num(r);
      else v = num(v) - num(r);
    }
  }

  private product(): Scalar {
    let v = this.unary();
    for (;;) {
      const op = this.eat('*', '/', '%');
      if (op === null) return v;
      const r = this.unary();
      v = op === '*' ? num(v) * num(r) : op === '/' ? num(v) / num(r) : num(v) % num(r);
    }
  }

  private unary(): Scalar {
    if (this.eat('-') !== null) return -num(this.unary());
    if (this.eat('!', 'not') !== null) return !truthy(this.unary());
    return this.atom();
  }

  private atom(): Scalar {
    this.ws();
    const rest = this.s.slice(this.i);
    if (this.eat('(') !== null) {
      const v = this.or();
      if (this.eat(')') === null) throw new Error('expected )');
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
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (quoted !== null) {
      this.i += quoted[0].length;
      return (quoted[1] ?? '').replace(/\\(.)/g, '$1');
    }
    if (this.eat('true') !== null) return true;
    if (this.eat('false') !== null) return false;
    const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(rest);
    if (call !== null) {
      const name = call[1] ?? '';
      this.i += call[0].length;
      const args: Scalar[] = [];
      if (this.eat(')') === null) {
        do args.push(this.or()); while (this.eat(',') !== null);
        if (this.eat(')') === null) throw new Error('expected )');
      }
      if (name === 'if') return truthy(args[0] ?? null) ? (args[1] ?? null) : (args[2] ?? null);
      const fn = FUNCTIONS[name];
      if (fn === undefined) throw new Error(`unsupported function ${name}`);
      return fn(args);
    }
    throw new Error('unsupported');
  }
}
