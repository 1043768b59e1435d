import { createHash } from 'node:crypto';
import type { MigrationSpec } from '../types.js';

/** JSON with object keys sorted at every level (so equal specs hash equally whatever their key order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * A migration's id: the same for equal specs (so a re-run finds its journal and its temporary
 * option or property), safe as a file name: `<kind>-<data source prefix>-<12 hex>`.
 */
export function migrationId(spec: MigrationSpec): string {
  const hash = createHash('sha256').update(canonical(spec)).digest('hex').slice(0, 12);
  return `${spec.kind}-${spec.dataSourceId.replace(/-/g, '').slice(0, 8)}-${hash}`;
}

/** The temporary property of a conversion: recognisable, unique to the migration. */
export function temporaryPropertyName(name: string, id: string): string {
  return `${name.slice(0, 80)} (migrating ${id.slice(-8)})`;
}
