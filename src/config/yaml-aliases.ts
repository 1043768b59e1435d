import type { Document, Node } from 'yaml';
import { yamlLib } from './lazy-yaml.js';

/**
 * The same count as `maxAliasExpansions` (source-index.ts), on a `yaml` Document: the most often
 * one anchored mapping or sequence is copied by aliases (and `<<` merges) when the value is
 * written out in full, expansions inside expansions included; scalars are free. Linear in the
 * document. An alias cycle counts as unbounded (Infinity).
 */
export function documentAliasExpansions(doc: Document): number {
  const { isAlias, isMap, isPair, isSeq } = yamlLib();
  const children = (node: Node): { readonly child: Node; readonly alias: boolean }[] => {
    const out: { child: Node; alias: boolean }[] = [];
    const add = (n: unknown): void => {
      if (isAlias(n)) {
        const target = n.resolve(doc);
        if (target && (isMap(target) || isSeq(target))) out.push({ child: target, alias: true });
      } else if (isMap(n) || isSeq(n)) {
        out.push({ child: n, alias: false });
      }
    };
    if (isMap(node)) for (const p of node.items) if (isPair(p)) { add(p.key); add(p.value); }
    if (isSeq(node)) for (const item of node.items) add(item);
    return out;
  };
  const order: Node[] = [];
  const state = new Map<Node, 'open' | 'done'>();
  let cycle = false;
  const visit = (node: Node): void => {
    const s = state.get(node);
    if (s === 'open') cycle = true;
    if (s !== undefined) return;
    state.set(node, 'open');
    for (const { child } of children(node)) visit(child);
    state.set(node, 'done');
    order.push(node);
  };
  const root = doc.contents;
  if (!root || !(isMap(root) || isSeq(root))) return 0;
  visit(root);
  if (cycle) return Infinity;
  const times = new Map<Node, number>([[root, 1]]);
  const copies = new Map<Node, number>();
  let max = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as Node;
    const n = times.get(node) ?? 0;
    for (const { child, alias } of children(node)) {
      times.set(child, (times.get(child) ?? 0) + n);
      if (!alias) continue;
      const c = (copies.get(child) ?? 0) + n;
      copies.set(child, c);
      if (c > max) max = c;
    }
  }
  return max;
}
