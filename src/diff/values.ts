import type { Icon } from '../model/index.js';

/** Deep structural equality for JSON-like values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function iconEqual(a: Icon | null, b: Icon | null): boolean {
  return jsonEqual(a, b);
}

/** Human form of an icon, for reasons and renderers. */
export function iconText(icon: Icon | null): string {
  if (icon === null) return 'none';
  return icon.type === 'emoji' ? icon.emoji : icon.url;
}
