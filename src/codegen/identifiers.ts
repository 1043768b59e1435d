/**
 * Safe TypeScript identifiers for arbitrary Notion names (emoji, spaces, leading
 * digits, reserved words). Pure and deterministic: the same inputs in the same
 * order always give the same identifiers.
 */

/** Words that may not be used as identifiers (reserved, strict-mode reserved, and contextual names we avoid). */
const RESERVED: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'as', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public',
  'static', 'yield', 'await', 'any', 'boolean', 'constructor', 'declare', 'get', 'module', 'require',
  'number', 'set', 'string', 'symbol', 'type', 'from', 'of', 'never', 'unknown', 'object', 'undefined',
  'arguments', 'eval', 'async', 'namespace', 'keyof', 'readonly', 'infer', 'is', 'asserts', 'satisfies',
  'accessor', 'abstract', 'override', 'out', 'bigint', 'global', 'unique',
]);

/** Splits a name into ASCII alphanumeric words; accents are folded (é → e), everything else separates words. */
export function words(name: string): string[] {
  const folded = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return folded.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
}

function capitalize(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/**
 * `Full name` → `FullName`. Returns `fallback` when the name has no ASCII letters or digits;
 * a leading digit gets `prefix` (`2024 plan` → `T2024Plan`). Always matches `^[A-Za-z][A-Za-z0-9]*$`
 * when `fallback` and `prefix` do.
 */
export function pascalIdentifier(name: string, fallback: string, prefix = 'T'): string {
  const ws = words(name);
  const base = ws.length === 0 ? fallback : ws.map(capitalize).join('');
  return /^[0-9]/.test(base) ? prefix + base : base;
}

/**
 * `Full name` → `fullName`; `URL` → `url`; `class` → `class_`; `1st` → `_1st`; `🏢` → `fallback`.
 * Always a valid identifier that is not a reserved word.
 */
export function camelIdentifier(name: string, fallback: string): string {
  const ws = words(name);
  if (ws.length === 0) return fallback;
  const [first = '', ...rest] = ws;
  const base = first.toLowerCase() + rest.map(capitalize).join('');
  if (/^[0-9]/.test(base)) return `_${base}`;
  return RESERVED.has(base) ? `${base}_` : base;
}

/**
 * Hands out identifiers that never collide: the first request for a base gets it as is,
 * later ones get `base2`, `base3`, … (skipping any already taken).
 * A request may reserve a group of derived names at once (`Foo`, `FooRow`, `parseFoo`),
 * so that derived names never collide either.
 */
export class IdentifierAllocator {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }

  /** Allocates `base` (or `base<N>`), reserving every name `derive` gives for it. Returns the chosen base. */
  allocate(base: string, derive: (b: string) => readonly string[] = (b) => [b]): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      const names = derive(candidate);
      if (names.every((x) => !this.used.has(x))) {
        for (const x of names) this.used.add(x);
        return candidate;
      }
    }
  }
}
