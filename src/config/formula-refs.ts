/** A `prop("Name")` reference found in a formula expression. */
export interface FormulaRef {
  readonly name: string;
  /** Offset of `prop(` in the expression. */
  readonly index: number;
}

const PROP_REF = /\bprop\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g;

/** Every `prop("…")` reference in `expression` (with `\"` and `\\` unescaped), in order. Pure. */
export function formulaRefs(expression: string): FormulaRef[] {
  const out: FormulaRef[] = [];
  for (const m of expression.matchAll(PROP_REF)) {
    out.push({ name: (m[1] ?? '').replace(/\\(.)/g, '$1'), index: m.index });
  }
  return out;
}
