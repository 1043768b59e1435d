import { createHash } from 'node:crypto';
import type { MigrationSpec } from '../types.js';

/**
 * A migration's id: stable for the same spec (so a re-run finds its journal), safe as a file name.
 * `option-<data source prefix>-<hash>` or `convert-<data source prefix>-<hash>`.
 */
export function migrationId(spec: MigrationSpec): string {
  const canonical = JSON.stringify(spec, Object.keys(spec).sort());
  const full = JSON.stringify([canonical, spec.kind === 'option' ? [spec.from, spec.to.name, spec.to.color ?? null] : [spec.from, spec.to, spec.rules, spec.options ?? null]]);
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 12);
  return `${spec.kind}-${spec.dataSourceId.replace(/-/g, '').slice(0, 8)}-${hash}`;
}

/** The temporary property of a conversion: recognisable, unique to the migration. */
export function temporaryPropertyName(name: string, id: string): string {
  return `${name.slice(0, 80)} (migrating ${id.slice(-8)})`;
}
