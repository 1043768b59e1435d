/**
 * A recursive-descent parser of Notion's formula language (Formulas 2.0), used by `validate` to
 * refuse an expression Notion would reject before any write. Pure; linear in the expression.
 *
 * Grammar (lowest precedence first):
 *   expr     := or ('?' expr ':' expr)?
 *   or       := and (('or' | '||') and)*
 *   and      := not (('and' | '&&') not)*
 *   not      := ('not' | '!') not | compare
 *   compare  := sum (('==' | '!=' | '>=' | '<=' | '>' | '<') sum)*
 *   sum      := product (('+' | '-') product)*
 *   product  := unary (('*' | '/' | '%') unary)*
 *   unary    := ('-' | '+') unary | power
 *   power    := postfix ('^' unary)?
 *   postfix  := primary ('.' name ('(' args ')')?)*
 *   primary  := number | string | 'true' | 'false' | name '(' args ')' | name
 *             | '(' expr ')' | '[' args ']' | '{{notion:…}}'
 *   args     := (expr (',' expr)*)?
 * Whitespace, newlines and `/* … *\/` comments may appear between tokens. A bare name is a
 * variable (`current`, `index`, a `let` name) or a constant (`e`, `pi`). `prop(…)` takes exactly
 * one string literal.
 */

/** A syntax error at `index` (UTF-16 offset into the expression). */
export interface FormulaSyntaxError {
  readonly index: number;
  readonly message: string;
}

/** A call of a function this parser does not know (Notion may still accept it: a warning). */
export interface FormulaUnknownFunction {
  readonly index: number;
  readonly name: string;
}

/** What parsing found: the first syntax error (or null), and calls of unknown functions. */
export interface FormulaParse {
  readonly error: FormulaSyntaxError | null;
  readonly unknownFunctions: readonly FormulaUnknownFunction[];
}

/** Functions of Notion's formula language (docs: "Formula syntax & functions"). */
export const FORMULA_FUNCTIONS: ReadonlySet<string> = new Set([
  'if', 'ifs', 'empty', 'length', 'substring', 'contains', 'test', 'match', 'replace', 'replaceAll',
  'lower', 'upper', 'repeat', 'padStart', 'padEnd', 'link', 'style', 'unstyle', 'format', 'toNumber',
  'add', 'subtract', 'multiply', 'divide', 'mod', 'pow', 'equal', 'unequal', 'larger', 'largerEq',
  'smaller', 'smallerEq', 'unaryMinus', 'unaryPlus', 'and', 'or', 'not', 'min', 'max', 'sum',
  'median', 'mean', 'abs', 'round', 'ceil', 'floor', 'sqrt', 'cbrt', 'exp', 'ln', 'log10', 'log2',
  'sign', 'pi', 'e', 'now', 'today', 'minute', 'hour', 'day', 'date', 'week', 'month', 'year',
  'dateAdd', 'dateSubtract', 'dateBetween', 'dateRange', 'dateStart', 'dateEnd', 'timestamp',
  'fromTimestamp', 'formatDate', 'parseDate', 'name', 'email', 'at', 'first', 'last', 'slice',
  'concat', 'sort', 'reverse', 'join', 'split', 'unique', 'includes', 'find', 'findIndex', 'filter',
  'some', 'every', 'map', 'flat', 'count', 'id', 'let', 'lets', 'prop', 'start', 'end', 'splice',
  'toString', 'emptyList', 'list',
]);

type Tok =
  | { readonly t: 'num' | 'str' | 'name' | 'ref'; readonly at: number; readonly text: string }
  | { readonly t: 'op'; readonly at: number; readonly text: string }
  | { readonly t: 'end'; readonly at: number; readonly text: '' };

const OPS = ['==', '!=', '>=', '<=', '&&', '||', '>', '<', '+', '-', '*', '/', '%', '^', '!', '?', ':', '(', ')', '[', ']', ',', '.'];

class SyntaxFail extends Error {
  constructor(readonly index: number, message: string) {
    super(message);
  }
}

/** Splits the expression into tokens; throws SyntaxFail on a character that starts none. */
const NAME = /^[\p{L}_$][\p{L}\p{N}_$]*/u;
const isAsciiNameChar = (c: number, first: boolean): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24 || (!first && c >= 0x30 && c <= 0x39);

/**
 * The end of the name (a letter, `_` or `$`, then letters, digits, `_`, `$`) at i, or i. ASCII names
 * are scanned by character codes; a name with any other character goes to the Unicode regex, whose
 * first compilation costs milliseconds of every `validate` that has a formula.
 */
export function scanName(src: string, i: number): number {
  let j = i;
  while (j < src.length && isAsciiNameChar(src.charCodeAt(j), j === i)) j++;
  if (j < src.length && src.charCodeAt(j) > 0x7f) return i + (NAME.exec(src.slice(i, i + 256))?.[0].length ?? 0);
  return j;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new SyntaxFail(i, 'unterminated comment /* …');
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) throw new SyntaxFail(i, `unterminated string: the ${c === '"' ? 'double' : 'single'} quote here is never closed`);
      out.push({ t: 'str', at: i, text: src.slice(i + 1, j).replace(/\\(.)/g, '$1') });
      i = j + 1;
      continue;
    }
    if (src.startsWith('{{', i)) {
      const end = src.indexOf('}}', i + 2);
      if (end < 0) throw new SyntaxFail(i, 'unterminated {{…}} reference');
      out.push({ t: 'ref', at: i, text: src.slice(i, end + 2) });
      i = end + 2;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
    if (num) {
      out.push({ t: 'num', at: i, text: num[0] });
      i += num[0].length;
      continue;
    }
    const nameEnd = scanName(src, i);
    if (nameEnd > i) {
      out.push({ t: 'name', at: i, text: src.slice(i, nameEnd) });
      i = nameEnd;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op === undefined) throw new SyntaxFail(i, `unexpected character "${String.fromCodePoint(src.codePointAt(i) ?? 0)}"`);
    out.push({ t: 'op', at: i, text: op });
    i += op.length;
  }
  out.push({ t: 'end', at: src.length, text: '' });
  return out;
}

const COMPARE = new Set(['==', '!=', '>=', '<=', '>', '<']);

class Parser {
  private pos = 0;
  readonly unknown: FormulaUnknownFunction[] = [];
  constructor(private readonly toks: readonly Tok[]) {}

  private get peek(): Tok {
    return this.toks[this.pos] as Tok;
  }

  private atEnd(): boolean {
    return this.peek.t === 'end';
  }

  private isOp(text: string): boolean {
    return this.peek.t === 'op' && this.peek.text === text;
  }

  private isWord(text: string): boolean {
    return this.peek.t === 'name' && this.peek.text === text;
  }

  private fail(what: string): never {
    const tok = this.peek;
    throw new SyntaxFail(tok.at, tok.t === 'end' ? `the expression ends where ${what} is expected` : `expected ${what}, found "${tok.text}"`);
  }

  private expect(op: string, what: string): void {
    if (!this.isOp(op)) this.fail(what);
    this.pos++;
  }

  parseAll(): void {
    if (this.peek.t === 'end') throw new SyntaxFail(0, 'the expression is empty');
    this.expr();
    if (!this.atEnd()) this.fail('an operator or the end of the expression');
  }

  private expr(): void {
    this.binary(0);
    if (this.isOp('?')) {
      this.pos++;
      this.expr();
      this.expect(':', '":" of the ? : conditional');
      this.expr();
    }
  }

  /** Levels: 0 or, 1 and, 2 not (prefix), 3 compare, 4 sum, 5 product, 6 unary/power. */
  private binary(level: number): void {
    if (level === 2) {
      if (this.isWord('not') || this.isOp('!')) {
        this.pos++;
        this.binary(2);
      } else {
        this.binary(3);
      }
      return;
    }
    if (level === 6) {
      this.unary();
      return;
    }
    this.binary(level + 1);
    while (this.atOperator(level)) {
      this.pos++;
      this.binary(level + 1);
    }
  }

  private atOperator(level: number): boolean {
    const tok = this.peek;
    if (level === 0) return this.isWord('or') || this.isOp('||');
    if (level === 1) return this.isWord('and') || this.isOp('&&');
    if (tok.t !== 'op') return false;
    if (level === 3) return COMPARE.has(tok.text);
    if (level === 4) return tok.text === '+' || tok.text === '-';
    return tok.text === '*' || tok.text === '/' || tok.text === '%';
  }

  private unary(): void {
    if (this.isOp('-') || this.isOp('+')) {
      this.pos++;
      this.unary();
      return;
    }
    this.postfix();
    if (this.isOp('^')) {
      this.pos++;
      this.unary();
    }
  }

  private postfix(): void {
    this.primary();
    while (this.isOp('.')) {
      this.pos++;
      const tok = this.peek;
      if (tok.t !== 'name') this.fail('a function name after "."');
      this.pos++;
      if (this.isOp('(')) this.call(tok.text, tok.at, true);
    }
  }

  private primary(): void {
    const tok = this.peek;
    if (tok.t === 'num' || tok.t === 'str' || tok.t === 'ref') {
      this.pos++;
      return;
    }
    if (tok.t === 'name') {
      this.pos++;
      if (this.isOp('(')) this.call(tok.text, tok.at, false);
      return;
    }
    if (this.isOp('(')) {
      this.pos++;
      this.expr();
      this.expect(')', '")" to close the "(" opened before');
      return;
    }
    if (this.isOp('[')) {
      this.pos++;
      this.args(']');
      return;
    }
    this.fail('a value (a number, a "string", prop("…"), a function call or "(")');
  }

  /** At `(`: the arguments of a call of `name` (a method call when `method`). */
  private call(name: string, at: number, method: boolean): void {
    if (!FORMULA_FUNCTIONS.has(name)) this.unknown.push({ index: at, name });
    if (name === 'prop' && !method) {
      this.pos++;
      const arg = this.peek;
      if (arg.t !== 'str') this.fail('the property name as a "string" in prop("…")');
      this.pos++;
      this.expect(')', '")": prop("…") takes exactly one property name');
      return;
    }
    this.pos++;
    this.args(')');
  }

  /** After the opening bracket: comma-separated expressions up to `close`. */
  private args(close: ')' | ']'): void {
    if (this.isOp(close)) {
      this.pos++;
      return;
    }
    for (;;) {
      this.expr();
      if (this.isOp(',')) {
        this.pos++;
        continue;
      }
      this.expect(close, `"," or "${close}"`);
      return;
    }
  }
}

/** Results by expression: schemas repeat formulas (a pattern copied to every data source). Bounded. */
const parsed = new Map<string, FormulaParse>();
const PARSED_LIMIT = 10_000;

/** Parses a formula expression; never throws. Pure (results are remembered, and frozen). */
export function parseFormula(expression: string): FormulaParse {
  const known = parsed.get(expression);
  if (known !== undefined) return known;
  const result = Object.freeze(parseUncached(expression));
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(expression, result);
  return result;
}

function parseUncached(expression: string): FormulaParse {
  try {
    const parser = new Parser(tokenize(expression));
    try {
      parser.parseAll();
    } catch (err) {
      if (err instanceof SyntaxFail) return { error: { index: err.index, message: err.message }, unknownFunctions: parser.unknown };
      throw err;
    }
    return { error: null, unknownFunctions: parser.unknown };
  } catch (err) {
    if (err instanceof SyntaxFail) return { error: { index: err.index, message: err.message }, unknownFunctions: [] };
    if (err instanceof RangeError) return { error: { index: 0, message: 'the expression nests too deeply' }, unknownFunctions: [] };
    throw err;
  }
}
